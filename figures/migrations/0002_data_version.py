"""The figures' data version (`DataVersion`), kept by triggers on every table the counting rules
read: an insert, a delete, or an update (of the counted columns, for ideas) adds one.

SQLite takes one writer at a time: a trigger per row adds one to the single row (an upsert, so a
flushed table starts again). PostgreSQL fires once per statement and adds one to the first row no
other transaction has locked (`SKIP LOCKED`), or inserts a row when all are taken: two writers
never wait for each other here, so the triggers add no lock order that could deadlock.
"""

from django.db import migrations, models

#: The tables the counting rules read, and for ideas the columns they read (any change elsewhere).
COUNTED = {
    "workflows_idea": (
        "created",
        "stage",
        "status",
        "municipality_id",
        "organisation_type",
        "organisation_name",
        "organisation_id",
        "contact_person_id",
        "reference",
    ),
    "workflows_idea_challenge_areas": (),
    "workflows_stagespell": (),
    "workflows_supportactivity": (),
    "workflows_marketoutcome": (),
    "reach_reach": (),
    "reach_person": (),
    "reach_organisation": (),
    "cms_municipality": (),
    "cms_challengearea": (),
    "cms_partner": (),
    "figures_programmetargets": (),
}
OPERATIONS = ("insert", "update", "delete")


def trigger_names() -> set[str]:
    return {f"figures_version_{table}_{operation}" for table in COUNTED for operation in OPERATIONS}


def _event(table: str, operation: str) -> str:
    columns = COUNTED[table] if operation == "update" else ()
    return f"{operation.upper()}{' OF ' + ', '.join(columns) if columns else ''} ON {table}"


SQLITE_BUMP = (
    "INSERT INTO figures_dataversion (id, n) SELECT 1, 1 WHERE true "
    "ON CONFLICT (id) DO UPDATE SET n = figures_dataversion.n + 1"
)
POSTGRESQL_BUMP = """CREATE FUNCTION figures_dataversion_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE figures_dataversion SET n = n + 1 WHERE id = (
        SELECT id FROM figures_dataversion ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
    );
    IF NOT FOUND THEN
        INSERT INTO figures_dataversion (n) VALUES (1);
    END IF;
    RETURN NULL;
END $$"""


def _statements(vendor: str) -> list[str]:
    made = [POSTGRESQL_BUMP] if vendor == "postgresql" else []
    for table in COUNTED:
        for operation in OPERATIONS:
            name, event = f"figures_version_{table}_{operation}", _event(table, operation)
            if vendor == "sqlite":
                made.append(f"CREATE TRIGGER {name} AFTER {event} BEGIN {SQLITE_BUMP}; END")
            else:
                made.append(
                    f"CREATE TRIGGER {name} AFTER {event} FOR EACH STATEMENT "
                    "EXECUTE FUNCTION figures_dataversion_bump()"
                )
    return made


def _reverse_statements(vendor: str) -> list[str]:
    on = {"sqlite": lambda table: "", "postgresql": lambda table: f" ON {table}"}[vendor]
    made = [
        f"DROP TRIGGER IF EXISTS figures_version_{table}_{operation}{on(table)}"
        for table in COUNTED
        for operation in OPERATIONS
    ]
    return made + (["DROP FUNCTION IF EXISTS figures_dataversion_bump()"] if vendor == "postgresql" else [])


def create(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in _reverse_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("figures", "0001_targets"),
        ("workflows", "0021_idea_list_newest_by_id"),
        ("reach", "0003_figures_indexes"),
        ("cms", "0009_image_description_per_language"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("n", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "data version of the figures"},
        ),
        migrations.RunPython(create, drop),
    ]
