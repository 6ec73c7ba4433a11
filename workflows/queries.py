"""Read-side helpers for the back office: inbox, queue, the idea's open task, scores, deadlines.

Each returns a queryset with a fixed number of queries whatever the data size. Tasks are
filtered on `Task.flow_task` (the IdeaFlow nodes), not on `process.flow_class` as Viewflow's
own inbox and queue do: that join scans every process.
"""

import datetime

from django.db import connection
from django.db.models import (
    DateTimeField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Upper
from django.utils import timezone
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .flows import IdeaFlow
from .models import (
    ConflictOfInterest,
    Idea,
    InChallengeArea,
    Score,
    SearchedText,
    StageSettings,
    SubmissionDay,
    TaskDeadline,
    WaitingCount,
    term,
)
from .pipeline import OPEN_STATUSES, TASKS

#: A count that would read more matches than this says "over" instead (the lists' filtered counts,
#: the dashboard's overdue tasks).
COUNTED_AT_MOST = 1000


def _nodes():
    return [getattr(IdeaFlow, name) for name in TASKS]


def held(user) -> QuerySet[TaskDeadline]:
    """The deadlines of the open tasks `user` has claimed, the most urgent first: the inbox's keys.

    Every reviewer task has a deadline (`actions.route_new_tasks`), and the deadline carries a
    copy of its task's status, holder and node (migration 0015): one index serves the filter,
    the order and the counts.
    """
    return TaskDeadline.objects.filter(task_owner=user, task_status=STATUS.ASSIGNED).order_by(
        "due", "task_id"
    )


def _permitted_nodes(user) -> list[str] | None:
    """The nodes whose queues `user` may take from (None without `workflows.view_ideaprocess`,
    as Viewflow's own queue)."""
    if not user.is_active or not user.has_perm("workflows.view_ideaprocess"):
        return None
    return [get_task_ref(node) for node in _nodes() if user.has_perm(node._owner_permission)]


def waiting(user) -> QuerySet[TaskDeadline]:
    """The deadlines of the unclaimed tasks `user` may claim: their groups' queues' keys, minus
    ideas they are in conflict with, the most urgent first."""
    permitted = _permitted_nodes(user)
    if permitted is None:
        return TaskDeadline.objects.none()
    conflicts = ConflictOfInterest.objects.filter(reviewer=user).values("idea_id")
    return (
        TaskDeadline.objects.filter(task_status=STATUS.NEW, node__in=permitted)
        .exclude(idea_id__in=conflicts)
        .order_by("due", "task_id")
    )


def waiting_count(user) -> int:
    """How many tasks `waiting` gives, exactly, without counting them one by one: the waiting
    tasks of the permitted nodes (`WaitingCount`) minus those of ideas `user` is in conflict with.
    One query."""
    permitted = _permitted_nodes(user)
    if not permitted:
        return 0
    # Summed over the reviewer's few conflicts, each counting its idea's waiting tasks: the
    # planners then start from the conflicts, not from the tens of thousands of waiting tasks.
    of_idea = (
        TaskDeadline.objects.filter(idea_id=OuterRef("idea_id"), task_status=STATUS.NEW, node__in=permitted)
        .order_by()
        .annotate(tasks=Func("pk", function="COUNT"))  # aggregates without GROUP BY
        .values("tasks")
    )
    in_conflict = (
        ConflictOfInterest.objects.filter(reviewer=user)
        .order_by()
        .annotate(tasks=Func(Subquery(of_idea), function="SUM"))
        .values("tasks")
    )
    total = WaitingCount.objects.filter(node__in=permitted).aggregate(
        tasks=Coalesce(Sum("tasks"), 0) - Coalesce(Subquery(in_conflict, output_field=IntegerField()), 0)
    )
    return total["tasks"]


def count_at_most(rows: QuerySet, at_most: int) -> int:
    """How many rows `rows` gives, counted up to `at_most` + 1 (an exact count reads every match:
    tens of thousands at 100 000 ideas), keys only. PostgreSQL reads them in no order, from
    whichever index finds them soonest. SQLite reads them in the rows' own order, as a page
    does: in no order its planner may start from another index (a stage's ideas) and ask the
    full-text index about each row, which takes seconds."""
    keys = rows if connection.vendor == "sqlite" else rows.order_by()
    return keys.values("pk")[: at_most + 1].count()


def waiting_overdue(user, total: int, now) -> int | None:
    """How many of the `total` tasks `waiting` gives are overdue at `now`: exact, or None when more
    than `COUNTED_AT_MOST` are overdue and more than that are not. Each side is counted up to
    `COUNTED_AT_MOST` + 1 from the deadlines' (status, due) index; the other is `total` minus it."""
    at_most = COUNTED_AT_MOST
    tasks = waiting(user)
    overdue = count_at_most(tasks.filter(due__lt=now), at_most)
    if overdue <= at_most:
        return overdue
    not_yet = count_at_most(tasks.filter(due__gte=now), at_most)
    return total - not_yet if not_yet <= at_most else None


#: How the tasks of `held` or `waiting` are ordered when read as tasks.
TASK_ORDER = ("deadline__due", "pk")


def tasks_of(deadlines: QuerySet[TaskDeadline]) -> QuerySet[Task]:
    """The tasks of `deadlines` (which may be sliced), with their idea and deadline, in their order."""
    return (
        Task.objects.filter(pk__in=deadlines.values("pk"))
        .select_related("process__idea", "deadline")
        .order_by(*TASK_ORDER)
    )


def inbox(user) -> QuerySet[Task]:
    """Open tasks `user` has claimed, the most urgent first."""
    return tasks_of(held(user))


def queue(user) -> QuerySet[Task]:
    """Unclaimed tasks `user` may claim, the most urgent first (see `waiting`)."""
    return tasks_of(waiting(user))


def containing(
    ideas: QuerySet[Idea], text: str, *, stage: str = "", status: str = "", area: int | None = None
) -> QuerySet[Idea]:
    """The ideas whose reference, title or organisation contains `text`, in any case, and which are
    in `stage`, have `status` and are in the challenge area `area` (each when given).

    Served by indexes from three characters on: on PostgreSQL the three fields in upper case
    as one string (`SearchedText`) through its trigram index (migration 0022), ANDed with the
    index of the idea's areas (`InChallengeArea`) or of its stage and status; on SQLite one query
    of the trigram FTS5 table, which holds the stage, status and areas as terms too (migration
    0023), so that its index intersects the word's matches with the filter's rather than the
    list testing each match. It finds the same ideas (and folds the case of letters such as Å, Ä
    and Ö too, as PostgreSQL does). Shorter text is compared row by row.
    """
    if connection.vendor == "postgresql":
        # UPPER() of a constant is folded before planning: the pattern is a constant the index serves.
        found = ideas.alias(searched=SearchedText()).filter(searched__contains=Upper(Value(text)))
        found = _in(found, stage, status)
        return found.filter(InChallengeArea(area)) if area is not None else found
    if len(text) >= 3:
        query = "{reference title organisation_name} : " + _phrase(text)
        given = (("s", stage), ("t", status), ("a", area))
        query += "".join(f" AND terms : {_phrase(term(kind, value))}" for kind, value in given if value)
        # Joined and ordered by the index's rowid (the idea's id): the matches are read newest
        # first, as the list shows them, and the reading stops at the page's end.
        return ideas.filter(text__document__match=query).order_by("-text__newest")
    found = ideas.filter(
        Q(reference__icontains=text) | Q(title__icontains=text) | Q(organisation_name__icontains=text)
    )
    found = _in(found, stage, status)
    return in_challenge_area(found, area) if area is not None else found


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _in(ideas: QuerySet[Idea], stage: str, status: str) -> QuerySet[Idea]:
    return ideas.filter(**{name: value for name, value in (("stage", stage), ("status", status)) if value})


def in_challenge_area(ideas: QuerySet[Idea], area: int) -> QuerySet[Idea]:
    """The ideas in the challenge area `area`, as `EXISTS` on the (idea, area) unique index, tested
    on each idea as the list reads newest first (a join read every idea of the area and sorted
    them: 80-150 ms at 100 000 ideas)."""
    areas = Idea.challenge_areas.through.objects
    return ideas.filter(Exists(areas.filter(idea_id=OuterRef("pk"), challengearea_id=area)))


def submitted_between(
    ideas: QuerySet[Idea], since: datetime.datetime | None, before: datetime.datetime | None
) -> QuerySet[Idea]:
    """The ideas submitted at `since` or later and before `before` (either may be None).

    Before `before`, their ids are bounded by the last id of the days (UTC) up to it
    (`SubmissionDay`): the list, newest first by id, then starts near its first match instead of
    skipping every idea submitted since (33 000 of 100 000 for a year back). The bound is
    redundant (no such idea has a higher id), so the ideas are the same. With both ends, SQLite
    (which counts in the list's order too) compares the time through a no-op `+`, which no index
    serves: otherwise it read both ends' range from the index on `created` and sorted it by id
    (8-30 ms a year long). PostgreSQL's count, in no order, reads the range's keys from the
    index on (created, id) (migration 0024).
    """
    unindexed = since is not None and before is not None and connection.vendor == "sqlite"
    submitted = Unindexed("created", output_field=DateTimeField()) if unindexed else F("created")
    ideas = ideas.alias(submitted=submitted)
    if since is not None:
        ideas = ideas.filter(submitted__gte=since)
    if before is not None:
        ideas = ideas.filter(submitted__lt=before)
        last_day = (before - datetime.timedelta(microseconds=1)).astimezone(datetime.UTC).date()
        days = SubmissionDay.objects.filter(day__lte=last_day).order_by()
        bound = days.annotate(last=Func("last_idea", function="MAX")).values("last")  # no GROUP BY
        ideas = ideas.filter(pk__lte=Coalesce(Subquery(bound), 0))
    return ideas


class Unindexed(Func):
    """SQLite: a column's value through the no-op unary `+`, the documented way to keep the
    planner from an index on it."""

    template = "+%(expressions)s"


def open_task_of(idea: Idea) -> Task | None:
    """The idea's open reviewer task, if any."""
    return (
        Task.objects.filter(process_id=idea.process_id, flow_task__in=_nodes(), status__in=OPEN_STATUSES)
        .order_by("-pk")
        .first()
    )


def visible_scores(idea: Idea, user, stage: str):
    """The scores of `stage` that `user` may see: all of them once they submitted their own
    (or when they manage the programme), otherwise none."""
    scores = Score.objects.filter(idea=idea, stage=stage).select_related("criterion", "reviewer")
    if user.is_superuser or user.has_perm("workflows.manage_ideaprocess"):
        return scores
    if scores.filter(reviewer=user).exists():
        return scores
    return scores.none()


def overdue(now=None):
    """Deadlines of open reviewer tasks that have passed, oldest first (for the daily reminder job)."""
    now = now or timezone.now()
    return (
        TaskDeadline.objects.filter(due__lt=now, task__status__in=OPEN_STATUSES)
        .select_related("task", "idea")
        .order_by("due")
    )


def overdue_for_managers(now=None):
    """Overdue deadlines past their stage's `overdue_notify_days` that managers were not told of."""
    now = now or timezone.now()
    condition = Q(pk__in=[])
    for row in StageSettings.objects.all():
        condition |= Q(stage=row.stage, due__lt=now - datetime.timedelta(days=row.overdue_notify_days))
    return overdue(now).filter(condition, managers_told__isnull=True)
