"""Read-side helpers for the back office: inbox, queue, the idea's open task, scores, deadlines.

Each returns a queryset with a fixed number of queries whatever the data size. Tasks are
filtered on `Task.flow_task` (the IdeaFlow nodes), not on `process.flow_class` as Viewflow's
own inbox and queue do: that join scans every process.
"""

import datetime

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .flows import IdeaFlow
from .models import ConflictOfInterest, Idea, Score, StageSettings, TaskDeadline
from .pipeline import OPEN_STATUSES, TASKS


def _nodes():
    return [getattr(IdeaFlow, name) for name in TASKS]


def _with_idea(queryset):
    return queryset.select_related("process__idea", "deadline").order_by("deadline__due", "pk")


def inbox(user):
    """Open tasks `user` has claimed, the most urgent first."""
    return _with_idea(Task.objects.filter(flow_task__in=_nodes(), status=STATUS.ASSIGNED, owner=user))


def queue(user):
    """Unclaimed tasks `user` may claim: their groups' queues, minus ideas they are in conflict with.

    Like Viewflow's own queue, it is empty without `workflows.view_ideaprocess`.
    """
    if not user.is_active or not user.has_perm("workflows.view_ideaprocess"):
        return Task.objects.none()
    permitted = [node for node in _nodes() if user.has_perm(node._owner_permission)]
    # NOT IN over the user's few conflicts, read once, rather than a subquery per waiting task.
    conflicts = ConflictOfInterest.objects.filter(reviewer=user, idea__process__isnull=False).values(
        "idea__process_id"
    )
    return _with_idea(
        Task.objects.filter(flow_task__in=permitted, status=STATUS.NEW).exclude(process_id__in=conflicts)
    )


def containing(ideas: QuerySet[Idea], text: str) -> QuerySet[Idea]:
    """The ideas whose reference, title or organisation contains `text`, in any case.

    Served by indexes (migration 0012) from three characters on: on PostgreSQL `icontains`
    itself, through trigram indexes; on SQLite a phrase of the trigram FTS5 table, which finds
    the same ideas (and folds the case of letters such as Å, Ä and Ö too, as PostgreSQL does).
    Shorter text is compared row by row.
    """
    if connection.vendor == "sqlite" and len(text) >= 3:
        phrase = '"' + text.replace('"', '""') + '"'
        found = RawSQL("SELECT rowid FROM workflows_idea_text WHERE workflows_idea_text MATCH %s", [phrase])
        return ideas.filter(pk__in=found)
    return ideas.filter(
        Q(reference__icontains=text) | Q(title__icontains=text) | Q(organisation_name__icontains=text)
    )


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
