"""Indexes for the all-ideas list's text search (reference, title, organisation; `icontains`).

PostgreSQL: pg_trgm (a trusted extension: the database's owner may create it) and a trigram GIN
index on each column's upper case, the expression Django's `icontains` compares. SQLite: an
FTS5 table with the trigram tokenizer over the same columns, its content read from the idea
table and kept in step by triggers (`workflows.queries.containing` searches it). Either answers
a search of three characters or more from the index; shorter ones are read row by row.
"""

from django.db import migrations

COLUMNS = ("reference", "title", "organisation_name")

# Django's TrigramExtension is not used: migrating back on SQLite, it asks pg_extension.
POSTGRESQL = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"CREATE INDEX workflows_idea_{column}_trgm ON workflows_idea USING gin (UPPER({column}) gin_trgm_ops)"
    for column in COLUMNS
]
# The extension stays when migrating back: other database objects may have come to use it.
POSTGRESQL_REVERSE = [f"DROP INDEX IF EXISTS workflows_idea_{column}_trgm" for column in COLUMNS]

_listed = ", ".join(COLUMNS)
_new = ", ".join(f"new.{column}" for column in COLUMNS)
_old = ", ".join(f"old.{column}" for column in COLUMNS)
SQLITE = [
    f"CREATE VIRTUAL TABLE workflows_idea_text USING fts5({_listed}, content='workflows_idea', "
    "content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER workflows_idea_text_insert AFTER INSERT ON workflows_idea BEGIN "
    f"INSERT INTO workflows_idea_text(rowid, {_listed}) VALUES (new.id, {_new}); END",
    f"CREATE TRIGGER workflows_idea_text_delete AFTER DELETE ON workflows_idea BEGIN "
    f"INSERT INTO workflows_idea_text(workflows_idea_text, rowid, {_listed}) VALUES ('delete', old.id, {_old}); "
    "END",
    f"CREATE TRIGGER workflows_idea_text_update AFTER UPDATE OF {_listed} ON workflows_idea BEGIN "
    f"INSERT INTO workflows_idea_text(workflows_idea_text, rowid, {_listed}) VALUES ('delete', old.id, {_old}); "
    f"INSERT INTO workflows_idea_text(rowid, {_listed}) VALUES (new.id, {_new}); END",
    "INSERT INTO workflows_idea_text(workflows_idea_text) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS workflows_idea_text_insert",
    "DROP TRIGGER IF EXISTS workflows_idea_text_delete",
    "DROP TRIGGER IF EXISTS workflows_idea_text_update",
    "DROP TABLE IF EXISTS workflows_idea_text",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("workflows", "0012_team_members")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
