"""The data version per table (`DataVersion.counted`): each trigger of migration 0002 adds one to
its own table's rows, so that a rule's count can be kept until a table it reads changes.

SQLite: each table's triggers are made again, adding one to the table's row (made when missing,
so a flushed table starts again). PostgreSQL: the triggers stay, and the function they run adds
one to the first row of the changed table (`TG_TABLE_NAME`) no other transaction has locked, or
inserts one: writers still never wait for each other.
"""

import importlib

from django.db import migrations, models

VERSIONS = importlib.import_module("figures.migrations.0002_data_version")

SQLITE_BUMP = (
    "INSERT INTO figures_dataversion (counted, n) SELECT '{table}', 0 "
    "WHERE NOT EXISTS (SELECT 1 FROM figures_dataversion WHERE counted = '{table}'); "
    "UPDATE figures_dataversion SET n = n + 1 WHERE counted = '{table}';"
)
POSTGRESQL_BUMP = """CREATE OR REPLACE FUNCTION figures_dataversion_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE figures_dataversion SET n = n + 1 WHERE id = (
        SELECT id FROM figures_dataversion WHERE counted = TG_TABLE_NAME
        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
    );
    IF NOT FOUND THEN
        INSERT INTO figures_dataversion (counted, n) VALUES (TG_TABLE_NAME, 1);
    END IF;
    RETURN NULL;
END $$"""


def _sqlite_triggers(bump) -> list[str]:
    return [
        f"CREATE TRIGGER figures_version_{table}_{operation} "
        f"AFTER {VERSIONS._event(table, operation)} BEGIN {bump(table)} END"
        for table in VERSIONS.COUNTED
        for operation in VERSIONS.OPERATIONS
    ]


def drop_sqlite_triggers(apps, schema_editor):
    """SQLite rebuilds the table to add the column, and checks every trigger that names it."""
    if schema_editor.connection.vendor == "sqlite":
        for name in sorted(VERSIONS.trigger_names()):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def per_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_BUMP)
        return
    for statement in _sqlite_triggers(lambda table: SQLITE_BUMP.format(table=table)):
        schema_editor.execute(statement)


def one_for_all(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VERSIONS.POSTGRESQL_BUMP.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"))
        return
    for statement in _sqlite_triggers(lambda table: f"{VERSIONS.SQLITE_BUMP};"):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("figures", "0002_data_version")]

    operations = [
        migrations.RunPython(drop_sqlite_triggers, one_for_all),
        migrations.AddField(
            model_name="dataversion",
            name="counted",
            field=models.CharField(default="", max_length=63),
        ),
        migrations.RunPython(per_table, drop_sqlite_triggers),
    ]
