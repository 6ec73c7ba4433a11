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
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in re.findall(r"<li.*?</li>", section, re.S)]


def test_the_idea_page_lists_similar_ideas_with_likely_duplicates_first(client, delivered, screener):
    idea = delivered()  # the workflow tests' idea: läxhjälp in a library, 556036-0793
    unrelated = delivered(title="Matsvinn blir mat", summary="Restauranger skänker mat.", organisation_number="")
    same_organisation = delivered(title="Cykelverkstad", summary="Unga lagar cyklar.")
    alike = delivered(**LAXHJALP, organisation_number="")
    copy = delivered(title=idea.title, summary=idea.summary, organisation_number="")
    claim_and_decide(alike, screener, "reject", reason="Skäl.")
    client.force_login(screener)
    entries = similar_section(client, idea)
    assert entries == [
        f"Trolig dubblett: samma organisationsnummer {same_organisation.reference} · Cykelverkstad "
        f"(Inlämnad, Aktiv, {same_organisation.created.year})",
        f"Trolig dubblett: nästan samma text {copy.reference} · {idea.title} (Inlämnad, Aktiv, {copy.created.year})",
        f"{alike.reference} · {LAXHJALP['title']} (Granskning, Avslagen, {alike.created.year})",
        f"{unrelated.reference} · Matsvinn blir mat (Inlämnad, Aktiv, {unrelated.created.year})",
    ]
