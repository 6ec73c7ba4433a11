"""The all-ideas list's text search indexes (`queries.containing`).

SQLite: the FTS5 table as a model: a search joins it, so the full-text index drives the query
and gives the matches newest first, stopping at the page's end. An `id IN (matches)` filter read
every match first: 40-100 ms for a word in a tenth or all of 100 000 ideas.

PostgreSQL: one trigram index over the three fields together (`SearchedText`, migration 0022).
With one index per field, the planner costed three `UPPER() LIKE`s a row too low and counted
a common word's matches by reading the table in order (25-40 ms at 100 000 ideas).
"""

from django.db import models
from django.db.models import F, Func, Lookup

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


class IdeaText(models.Model):
    """The FTS5 trigram table over each idea's reference, title and organisation (SQLite only,
    migration 0013, kept by triggers); its rowid is the idea's id."""

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
