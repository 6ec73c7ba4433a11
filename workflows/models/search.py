"""The all-ideas list's text search indexes (`queries.containing`), which also answer its
challenge area, stage and status filters when a search is set (migration 0023).

SQLite: the FTS5 table as a model: a search joins it, so the full-text index drives the query
and gives the matches newest first, stopping at the page's end. An `id IN (matches)` filter read
every match first: 40-100 ms for a word in a tenth or all of 100 000 ideas.

PostgreSQL: one trigram index over the three fields together (`SearchedText`, migration 0022).
With one index per field, the planner costed three `UPPER() LIKE`s a row too low and counted
a common word's matches by reading the table in order (25-40 ms at 100 000 ideas). The idea's
challenge areas are an array column beside it (`InChallengeArea`), with a GIN index the planner
ANDs with the trigram index.
"""

from django.db import models
from django.db.models import F, Func, Lookup, Value

from .ideas import Idea


class FullTextColumn(models.TextField):
    """An FTS5 table's hidden column named after the table: `column MATCH query`."""


@FullTextColumn.register_lookup
class Match(Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


#: The stages' and statuses' codes in `terms`: a value's own letters would make trigrams that
#: titles share ("upp" of "support"), and every such trigram's rows are read to match it. Fixed
#: here and in migration 0023's triggers; a value without a code is written as itself.
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


def term(kind: str, value) -> str:
    """One of an idea's terms in the full-text table's `terms` column, as migration 0023's triggers
    write them: a kind ('s' stage, 't' status, 'a' challenge area), the stage's or status's code
    or the area's id, between unit separators, which nobody types: the term's trigrams are then
    found in no title, and a term never matches within another."""
    code = {"s": STAGE_CODES, "t": STATUS_CODES}.get(kind, {}).get(value, value)
    return f"\x1f{kind}{code}\x1f"


class IdeaText(models.Model):
    """The FTS5 trigram table over each idea's reference, title and organisation, and its stage,
    status and challenge areas as `term`s (SQLite only, migrations 0013 and 0023, kept by
    triggers); its rowid is the idea's id."""

    idea = models.OneToOneField(
        Idea,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name="text",
    )
    document = FullTextColumn(db_column="workflows_idea_text")
    # The rowid again under its other name: ordered by `idea`, Django would order by the idea's
    # own id, which the full-text index cannot give in order.
    newest = models.IntegerField(db_column="oid")

    class Meta:
        managed = False
        db_table = "workflows_idea_text"

    def __str__(self):
        return f"text of idea {self.idea_id}"


class SearchedText(Func):
    """An idea's reference, title and organisation in upper case, one string: the expression
    PostgreSQL's trigram index `workflows_idea_text_trgm` holds (migration 0022), written the
    same way so that the planner matches them. The unit separator between the fields is a
    character nobody types, so a search never matches across two of them."""

    template = "UPPER(%(expressions)s)"
    arg_joiner = " || E'\\x1f' || "
    output_field = models.TextField()

    def __init__(self):
        super().__init__(F("reference"), F("title"), F("organisation_name"))


class InChallengeArea(Func):
    """Whether the idea is in a challenge area, from its array of areas (PostgreSQL only, migration
    0023): a column Django does not manage, kept by triggers on the areas' table, named on the
    idea's table under the alias this query gives it."""

    output_field = models.BooleanField()

    def __init__(self, area_id: int):
        super().__init__(F("pk"), Value(area_id))

    def as_sql(self, compiler, connection, **extra_context):
        pk, area = self.get_source_expressions()
        value, params = compiler.compile(area)
        table = compiler.quote_name_unless_alias(pk.alias)  # as Django names the idea's columns
        return f"{table}.challenge_area_ids @> ARRAY[{value}]::bigint[]", params
