"""Counts kept exact by database triggers, so a list's total is one row read, not a count of
100 000 rows. The triggers fire whoever writes (our actions, Viewflow, a bulk load); Django's
SQLite schema editor drops a table's triggers when it rebuilds the table for some `AlterField`s,
so `tests/workflows/test_kept_counts.py` checks that every trigger is there after the migrations."""

from django.db import models


class WaitingCount(models.Model):
    """How many reviewer tasks wait unclaimed at each flow node, exact: database triggers on the
    deadlines' copies (migration 0015) keep it, so a queue's count is a sum of a few rows rather
    than a count of tens of thousands (`queries.waiting_count`)."""

    node = models.CharField(max_length=255, primary_key=True)
    tasks = models.IntegerField(default=0)

    def __str__(self):
        return f"{self.node}: {self.tasks}"


class IdeaCount(models.Model):
    """How many ideas there are: one row (`ROW`), kept by triggers on inserts and deletes of ideas
    (migration 0020), for the all-ideas list's unfiltered total (`backoffice.access.visible_count`)."""

    ROW = 1

    ideas = models.IntegerField(default=0)

    def __str__(self):
        return f"{self.ideas} ideas"


class SubmissionDay(models.Model):
    """For each day (UTC) on which ideas were submitted, an id no lower than any of that day's
    ideas': the highest, kept by triggers on inserts and on changes of the submission time
    (migration 0024), never lowered when an idea is deleted or moved to another day, so it stays
    a bound. "Submitted to" a date reads the all-ideas list newest first by id from the bound of
    its days, rather than past every idea submitted since (`queries.submitted_between`)."""

    day = models.DateField(primary_key=True)
    last_idea = models.BigIntegerField()

    def __str__(self):
        return f"{self.day}: ideas up to {self.last_idea}"
