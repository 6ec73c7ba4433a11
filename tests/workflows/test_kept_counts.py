"""The counts and copies kept by database triggers (`workflows.models.counts`, the search's
index of the list's filters, the submission days' bounds) agree with the rows they follow, after
every kind of change, and the triggers are all there after the migrations: Django's SQLite
schema editor drops a table's triggers when an `AlterField` rebuilds it, and nothing else would
notice that the counts had stopped following."""

import datetime

import pytest
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cms.models import ChallengeArea
from tests.helpers import database_triggers
from workflows import actions, queries
from workflows.backoffice.access import visible_count, visible_ideas
from workflows.models import Idea, IdeaCount, Stage, Status, SubmissionDay, TaskDeadline, WaitingCount, term
from workflows.models.search import STAGE_CODES, STATUS_CODES

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
        "workflows_idea_text_area_insert",
        "workflows_idea_text_area_delete",
        "workflows_idea_text_area_update",
        "workflows_submissionday_insert",
        "workflows_submissionday_update",
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
        "workflows_idea_areas_insert",
        "workflows_idea_areas_delete",
        "workflows_idea_areas_update",
        "workflows_submissionday_insert",
        "workflows_submissionday_update",
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


def searched_filters() -> dict[int, tuple]:
    """What the search's index holds of each idea: on SQLite the full-text row (text and terms),
    on PostgreSQL the array of challenge areas."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid, reference, title, organisation_name, terms FROM workflows_idea_text"
            )
            return {pk: (*text, set(terms.split(" "))) for pk, *text, terms in cursor.fetchall()}
        cursor.execute("SELECT id, challenge_area_ids FROM workflows_idea")
        return {pk: (set(areas),) for pk, areas in cursor.fetchall()}


def true_filters() -> dict[int, tuple]:
    """The same, from the ideas and their areas."""
    areas = {}
    for idea, area in Idea.challenge_areas.through.objects.values_list("idea_id", "challengearea_id"):
        areas.setdefault(idea, set()).add(area)
    ideas = Idea.objects.values_list("pk", "reference", "title", "organisation_name", "stage", "status")
    if connection.vendor == "sqlite":
        terms = {pk: {term("a", area) for area in of_idea} for pk, of_idea in areas.items()}
        return {
            pk: (*text, {term("s", stage), term("t", status), *terms.get(pk, ())})
            for pk, *text, stage, status in ideas
        }
    return {pk: (areas.get(pk, set()),) for pk, *_ in ideas}


def assert_days_bound_their_ideas():
    """Every idea's id is at most its day's kept bound (the day in UTC)."""
    bounds = dict(SubmissionDay.objects.values_list("day", "last_idea"))
    for pk, created in Idea.objects.values_list("pk", "created"):
        assert bounds[created.astimezone(datetime.UTC).date()] >= pk


def test_the_search_s_filters_and_the_days_bounds_follow_each_kind_of_change(
    submit, taxonomy, screener, manager
):
    area, _municipality = taxonomy
    housing = ChallengeArea.objects.create(slug="boende", name="Boende", name_en="Housing")

    def agree():
        assert searched_filters() == true_filters()
        assert_days_bound_their_ideas()

    first = submit()  # through the actions, with the intake's challenge area
    second = submit()
    agree()
    first.idea.challenge_areas.add(housing)
    agree()
    first.idea.challenge_areas.remove(area)
    agree()
    second.idea.challenge_areas.set([area, housing])
    agree()
    second.idea.challenge_areas.clear()
    agree()
    claim_and_decide(first.idea, screener, "advance")  # a new stage
    agree()
    actions.withdraw_idea(second.secret, reason="Vi gick vidare med annat.")  # a new status
    agree()
    first.idea.refresh_from_db()
    first.idea.title = "Cykelkök på torget"
    first.idea.save()  # a change of text, saving every field: the kept areas stay
    agree()
    bulk_ideas(30, taxonomy, screener)
    agree()
    bulk = Idea.objects.filter(reference__startswith="SIS-2020-000")
    bulk.update(stage=Stage.SUPPORT, status=Status.ON_HOLD)
    agree()
    Idea.challenge_areas.through.objects.filter(challengearea=area).update(challengearea=housing)
    agree()
    long_ago = timezone.now() - datetime.timedelta(days=800)
    Idea.objects.filter(pk=first.idea.pk).update(created=long_ago)  # its submission time set back
    agree()
    unrecorded = list(Idea.objects.filter(reference__startswith="SIS-2020-")[:5].values_list("pk", flat=True))
    TaskDeadline.objects.filter(idea__in=unrecorded).delete()
    Idea.challenge_areas.through.objects.filter(idea__in=unrecorded).delete()
    Idea.objects.filter(pk__in=unrecorded).delete()
    agree()
    assert len(searched_filters()) == 27


def test_every_stage_and_status_has_its_code_in_the_search_s_terms():
    """A value without a code is still found, but as its own letters, whose trigrams titles share:
    a new stage or status needs its code here and in a migration that rewrites the triggers."""
    assert set(STAGE_CODES) == set(Stage.values)
    assert set(STATUS_CODES) == set(Status.values)
    assert len(set(STAGE_CODES.values())) == len(STAGE_CODES)
    assert len(set(STATUS_CODES.values())) == len(STATUS_CODES)
