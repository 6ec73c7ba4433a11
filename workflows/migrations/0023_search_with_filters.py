"""The all-ideas list's text search answers its challenge area, stage and status from the same
index as the text, so that a common word with a filter no longer reads the word's matches one by
one until enough also pass the filter (12-44 ms at 100 000 ideas for a word in a tenth of them).

SQLite: the FTS5 table gets a fourth column, `terms`, holding the idea's stage, status and
challenge areas as short terms between unit separators (`workflows.models.search.term`: the
same form); a search with such a filter is one full-text query, whose index intersects the
word's rows with the filter's. The table now keeps its own copy of the text (not read from
`workflows_idea` any more), so that a row is replaced by its rowid alone: the areas live in
another table, and an external-content table must be told a row's old values to remove it.
Triggers on the idea and on its areas rewrite an idea's row from the tables on every change.

PostgreSQL: the idea's challenge areas as an array column with a GIN index, which the planner
ANDs with the text's trigram index in one bitmap (a column Django does not manage: triggers on
the areas keep it, and Django's writes of an idea never touch it). The stage and status have a
B-tree index already (`workflows_idea_stage_newest`).
"""

from django.db import migrations

COLUMNS = ("reference", "title", "organisation_name")
_listed = ", ".join(COLUMNS)
_of_i = ", ".join(f"i.{column}" for column in COLUMNS)

# The stages' and statuses' codes, as `workflows.models.search.STAGE_CODES` and `STATUS_CODES`.
STAGE_CODES = {"submitted": 1, "screening": 2, "support": 3, "pilot": 4, "market": 5, "graduated": 6}
STATUS_CODES = {
    "active": 1,
    "on_hold": 2,
    "awaiting_applicant": 3,
    "rejected": 4,
    "withdrawn": 5,
    "closed": 6,
    "graduated": 7,
}


def _code(column: str, codes: dict[str, int]) -> str:
    whens = " ".join(f"WHEN '{value}' THEN '{code}'" for value, code in codes.items())
    return f"CASE {column} {whens} ELSE {column} END"


# An idea's terms, as `workflows.models.search.term` writes them (`i` is the idea's row).
SQLITE_TERMS = (
    f"char(31) || 's' || {_code('i.stage', STAGE_CODES)} || char(31) || ' ' || "
    f"char(31) || 't' || {_code('i.status', STATUS_CODES)} || char(31) || "
    "coalesce((SELECT group_concat(' ' || char(31) || 'a' || a.challengearea_id || char(31), '') "
    "FROM workflows_idea_challenge_areas a WHERE a.idea_id = i.id), '')"
)


def _write(idea: str) -> str:
    return (
        f"INSERT INTO workflows_idea_text (rowid, {_listed}, terms) "
        f"SELECT i.id, {_of_i}, {SQLITE_TERMS} FROM workflows_idea i WHERE i.id = {idea};"
    )


def _rewrite(idea: str) -> str:
    return f"DELETE FROM workflows_idea_text WHERE rowid = {idea}; " + _write(idea)


SQLITE = [
    "DROP TRIGGER IF EXISTS workflows_idea_text_insert",
    "DROP TRIGGER IF EXISTS workflows_idea_text_delete",
    "DROP TRIGGER IF EXISTS workflows_idea_text_update",
    "DROP TABLE IF EXISTS workflows_idea_text",
    f"CREATE VIRTUAL TABLE workflows_idea_text USING fts5({_listed}, terms, tokenize='trigram')",
    f"CREATE TRIGGER workflows_idea_text_insert AFTER INSERT ON workflows_idea BEGIN {_write('new.id')} END",
    "CREATE TRIGGER workflows_idea_text_delete AFTER DELETE ON workflows_idea BEGIN "
    "DELETE FROM workflows_idea_text WHERE rowid = old.id; END",
    f"CREATE TRIGGER workflows_idea_text_update AFTER UPDATE OF {_listed}, stage, status ON workflows_idea "
    f"BEGIN {_rewrite('new.id')} END",
    "CREATE TRIGGER workflows_idea_text_area_insert AFTER INSERT ON workflows_idea_challenge_areas "
    f"BEGIN {_rewrite('new.idea_id')} END",
    "CREATE TRIGGER workflows_idea_text_area_delete AFTER DELETE ON workflows_idea_challenge_areas "
    f"BEGIN {_rewrite('old.idea_id')} END",
    "CREATE TRIGGER workflows_idea_text_area_update AFTER UPDATE ON workflows_idea_challenge_areas "
    f"BEGIN {_rewrite('old.idea_id')} {_rewrite('new.idea_id')} END",
    f"INSERT INTO workflows_idea_text (rowid, {_listed}, terms) SELECT i.id, {_of_i}, {SQLITE_TERMS} "
    "FROM workflows_idea i",
]
# Back to migration 0013's external-content table and its triggers.
SQLITE_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS workflows_idea_text_{name}"
        for name in ("insert", "delete", "update", "area_insert", "area_delete", "area_update")
    ),
    "DROP TABLE IF EXISTS workflows_idea_text",
    f"CREATE VIRTUAL TABLE workflows_idea_text USING fts5({_listed}, content='workflows_idea', "
    "content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER workflows_idea_text_insert AFTER INSERT ON workflows_idea BEGIN "
    f"INSERT INTO workflows_idea_text(rowid, {_listed}) VALUES (new.id, {', '.join(f'new.{c}' for c in COLUMNS)}); END",
    f"CREATE TRIGGER workflows_idea_text_delete AFTER DELETE ON workflows_idea BEGIN "
    f"INSERT INTO workflows_idea_text(workflows_idea_text, rowid, {_listed}) "
    f"VALUES ('delete', old.id, {', '.join(f'old.{c}' for c in COLUMNS)}); END",
    f"CREATE TRIGGER workflows_idea_text_update AFTER UPDATE OF {_listed} ON workflows_idea BEGIN "
    f"INSERT INTO workflows_idea_text(workflows_idea_text, rowid, {_listed}) "
    f"VALUES ('delete', old.id, {', '.join(f'old.{c}' for c in COLUMNS)}); "
    f"INSERT INTO workflows_idea_text(rowid, {_listed}) VALUES (new.id, {', '.join(f'new.{c}' for c in COLUMNS)}); END",
    "INSERT INTO workflows_idea_text(workflows_idea_text) VALUES ('rebuild')",
]

# The areas of the ideas named in `changed` (and `gone`), read again from the areas' table.
_REFRESH = """UPDATE workflows_idea i SET challenge_area_ids = ARRAY(
        SELECT a.challengearea_id FROM workflows_idea_challenge_areas a WHERE a.idea_id = i.id ORDER BY 1
    ) WHERE i.id IN ({ideas})"""
POSTGRESQL = [
    "ALTER TABLE workflows_idea ADD COLUMN challenge_area_ids bigint[] NOT NULL DEFAULT '{}'",
    _REFRESH.format(ideas="SELECT idea_id FROM workflows_idea_challenge_areas"),
    "CREATE INDEX workflows_idea_challenge_areas_gin ON workflows_idea USING gin (challenge_area_ids)",
    f"""CREATE FUNCTION workflows_idea_areas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {_REFRESH.format(ideas="SELECT idea_id FROM changed")};
    RETURN NULL;
END $$""",
    f"""CREATE FUNCTION workflows_idea_areas_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {_REFRESH.format(ideas="SELECT idea_id FROM changed UNION SELECT idea_id FROM gone")};
    RETURN NULL;
END $$""",
    "CREATE TRIGGER workflows_idea_areas_insert AFTER INSERT ON workflows_idea_challenge_areas "
    "REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION workflows_idea_areas()",
    "CREATE TRIGGER workflows_idea_areas_delete AFTER DELETE ON workflows_idea_challenge_areas "
    "REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION workflows_idea_areas()",
    "CREATE TRIGGER workflows_idea_areas_update AFTER UPDATE ON workflows_idea_challenge_areas "
    "REFERENCING OLD TABLE AS gone NEW TABLE AS changed FOR EACH STATEMENT "
    "EXECUTE FUNCTION workflows_idea_areas_moved()",
]
POSTGRESQL_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS workflows_idea_areas_{name} ON workflows_idea_challenge_areas"
        for name in ("insert", "delete", "update")
    ),
    "DROP FUNCTION IF EXISTS workflows_idea_areas()",
    "DROP FUNCTION IF EXISTS workflows_idea_areas_moved()",
    "ALTER TABLE workflows_idea DROP COLUMN IF EXISTS challenge_area_ids",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("workflows", "0022_idea_text_one_trigram_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
