"""The number of ideas kept in one row by triggers, for the all-ideas list's unfiltered total.

PostgreSQL counts 100 000 ideas by reading an index from end to end (about 10 ms, more under
load); the kept row is one read. The triggers count inserts and deletes whoever makes them; on
PostgreSQL once per statement (a bulk load adds its rows at once), on SQLite once per row. A
missing row is created by the first change (an upsert), as `workflows_waitingcount`'s are.
"""

from django.db import migrations, models

UPSERT = (
    "INSERT INTO workflows_ideacount (id, ideas) {rows} "
    "ON CONFLICT (id) DO UPDATE SET ideas = workflows_ideacount.ideas + excluded.ideas"
)

SQLITE = [
    "CREATE TRIGGER workflows_ideacount_insert AFTER INSERT ON workflows_idea BEGIN "
    + UPSERT.format(rows="SELECT 1, 1 WHERE true")
    + "; END",
    "CREATE TRIGGER workflows_ideacount_delete AFTER DELETE ON workflows_idea BEGIN "
    + UPSERT.format(rows="SELECT 1, -1 WHERE true")
    + "; END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS workflows_ideacount_insert",
    "DROP TRIGGER IF EXISTS workflows_ideacount_delete",
]

POSTGRESQL = [
    """CREATE FUNCTION workflows_ideacount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    """
    + UPSERT.format(
        rows="SELECT 1, CASE TG_OP WHEN 'INSERT' THEN COUNT(*) ELSE -COUNT(*) END FROM changed HAVING COUNT(*) > 0"
    )
    + """;
    RETURN NULL;
END $$""",
    "CREATE TRIGGER workflows_ideacount_insert AFTER INSERT ON workflows_idea "
    "REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION workflows_ideacount()",
    "CREATE TRIGGER workflows_ideacount_delete AFTER DELETE ON workflows_idea "
    "REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION workflows_ideacount()",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS workflows_ideacount_insert ON workflows_idea",
    "DROP TRIGGER IF EXISTS workflows_ideacount_delete ON workflows_idea",
    "DROP FUNCTION IF EXISTS workflows_ideacount()",
]
COUNT = "INSERT INTO workflows_ideacount (id, ideas) SELECT 1, COUNT(*) FROM workflows_idea"


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0019_figures_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="IdeaCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("ideas", models.IntegerField(default=0)),
            ],
        ),
        migrations.RunPython(
            _run({"sqlite": [COUNT, *SQLITE], "postgresql": [COUNT, *POSTGRESQL]}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
