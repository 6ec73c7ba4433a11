"""The inbox and the queues read a copy of each task's status, holder and node kept on its deadline
by database triggers (migration 0015): the copy follows every change, whoever makes it."""

import pytest
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows import actions
from workflows.models import TaskDeadline, WaitingCount
from workflows.queries import held, inbox, queue, waiting, waiting_count

from .helpers import claim_and_decide, open_task

pytestmark = pytest.mark.django_db


def copy_of(task: Task) -> tuple:
    deadline = TaskDeadline.objects.get(task=task)
    return deadline.task_status, deadline.task_owner_id, deadline.node


def test_a_new_task_s_deadline_carries_its_status_and_node(applicant):
    task = open_task(applicant.idea)
    assert copy_of(task) == (STATUS.NEW, None, get_task_ref(task.flow_task))


def test_the_copy_follows_claim_reassignment_release_and_decision(
    applicant, screener, second_screener, manager
):
    task = open_task(applicant.idea)
    actions.claim_task(task.pk, screener)
    assert copy_of(task)[:2] == (STATUS.ASSIGNED, screener.pk)
    assert list(inbox(screener)) == [task]
    actions.reassign_task(task.pk, manager, second_screener)
    assert copy_of(task)[:2] == (STATUS.ASSIGNED, second_screener.pk)
    assert list(held(screener)) == []
    actions.release_task(task.pk, second_screener)
    assert copy_of(task)[:2] == (STATUS.NEW, None)
    assert list(queue(screener)) == [task]
    claim_and_decide(applicant.idea, screener, "advance")
    assert copy_of(task)[0] == STATUS.DONE
    assert not waiting(screener).filter(task=task).exists()


def test_a_change_made_outside_the_actions_is_copied_too(applicant, screener):
    task = open_task(applicant.idea)
    Task.objects.filter(pk=task.pk).update(status=STATUS.CANCELED)
    assert copy_of(task)[0] == STATUS.CANCELED
    assert list(queue(screener)) == []


def test_saving_a_whole_deadline_row_keeps_the_task_s_values(applicant, screener):
    task = open_task(applicant.idea)
    stale = TaskDeadline.objects.get(task=task)  # read while the task waits
    actions.claim_task(task.pk, screener)
    stale.last_reminded = stale.due
    stale.save()
    assert copy_of(task)[:2] == (STATUS.ASSIGNED, screener.pk)


def test_the_kept_count_of_a_queue_is_the_count_of_its_tasks(applicant, screener, second_screener):
    task = open_task(applicant.idea)
    assert waiting_count(screener) == waiting(screener).count() == 1
    actions.claim_task(task.pk, screener)
    assert waiting_count(second_screener) == waiting(second_screener).count() == 0
    actions.declare_conflict(applicant.idea.pk, screener, reason="A relative.")
    assert (waiting_count(screener), waiting_count(second_screener)) == (0, 1)
    claim_and_decide(applicant.idea, second_screener, "advance")
    assert waiting_count(second_screener) == 0
    assert WaitingCount.objects.get(node=get_task_ref(task.flow_task)).tasks == 0
    assert WaitingCount.objects.filter(tasks__lt=0).count() == 0
