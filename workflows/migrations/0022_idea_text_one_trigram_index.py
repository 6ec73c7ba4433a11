"""PostgreSQL: one trigram index over an idea's reference, title and organisation together
(`workflows.models.SearchedText`) in place of one per field (migration 0013), so that the
all-ideas list's capped count of a search reads the index rather than the table. SQLite keeps its
FTS5 table: nothing changes there.

The count of a word in a tenth of 100 000 ideas reads 1 001 matches from the index (2-8 ms) or
the table in order until 1 001 match (10 000 rows, 25-35 ms); the planner picks by its estimate
of the matches, which the default sample of 30 000 rows put at 13 000 as often as at 9 000
(there are 9 700), tipping it to the table. A sample of 300 000 rows (statistics target 1 000,
the whole table at that size) put them at 8 500 on that copy, and the index was read.
"""

from django.db import migrations

COLUMNS = ("reference", "title", "organisation_name")

# The same expression as SearchedText's SQL: the planner uses the index only for an equal one.
TEXT = " || E'\\x1f' || ".join(COLUMNS)
FORWARD = [
    f"CREATE INDEX workflows_idea_text_trgm ON workflows_idea USING gin (UPPER({TEXT}) gin_trgm_ops)",
    "ALTER INDEX workflows_idea_text_trgm ALTER COLUMN 1 SET STATISTICS 1000",
    *(f"DROP INDEX IF EXISTS workflows_idea_{column}_trgm" for column in COLUMNS),
]
BACKWARD = [
    *(
        f"CREATE INDEX workflows_idea_{column}_trgm ON workflows_idea USING gin (UPPER({column}) gin_trgm_ops)"
        for column in COLUMNS
    ),
    "DROP INDEX IF EXISTS workflows_idea_text_trgm",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("workflows", "0021_idea_list_newest_by_id")]

    operations = [migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD))]
