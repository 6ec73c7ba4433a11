"""Versions finer than a table (`FINER`): a number that grows only with the changes of a table
that some rules can see, so that a change the rule cannot see leaves its kept count good. An
idea submitted inserts an idea, an organisation and a stage spell in "submitted", still open:
none of them can change the supported enterprises (CO01, CO04, CO05), CO29 or time in stage, and
with these versions those stay kept (`figures.kept.counted`, `follows`).

Each is named `table:aspect` and moves beside the table's own version (which still moves with
every change), in the changing transaction, whoever writes: on SQLite a trigger per row with its
condition; on PostgreSQL a statement trigger that looks for a row meeting the condition among
those the statement changed and then adds one, as the table versions do, to the first row of
that name no other transaction holds, or to a new row, so that writers never wait for each other.
"""

from django.db import migrations

#: The stages of non-financial support (`figures.counting.indicators.SUPPORT_STAGES`).
SUPPORT_STAGES = "('screening', 'support', 'pilot', 'market')"


def _spell_in_support(row: str) -> str:
    return f"({row}.stage IN {SUPPORT_STAGES} OR {row}.exit_stage IN {SUPPORT_STAGES})"


#: For each finer version, the condition (on NEW and OLD) under which an insert, an update or a
#: delete moves it; no entry: that operation never does; None: it always does.
FINER = {
    # An organisation inserted has no idea, reach or outcome yet: the enterprises' rules see it
    # only once something points to it (and that change moves its own version).
    "reach_organisation:changed": {"update": None, "delete": None},
    # An idea inserted has no spell, activity or outcome yet; its stage and status are read from
    # the spells, not from the idea, by the enterprises' rules.
    "workflows_idea:organisation": {
        "update": "OLD.organisation_id IS DISTINCT FROM NEW.organisation_id",
        "delete": None,
    },
    # What the ideas are counted by when broken down by challenge area: when they were submitted.
    "workflows_idea:created": {
        "insert": None,
        "update": "OLD.created IS DISTINCT FROM NEW.created",
        "delete": None,
    },
    # Spells in (or ended from) the support stages: what non-financial support reads.
    "workflows_stagespell:support": {
        "insert": _spell_in_support("NEW"),
        "update": f"{_spell_in_support('OLD')} OR {_spell_in_support('NEW')}",
        "delete": _spell_in_support("OLD"),
    },
    # Spells that were left: what time in stage reads (an open spell has no length yet).
    "workflows_stagespell:left": {
        "insert": 'NEW."left" IS NOT NULL',
        "update": 'OLD."left" IS NOT NULL OR NEW."left" IS NOT NULL',
        "delete": 'OLD."left" IS NOT NULL',
    },
    # Reaches at events: what "supported in any form" reads of the register.
    "reach_reach:event": {
        "insert": "NEW.channel = 'event'",
        "update": "OLD.channel = 'event' OR NEW.channel = 'event'",
        "delete": "OLD.channel = 'event'",
    },
}


def trigger_names() -> set[str]:
    return {_name(version, operation) for version, operations in FINER.items() for operation in operations}


def _name(version: str, operation: str) -> str:
    return f"figures_finer_{version.replace(':', '_')}_{operation}"


SQLITE_BUMP = (
    "INSERT INTO figures_dataversion (counted, n) SELECT '{version}', 0 "
    "WHERE NOT EXISTS (SELECT 1 FROM figures_dataversion WHERE counted = '{version}'); "
    "UPDATE figures_dataversion SET n = n + 1 WHERE counted = '{version}';"
)
#: PostgreSQL: once a statement, over its rows (transition tables, so that a bulk change does not
#: update the version's row once a row: that took 5 s for 17 000 spells), as the table versions.
POSTGRESQL_BUMP = """CREATE FUNCTION figures_dataversion_bump_finer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved boolean;
BEGIN
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM ' || TG_ARGV[1] || ' WHERE ' || TG_ARGV[2] || ')' INTO moved;
    IF NOT moved THEN
        RETURN NULL;
    END IF;
    UPDATE figures_dataversion SET n = n + 1 WHERE id = (
        SELECT id FROM figures_dataversion WHERE counted = TG_ARGV[0]
        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
    );
    IF NOT FOUND THEN
        INSERT INTO figures_dataversion (counted, n) VALUES (TG_ARGV[0], 1);
    END IF;
    RETURN NULL;
END $$"""

#: The rows a statement changed, as OLD and NEW, for each operation.
TRANSITION = {
    "insert": ("REFERENCING NEW TABLE AS new_rows", "new_rows AS NEW"),
    "update": (
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "old_rows AS OLD JOIN new_rows AS NEW ON NEW.id = OLD.id",
    ),
    "delete": ("REFERENCING OLD TABLE AS old_rows", "old_rows AS OLD"),
}


def _literal(sql: str) -> str:
    return "'" + sql.replace("'", "''") + "'"


def _statements(vendor: str) -> list[str]:
    made = [POSTGRESQL_BUMP] if vendor == "postgresql" else []
    for version, operations in FINER.items():
        table = version.split(":")[0]
        for operation, condition in operations.items():
            event = f"AFTER {operation.upper()} ON {table}"
            if vendor == "sqlite":
                when = f" WHEN {condition}" if condition else ""
                bump = SQLITE_BUMP.format(version=version)
                made.append(
                    f"CREATE TRIGGER {_name(version, operation)} {event} FOR EACH ROW{when} BEGIN {bump} END"
                )
            else:
                referencing, rows = TRANSITION[operation]
                arguments = ", ".join(map(_literal, (version, rows, condition or "true")))
                made.append(
                    f"CREATE TRIGGER {_name(version, operation)} {event} {referencing} FOR EACH STATEMENT "
                    f"EXECUTE FUNCTION figures_dataversion_bump_finer({arguments})"
                )
    return made


def _reverse_statements(vendor: str) -> list[str]:
    made = [
        f"DROP TRIGGER IF EXISTS {_name(version, operation)}"
        + (f" ON {version.split(':')[0]}" if vendor == "postgresql" else "")
        for version, operations in FINER.items()
        for operation in operations
    ]
    return made + (
        ["DROP FUNCTION IF EXISTS figures_dataversion_bump_finer()"] if vendor == "postgresql" else []
    )


def create(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in _reverse_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    # After the counted tables' last migrations: on SQLite a table rebuilt drops its triggers.
    dependencies = [
        ("figures", "0003_versions_per_table"),
        ("workflows", "0024_submission_days"),
        ("reach", "0003_figures_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]
