"""The inbox, the queues and the all-ideas list run a fixed number of queries, at 10 and 1 000 ideas."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cms.models import ChallengeArea
from workflows import actions, queries
from workflows.backoffice.filters import IdeaFilter
from workflows.backoffice.lists import ideas_with_open_task
from workflows.flows import IdeaFlow
from workflows.models import ConflictOfInterest, Idea, IdeaProcess, TaskDeadline

from .helpers import claim_and_decide, open_task

pytestmark = pytest.mark.django_db

#: Queries per page, whatever the number of ideas (session, user, permissions, Wagtail's menu and
#: the page's own: count, rows, challenge areas). A change here is a change in the list's cost.
EXPECTED = {"ideas:inbox": 11, "ideas:queue": 11, "ideas:index": 14}


def bulk_ideas(count: int, taxonomy, screener, start: int = 0) -> None:
    """`count` ideas waiting in screening, every other one claimed by `screener`, a third overdue.

    Written with bulk inserts (processes, ideas, tasks, deadlines, challenge areas): the
    actions would take minutes for a thousand.
    """
    area, municipality = taxonomy
    now = timezone.now()
    processes = IdeaProcess.objects.bulk_create(
        IdeaProcess(flow_class=IdeaFlow, status=STATUS.NEW) for _ in range(count)
    )
    ideas = Idea.objects.bulk_create(
        Idea(
            reference=f"SIS-2020-{start + number:05d}",
            process=process,
            title=f"Idé nummer {start + number}",
            summary="En idé för tester av listornas kostnad.",
            municipality=municipality,
            organisation_type="company",
            organisation_name=f"Bolag {start + number} AB",
            contact_name="Testa Testsson",
            contact_email="testa@example.org",
            consent_processing=True,
            stage="screening",
        )
        for number, process in enumerate(processes)
    )
    Idea.challenge_areas.through.objects.bulk_create(
        Idea.challenge_areas.through(idea_id=idea.pk, challengearea_id=area.pk) for idea in ideas
    )
    tasks = Task.objects.bulk_create(
        Task(
            process=process,
            flow_task=IdeaFlow.screen,
            flow_task_type="HUMAN",
            status=STATUS.ASSIGNED if number % 2 else STATUS.NEW,
            owner=screener if number % 2 else None,
            owner_permission="workflows.screen_idea",
        )
        for number, process in enumerate(processes)
    )
    TaskDeadline.objects.bulk_create(
        TaskDeadline(
            task=task,
            idea=idea,
            stage="screening",
            due=now + datetime.timedelta(days=-3 if number % 3 == 0 else 10),
        )
        for number, (task, idea) in enumerate(zip(tasks, ideas, strict=True))
    )


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_a_list_runs_the_same_number_of_queries_at_10_and_at_1000_ideas(
    client, name, taxonomy, screener, manager
):
    user = manager if name == "ideas:index" else screener
    client.force_login(user)
    url = reverse(name)
    bulk_ideas(10, taxonomy, screener)
    client.get(url)  # warm the per-process caches (content types, Wagtail's hooks)
    at_10 = queries_of(client, url)
    bulk_ideas(990, taxonomy, screener, start=10)
    at_1000 = queries_of(client, url)
    assert (at_10, at_1000) == (EXPECTED[name], EXPECTED[name])


def test_the_lists_show_overdue_tasks_and_paginate(client, taxonomy, screener, manager):
    bulk_ideas(120, taxonomy, screener)
    client.force_login(manager)
    page = client.get(reverse("ideas:index")).text
    assert "data-overdue" in page
    assert 'class="overdue"' in page
    assert "SIS-2020-00119" in page  # newest first, 50 a page
    assert "SIS-2020-00000" not in page
    last = client.get(reverse("ideas:index"), {"p": 3}).text
    assert "SIS-2020-00000" in last
    client.force_login(screener)
    inbox = client.get(reverse("ideas:inbox")).text
    assert "data-overdue" in inbox


def test_the_queue_pages_most_urgent_first_and_leaves_out_ideas_in_conflict(client, taxonomy, screener):
    bulk_ideas(120, taxonomy, screener)
    urgent = Idea.objects.get(reference="SIS-2020-00114")  # unclaimed, overdue, the newest of them
    TaskDeadline.objects.filter(idea=urgent).update(due=timezone.now() - datetime.timedelta(days=30))
    conflicted = Idea.objects.get(reference="SIS-2020-00006")  # unclaimed and overdue too
    ConflictOfInterest.objects.create(idea=conflicted, reviewer=screener)
    client.force_login(screener)
    pages = [client.get(reverse("ideas:queue"), {"p": number}).text for number in (1, 2)]
    assert pages[0].index("SIS-2020-00114") < pages[0].index("SIS-2020-00000")  # 30 days overdue before 3
    listed = [page.count("SIS-2020-") for page in pages]
    assert listed == [50, 9]  # 60 unclaimed, one in conflict
    assert all("SIS-2020-00006" not in page for page in pages)


def test_the_idea_page_costs_the_same_queries_however_long_its_history(client, applicant, screener, advisor):
    """Timeline, scores, e-mails and audit log are read a section a query, not a row a query."""
    idea = applicant.idea
    claim_and_decide(idea, screener, "advance")
    actions.claim_task(open_task(idea).pk, advisor)

    def log_activity():
        actions.log_support_activity(
            idea.pk, advisor, date=datetime.date.today(), activity_type="coaching", hours=2
        )

    log_activity()
    client.force_login(advisor)
    url = reverse("ideas:detail", args=[idea.pk])
    client.get(url)  # warm the per-process caches
    short = queries_of(client, url)
    for _ in range(10):
        log_activity()
    actions.declare_conflict(idea.pk, screener, "Jag känner den sökande.")
    assert queries_of(client, url) == short


def test_a_search_counts_its_matches_up_to_a_thousand_and_says_over_beyond(
    client, taxonomy, screener, manager
):
    bulk_ideas(1001, taxonomy, screener)
    client.force_login(manager)
    many = client.get(reverse("ideas:index"), {"q": "nummer"}).text  # the admin speaks Swedish here
    assert "Över 1 000 idéer matchar." in many
    assert "Sida 1</p>" in many
    assert "Sida 1 av" not in many
    few = client.get(reverse("ideas:index"), {"q": "nummer 100"}).text  # 100 and 1000
    assert "2 idéer" in few
    everything = client.get(reverse("ideas:index")).text
    assert "1001 idéer" in everything
    assert "Sida 1 av 21" in everything


def test_a_search_lists_its_matches_newest_first_with_the_other_filters(client, taxonomy, screener, manager):
    bulk_ideas(30, taxonomy, screener)
    Idea.objects.filter(reference__in=["SIS-2020-00012", "SIS-2020-00021"]).update(stage="support")
    client.force_login(manager)
    url = reverse("ideas:index")
    matching = Idea.objects.filter(title__contains="nummer 2").order_by("-pk")
    newest = list(matching.values_list("reference", flat=True))
    page = client.get(url, {"q": "NUMMER 2"}).text  # any case
    assert [page.index(reference) for reference in newest] == sorted(page.index(ref) for ref in newest)
    assert len(newest) == 11  # 2 and 20 to 29
    filtered = client.get(url, {"q": "nummer 2", "stage": "support"}).text
    assert "Idé nummer 21" in filtered
    assert "Idé nummer 12" not in filtered
    assert "Idé nummer 20" not in filtered
    area, _municipality = taxonomy
    in_area = client.get(url, {"q": "nummer 2", "stage": "support", "challenge_area": area.pk}).text
    assert "Idé nummer 21" in in_area
    assert "Idé nummer 20" not in in_area


def test_a_search_runs_the_same_number_of_queries_at_10_and_at_1000_ideas(
    client, taxonomy, screener, manager
):
    client.force_login(manager)
    url = reverse("ideas:index") + "?q=nummer&stage=screening"
    bulk_ideas(10, taxonomy, screener)
    client.get(url)  # warm the per-process caches
    at_10 = queries_of(client, url)
    bulk_ideas(990, taxonomy, screener, start=10)
    assert (at_10, queries_of(client, url)) == (14, 14)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def test_the_search_on_postgresql_is_one_the_trigram_index_can_serve(taxonomy, screener):
    """The search's expression must be the index's, or the planner reads the table: the plan with
    sequential scans ruled out shows the index (a small table is otherwise read whole)."""
    bulk_ideas(10, taxonomy, screener)
    ideas = queries.containing(Idea.objects.order_by(), "nummer 7")
    sql, params = ideas.values("pk").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row for (row,) in cursor.fetchall())
    assert "workflows_idea_text_trgm" in plan
    assert list(ideas.values_list("title", flat=True)) == ["Idé nummer 7"]


def test_a_search_with_its_filters_and_the_dates_list_the_ideas_the_rows_say_newest_first(taxonomy, screener):
    """The search answers its challenge area, stage and status from its own index, and "submitted
    to" reads from the submission days' bound: the same ideas as the rows say, in the list's order,
    an idea whose submission time was set back or forward included."""
    area, _municipality = taxonomy
    housing = ChallengeArea.objects.create(slug="boende", name="Boende", name_en="Housing")
    bulk_ideas(40, taxonomy, screener)
    now = timezone.now()
    for number, idea in enumerate(Idea.objects.order_by("pk")):
        moved = {7: -400, 31: -900, 12: 5}.get(number, -(40 - number) * 20)  # days from now
        Idea.objects.filter(pk=idea.pk).update(
            stage=("screening", "support")[number % 2],
            status=("active", "on_hold", "active")[number % 3],
            created=now + datetime.timedelta(days=moved),
        )
        if number % 4 == 0:
            idea.challenge_areas.add(housing)
        if number % 5 == 0:
            idea.challenge_areas.remove(area)
    rows = list(Idea.objects.prefetch_related("challenge_areas").order_by("-pk"))
    year_ago = timezone.localdate() - datetime.timedelta(days=365)

    def expected(q="", stage="", status="", challenge_area=None, submitted_from=None, submitted_to=None):
        def matches(idea):
            text = " ".join((idea.reference, idea.title, idea.organisation_name)).casefold()
            day = timezone.localtime(idea.created).date()
            return (
                q.casefold() in text
                and stage in ("", idea.stage)
                and status in ("", idea.status)
                and challenge_area in (None, *(each.pk for each in idea.challenge_areas.all()))
                and (submitted_from is None or day >= submitted_from)
                and (submitted_to is None or day <= submitted_to)
            )

        return [idea.pk for idea in rows if matches(idea)]

    cases = [
        {"q": "nummer 1"},
        {"q": "NUMMER", "challenge_area": housing.pk},
        {"q": "nummer", "challenge_area": area.pk, "stage": "support"},
        {"q": "bolag 2", "status": "on_hold"},
        {"q": "nummer", "stage": "screening", "status": "active", "challenge_area": housing.pk},
        {"q": "1", "stage": "screening", "challenge_area": housing.pk},  # too short for the index
        {"submitted_to": year_ago},
        {"submitted_to": year_ago, "q": "nummer 3"},
        {"submitted_from": year_ago - datetime.timedelta(days=200), "submitted_to": year_ago},
        {"submitted_from": year_ago},
        {"submitted_to": timezone.localdate() + datetime.timedelta(days=10)},
    ]
    for query in cases:
        listed = IdeaFilter({name: str(value) for name, value in query.items()}, ideas_with_open_task()).qs
        assert list(listed.values_list("pk", flat=True)) == expected(**query), query
        assert expected(**query), query  # each case finds some
