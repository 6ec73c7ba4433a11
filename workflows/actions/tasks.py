"""Who holds a task: claim, release, reassign, and stepping aside for a conflict of interest."""

from django.utils import timezone

from .. import errors
from ..groups import is_manager
from ..models import AuditEvent, ConflictOfInterest, Stage
from ..notifications import email_group_new_task
from ..pipeline import TASKS
from ._base import (
    audit,
    locked_idea,
    locked_task,
    open_tasks,
    require_no_conflict,
    require_not_finished,
    require_open_human_task,
)


def _assign(task, user):
    activation = task.flow_task.activation_class(task)
    task.assigned = timezone.now()
    activation.assign(user)


def claim_task(task_id: int, user):
    """Take a task from the group's queue. The first claim of screening starts the screening stage."""
    with locked_task(task_id) as (idea, task):
        require_not_finished(idea)
        require_open_human_task(task)
        if task.owner_id == user.pk:
            return task  # a replayed claim: already theirs, nothing changes
        if task.owner_id is not None:
            raise errors.TaskAlreadyClaimed()
        if not (user.is_active and user.has_perm(task.owner_permission)):
            raise errors.NotAllowed()
        require_no_conflict(idea, user)
        _assign(task, user)
        old = {"stage": idea.stage}
        if idea.stage == Stage.SUBMITTED:
            idea.stage = Stage.SCREENING
            idea.save(update_fields=["stage", "updated"])
        audit(
            idea,
            AuditEvent.TASK_CLAIMED,
            user=user,
            task=task,
            old=old,
            new={"stage": idea.stage, "owner": user.pk},
        )
        return task


def release_task(task_id: int, user):
    """Give a claimed task back to the queue (its holder, or a manager)."""
    with locked_task(task_id) as (idea, task):
        require_not_finished(idea)
        require_open_human_task(task)
        if task.owner_id is None or (task.owner_id != user.pk and not is_manager(user)):
            raise errors.TaskNotYours()
        previous = task.owner_id
        task.flow_task.activation_class(task).unassign()
        audit(
            idea, AuditEvent.TASK_RELEASED, user=user, task=task, old={"owner": previous}, new={"owner": None}
        )
        return task


def reassign_task(task_id: int, manager, to_user):
    """A manager gives a task (claimed or not) to a member of the task's group."""
    with locked_task(task_id) as (idea, task):
        if not is_manager(manager):
            raise errors.NotAllowed()
        require_not_finished(idea)
        require_open_human_task(task)
        if not (to_user.is_active and to_user.has_perm(task.owner_permission)):
            raise errors.NotAllowed()
        if ConflictOfInterest.objects.filter(idea=idea, reviewer=to_user).exists():
            raise errors.InConflict()
        previous = task.owner_id
        if previous == to_user.pk:
            return task
        if previous is None:
            _assign(task, to_user)
        else:
            task.assigned = timezone.now()
            task.flow_task.activation_class(task).reassign(user=to_user)
        audit(
            idea,
            AuditEvent.TASK_REASSIGNED,
            user=manager,
            task=task,
            old={"owner": previous},
            new={"owner": to_user.pk},
        )
        return task


def declare_conflict(idea_id: int, user, reason: str = ""):
    """The reviewer steps aside for good; a task they held goes back to the queue (its group is told)."""
    with locked_idea(idea_id) as idea:
        if ConflictOfInterest.objects.filter(idea=idea, reviewer=user).exists():
            return None  # already declared: nothing changes
        conflict = ConflictOfInterest.objects.create(idea=idea, reviewer=user, reason=reason)
        returned = list(open_tasks(idea).filter(owner=user, flow_task_type="HUMAN"))
        for task in returned:
            task.flow_task.activation_class(task).unassign()
        audit(
            idea,
            AuditEvent.CONFLICT_DECLARED,
            user=user,
            new={"conflict": conflict.pk, "returned_tasks": [task.pk for task in returned]},
        )
        for task in returned:
            email_group_new_task(idea, TASKS[task.flow_task.name].group, task)
        return conflict
