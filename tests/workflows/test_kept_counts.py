"""The counts kept by database triggers (`workflows.models.counts`) agree with counting the rows,
after every kind of change, and the triggers are all there after the migrations: Django's SQLite
schema editor drops a table's triggers when an `AlterField` rebuilds it, and nothing else would
notice that the counts had stopped following."""

import datetime

import pytest
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from tests.helpers import database_triggers
from workflows import actions, queries
from workflows.backoffice.access import visible_count, visible_ideas
from workflows.models import Idea, IdeaCount, TaskDeadline, WaitingCount

from .helpers import claim_and_decide, open_task
from .test_backoffice_queries import bulk_ideas
from .test_backoffice_screens import login

pytestmark = pytest.mark.django_db

#: Every trigger the migrations create, per database (the write-once ones are PostgreSQL's only).
TRIGGERS = {
    "sqlite": {
        "workflows_idea_text_insert",
        "workflows_idea_text_update",
        "workflows_idea_text_delete",
        "workflows_task_copy",
        "workflows_taskdeadline_copy_insert",
        "workflows_taskdeadline_copy_update",
        "workflows_waitingcount_insert",
        "workflows_waitingcount_update",
        "workflows_waitingcount_delete",
        "workflows_ideacount_insert",
        "workflows_ideacount_delete",
    },
    "postgresql": {
        "workflows_decision_write_once",
        "workflows_auditentry_write_once",
        "workflows_task_copy",
        "workflows_taskdeadline_copy",
        "workflows_waitingcount",
        "workflows_waitingcount_update",
        "workflows_ideacount_insert",
        "workflows_ideacount_delete",
    },
}


def kept() -> tuple[int, dict[str, int]]:
    """The kept number of ideas and of waiting tasks per node (nodes at 0 left out)."""
    waiting = dict(WaitingCount.objects.exclude(tasks=0).values_list("node", "tasks"))
    return IdeaCount.objects.get(pk=IdeaCount.ROW).ideas, waiting


def counted() -> tuple[int, dict[str, int]]:
    """The same, counted row by row."""
    waiting = TaskDeadline.objects.filter(task_status=STATUS.NEW).values_list("node")
    waiting = waiting.annotate(tasks=Count("pk"))
    return Idea.objects.count(), dict(waiting.order_by())


def test_every_trigger_is_there_after_the_migrations():
    assert TRIGGERS[connection.vendor] <= database_triggers()


def test_the_kept_counts_agree_with_counting_after_each_kind_of_change(
    submit, taxonomy, screener, second_screener, manager
):
    assert kept() == counted()
    first = submit()  # an idea and its first task, through the actions
    second = submit()
    assert kept() == counted() == (2, {"workflows/flows.IdeaFlow.screen": 2})
    task = open_task(first.idea)
    actions.claim_task(task.pk, screener)
    assert kept() == counted()
    actions.reassign_task(task.pk, manager, second_screener)
    assert kept() == counted()
    actions.release_task(task.pk, second_screener)
    assert kept() == counted()
    claim_and_decide(first.idea, screener, "advance")  # one task done, the next one waiting
    assert kept() == counted()
    actions.withdraw_idea(second.secret, reason="Vi gick vidare med annat.")  # its task cancelled
    assert kept() == counted()
    bulk_ideas(30, taxonomy, screener)  # bulk inserts of ideas, tasks and deadlines
    assert kept() == counted()
    Task.objects.filter(status=STATUS.ASSIGNED).update(status=STATUS.NEW, owner=None)  # outside the actions
    assert kept() == counted()
    unrecorded = Idea.objects.filter(reference__startswith="SIS-2020-")[:5].values_list("pk", flat=True)
    TaskDeadline.objects.filter(idea__in=list(unrecorded)).delete()
    Idea.challenge_areas.through.objects.filter(idea__in=list(unrecorded)).delete()
    Idea.objects.filter(pk__in=list(unrecorded)).delete()  # ideas with no records may be deleted
    assert kept() == counted()
    assert kept()[0] == 27


def test_a_reviewer_s_total_leaves_out_the_ideas_in_conflict(submit, screener, manager):
    first, _second = submit(), submit()
    actions.declare_conflict(first.idea.pk, screener, reason="A relative.")
    assert visible_count(screener) == visible_ideas(screener).count() == 1
    assert visible_count(manager) == visible_ideas(manager).count() == 2


def test_the_queue_s_overdue_count_is_exact_or_over_when_both_sides_are(monkeypatch, taxonomy, screener):
    # Three at each threshold, not a thousand: the same branches with 24 ideas instead of 4 000.
    monkeypatch.setattr(queries, "COUNTED_AT_MOST", 3)
    bulk_ideas(24, taxonomy, screener)  # 12 waiting: 4 of them overdue
    now = timezone.now()
    total = queries.waiting_count(screener)

    def overdue() -> int:
        return queries.waiting(screener).filter(due__lt=now).count()

    assert (total, queries.waiting_overdue(screener, total, now)) == (12, None)  # 4 overdue, 8 not
    not_yet = list(queries.waiting(screener).filter(due__gte=now).values_list("pk", flat=True))
    TaskDeadline.objects.filter(pk__in=not_yet[:6]).update(due=now - datetime.timedelta(days=1))
    assert queries.waiting_overdue(screener, total, now) == overdue() == 10  # 12 minus the 2 not
    TaskDeadline.objects.exclude(pk__in=not_yet[:2]).update(due=now + datetime.timedelta(days=1))
    TaskDeadline.objects.filter(pk__in=not_yet[:2]).update(due=now - datetime.timedelta(days=1))
    assert queries.waiting_overdue(screener, total, now) == overdue() == 2  # counted


def test_the_dashboard_says_over_when_it_does_not_count_the_overdue_tasks(
    client, monkeypatch, taxonomy, screener
):
    monkeypatch.setattr(queries, "COUNTED_AT_MOST", 3)  # the text says 1 000: the threshold's use
    bulk_ideas(24, taxonomy, screener)
    waiting = TaskDeadline.objects.filter(task_status=STATUS.NEW)
    waiting.update(due=timezone.now() + datetime.timedelta(days=1))
    half = list(waiting.order_by("pk").values_list("pk", flat=True)[:6])
    TaskDeadline.objects.filter(pk__in=half).update(due=timezone.now() - datetime.timedelta(days=1))
    login(client, screener)
    html = client.get("/admin/").content.decode()
    assert "12 tasks waiting in my groups' queues" in html
    assert "over 1,000 overdue" in html
