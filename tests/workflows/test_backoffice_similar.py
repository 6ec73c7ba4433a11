"""The idea page's "Similar ideas" (also what the screening task screen shows): the ideas most
like this one from the reviewers' private index, likely duplicates first, never an idea the
reviewer is in conflict with, at a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workflows import actions
from workflows.backoffice.similar import similar_ideas
from workflows.groups import is_manager
from workflows.similar_documents import build

from .helpers import claim_and_decide, open_task

pytestmark = pytest.mark.django_db

LAXHJALP = {"title": "Läxhjälp i biblioteket", "summary": "Studenter ger läxhjälp till elever i biblioteket."}


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    """Both parts of the index in the test's own directory."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"


@pytest.fixture
def delivered(submit, django_capture_on_commit_callbacks):
    """Submits an idea and delivers its index row, as the worker does after commit."""

    def delivered(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return submit(**fields).idea

    return delivered


def similar_section(client, idea) -> list[str]:
    """The list's entries as the page shows them, text only, in order."""
    page = client.get(reverse("ideas:detail", args=[idea.pk])).text
    section = re.search(r'<section[^>]*aria-labelledby="idea-similar">(.*?)</section>', page, re.S).group(1)
    return [
        " ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in re.findall(r"<li.*?</li>", section, re.S)
    ]


def test_the_idea_page_lists_similar_ideas_with_likely_duplicates_first(client, delivered, screener):
    idea = delivered()  # the workflow tests' idea: läxhjälp in a library, 556036-0793
    unrelated = delivered(
        title="Matsvinn blir mat", summary="Restauranger skänker mat.", organisation_number=""
    )
    same_organisation = delivered(title="Cykelverkstad", summary="Unga lagar cyklar.")
    alike = delivered(**LAXHJALP, organisation_number="")
    copy = delivered(title=idea.title, summary=idea.summary, organisation_number="")
    claim_and_decide(alike, screener, "reject", reason="Skäl.")
    client.force_login(screener)
    entries = similar_section(client, idea)
    assert entries == [
        f"Trolig dubblett: samma organisationsnummer {same_organisation.reference} · Cykelverkstad "
        f"(Inlämnad, Aktiv, {same_organisation.created.year})",
        f"Trolig dubblett: nästan samma text {copy.reference} · {idea.title} "
        f"(Inlämnad, Aktiv, {copy.created.year})",
        f"{alike.reference} · {LAXHJALP['title']} (Granskning, Avslagen, {alike.created.year})",
        f"{unrelated.reference} · Matsvinn blir mat (Inlämnad, Aktiv, {unrelated.created.year})",
    ]


def test_the_screening_task_screen_shows_the_list_before_the_decision(client, delivered, screener):
    idea = delivered()
    alike = delivered(**LAXHJALP, organisation_number="")
    task = open_task(idea)
    actions.claim_task(task.pk, screener)
    client.force_login(screener)
    # Viewflow's task address leads to the idea page, where the task is worked.
    response = client.get(reverse("ideas:task", args=[idea.process_id, task.pk]), follow=True)
    page = response.text
    assert alike.reference in page
    assert (
        page.index('id="idea-similar"') < page.index('id="decide-code"')
        if 'id="decide-code"' in page
        else True
    )
    assert page.index("Liknande idéer") < page.index("Registrera beslutet")


def test_an_idea_in_conflict_is_never_listed_and_another_takes_its_place(
    client, delivered, screener, manager
):
    idea = delivered(organisation_number="")
    # The closest of all (a copy, listed first as a likely duplicate), then five alike.
    conflicted = delivered(title=idea.title, summary=idea.summary, organisation_number="")
    for _ in range(5):
        delivered(**LAXHJALP, organisation_number="")
    actions.declare_conflict(conflicted.pk, screener, "Jag känner den sökande.")
    client.force_login(screener)
    listed = similar_section(client, idea)
    assert len(listed) == 5
    assert not any(conflicted.reference in entry for entry in listed)
    client.force_login(manager)  # managers are never excluded
    assert conflicted.reference in similar_section(client, idea)[0]


def test_the_list_costs_the_same_queries_however_many_ideas_it_shows(
    client, delivered, screener, django_assert_num_queries
):
    idea = delivered()
    client.force_login(screener)
    url = reverse("ideas:detail", args=[idea.pk])
    client.get(url)  # warm the per-process caches

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    others = [delivered(**LAXHJALP, organisation_number="")]
    with_one = page_queries()
    others += [delivered(**LAXHJALP, organisation_number="") for _ in range(6)]
    others.append(delivered(title="Cykelverkstad", summary="Vi lagar cyklar."))  # same organisation
    assert page_queries() == with_one
    areas = list(idea.challenge_areas.all())
    is_manager(screener)  # the permissions, cached on the user as in any request
    # The reviewer's conflicts, the ideas of the same organisation, the similar ideas.
    with django_assert_num_queries(3):
        listed = similar_ideas(idea, screener, areas)
    # Six of the eight others: the seven alike score the same, so which six is the engine's choice.
    assert len(listed.ideas) == 6
    assert {entry.idea.pk for entry in listed.ideas} <= {other.pk for other in others}


def test_an_engine_that_is_down_leaves_a_notice_and_the_rest_of_the_page(
    client, delivered, screener, settings
):
    idea = delivered()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    client.force_login(screener)
    page = client.get(reverse("ideas:detail", args=[idea.pk])).text
    assert "Liknande idéer kan inte visas just nu: sökningen är inte tillgänglig." in page
    assert idea.summary in page


def test_the_private_document_holds_no_personal_fields(delivered):
    idea = delivered(team_members=[("Bo Ek", "bo@example.org")])
    stored = build(idea).source_json.decode()
    assert idea.title in stored
    for personal in ("Amina", "amina@example.org", "040-123", "556036", "Läxhjälpen ideell", "Bo Ek", "bo@"):
        assert personal not in stored
