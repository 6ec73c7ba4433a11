"""What every action shares: the lock, the precondition checks, the audit entry, task routing."""

import datetime
from contextlib import contextmanager

from django.db.models import Exists, OuterRef
from django.utils import timezone
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .. import errors
from ..flows import IdeaFlow
from ..models import (
    STAGE_EVENTS,
    AuditEntry,
    ConflictOfInterest,
    Idea,
    IdeaProcess,
    StageSettings,
    Status,
    StatusToken,
    TaskDeadline,
    record_stage_change,
)
from ..notifications import email_group_new_task
from ..pipeline import OPEN_STATUSES, TASKS


@contextmanager
def _flow_lock(process_id: int):
    try:
        with IdeaFlow.lock(process_id):
            yield
    except FlowLockFailed as exc:
        raise errors.Busy() from exc


@contextmanager
def locked_idea(idea_id: int):
    """One transaction holding the flow's lock on the idea's process; yields the idea read under it.

    The lock is Viewflow's own (`IdeaFlow.lock_impl`, SELECT ... FOR UPDATE on the process row),
    so our screens and Viewflow's serialise on the same row. Call actions outside any
    transaction: the lock retries by opening its own.
    """
    process_id = Idea.objects.filter(pk=idea_id).values_list("process_id", flat=True).first()
    if process_id is None:
        raise errors.NotFound()
    with _flow_lock(process_id):
        yield Idea.objects.get(pk=idea_id)


@contextmanager
def locked_task(task_id: int):
    """Like `locked_idea`, for a task: yields (idea, task), both read under the lock."""
    process_id = Task.objects.filter(pk=task_id).values_list("process_id", flat=True).first()
    if process_id is None:
        raise errors.NotFound()
    with _flow_lock(process_id):
        task = Task.objects.select_related("process").get(pk=task_id)
        idea = Idea.objects.filter(process_id=process_id).first()
        if idea is None or task.flow_task is None or task.flow_task.flow_class is not IdeaFlow:
            raise errors.NotFound()
        yield idea, task


@contextmanager
def locked_by_token(secret: str):
    """For the applicant's actions: yields the idea of an active status link, under the lock."""
    token = StatusToken.objects.find(secret)
    if token is None:
        raise errors.StatusLinkInvalid()
    with locked_idea(token.idea_id) as idea:
        # Re-read under the lock: a manager may have revoked the link meanwhile.
        if not StatusToken.objects.active().filter(pk=token.pk).exists():
            raise errors.StatusLinkInvalid()
        yield idea


def audit(idea: Idea, event: int, *, user=None, task=None, old=None, new=None) -> AuditEntry:
    """The action's one audit entry. Values must hold codes and ids only, never personal data.
    A stage change also closes and opens the idea's stage spells, in the same transaction."""
    entry = AuditEntry.objects.create(
        idea=idea, event=event, acting_user=user, task=task, old_value=old, new_value=new
    )
    if event in STAGE_EVENTS:
        record_stage_change(idea, new, entry.created)
    return entry


def require_not_finished(idea: Idea) -> None:
    if idea.is_finished:
        raise errors.IdeaFinished()


def require_open_human_task(task: Task) -> None:
    if task.status not in OPEN_STATUSES or task.flow_task_type != "HUMAN":
        raise errors.TaskNotOpen()


def require_no_conflict(idea: Idea, user) -> None:
    if ConflictOfInterest.objects.filter(idea=idea, reviewer=user).exists():
        raise errors.InConflict()


def may_work_on(user, task: Task) -> bool:
    """The user holds the task's permission (i.e. belongs to the group whose queue it is in)."""
    return user.is_active and bool(task.owner_permission) and user.has_perm(task.owner_permission)


def require_may_work_on(user, task: Task) -> None:
    if not may_work_on(user, task):
        raise errors.NotAllowed()


def require_assigned_to(task: Task, user) -> None:
    require_open_human_task(task)
    if task.status != STATUS.ASSIGNED or task.owner_id != user.pk:
        raise errors.TaskNotYours()


def open_tasks(idea: Idea):
    return Task.objects.filter(process_id=idea.process_id, status__in=OPEN_STATUSES)


def withdraw(idea: Idea) -> list[int]:
    """End the idea's process: its open tasks are cancelled and it stands withdrawn (not yet saved).

    Returns the cancelled tasks' ids, for the audit entry.
    """
    cancelled = list(open_tasks(idea).values_list("pk", flat=True))
    IdeaFlow.instance.cancel(IdeaProcess.objects.get(pk=idea.process_id))
    idea.status = Status.WITHDRAWN
    return cancelled


def complete_view_task(task: Task) -> None:
    """Complete an assigned View task inside the held lock; Viewflow creates the next task."""
    activation = task.flow_task.activation_class(task)
    activation.start(None)
    activation.execute()


def route_new_tasks(idea: Idea, *, now: datetime.datetime | None = None) -> list[Task]:
    """For each reviewer task that just opened: store its deadline and tell its group.

    Called by every action that moves the flow, after Viewflow created the next task.
    """
    now = now or timezone.now()
    fresh = list(
        open_tasks(idea)
        .filter(flow_task_type="HUMAN")
        .exclude(Exists(TaskDeadline.objects.filter(task=OuterRef("pk"))))
        .order_by("pk")
    )
    for task in fresh:
        reviewer_task = TASKS[task.flow_task.name]
        TaskDeadline.objects.create(
            task=task,
            idea=idea,
            stage=reviewer_task.stage,
            due=task.created + datetime.timedelta(days=StageSettings.deadline_days_for(reviewer_task.stage)),
        )
        email_group_new_task(idea, reviewer_task.group, task)
    return fresh
