"""Showcased ideas in the search: which ideas are documents, what a document holds, and how the
pipeline's actions keep the index right through the outbox."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from infra.models import OutboxMessage
from search.backends import get_backend
from search.documents import document_id, source, types
from search.query import SearchQuery
from search.templatetags.search_tags import search_hits
from workflows.models import Idea

pytestmark = pytest.mark.django_db


def idea_ids() -> set[str]:
    return {document.id for document in source("idea").documents()}


def found(text: str = "", **filters) -> list[str]:
    query = SearchQuery(text=text, filters={"type": "idea", **filters}).cleaned()
    return [hit.id for hit in get_backend().search(query).hits]


def test_ideas_are_a_document_type():
    assert "idea" in types()


def test_only_consented_ideas_that_passed_screening_and_were_not_withdrawn_are_documents(pipeline):
    public = {where: pipeline.at(where, consent_showcase=True) for where in ("support", "pilot", "market")}
    closed = pipeline.at("closed", consent_showcase=True)
    hidden = [
        pipeline.at("support", consent_showcase=False),
        *(pipeline.at(where, consent_showcase=True) for where in ("screening", "rejected", "withdrawn")),
    ]
    expected = {document_id("idea", a.idea.pk) for a in (*public.values(), closed)}
    assert idea_ids() == expected
    assert source("idea").count() == len(expected)
    for applicant in hidden:
        assert list(source("idea").documents([applicant.idea.pk])) == []


def test_an_idea_document_holds_its_public_fields_in_its_own_language(pipeline):
    swedish = pipeline.at("support", consent_showcase=True).idea
    english = pipeline.at(
        "pilot", consent_showcase=True, language="en", title="Bike kitchen", summary="Newcomers fix bikes."
    ).idea
    documents = {document.id: document for document in source("idea").documents()}
    document = documents[document_id("idea", swedish.pk)]
    assert (document.type, document.language, document.title) == ("idea", "sv", "Läxhjälp på biblioteket")
    assert document.summary == swedish.summary
    assert document.body == ""
    assert document.url == f"/ideas/{swedish.reference}/"
    assert (document.challenge_areas, document.municipality, document.stage) == (
        ("ungdomsarbetsloshet",),
        "malmo",
        "support",
    )
    assert document.year == str(swedish.created.year)
    other = documents[document_id("idea", english.pk)]
    assert (other.language, other.url, other.stage) == ("en", f"/en/ideas/{english.reference}/", "pilot")


def test_building_idea_documents_takes_the_same_queries_however_many_ideas(pipeline):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(source("idea").documents())
        return len(captured)

    pipeline.at("support", consent_showcase=True)
    before = queries()
    for n in range(3):
        pipeline.at("support", consent_showcase=True, title=f"Idé {n}")
    assert queries() == before


def test_a_showcased_idea_is_found_once_it_passes_screening(pipeline, after_commit):
    applicant = pipeline.at("screening", consent_showcase=True)
    assert found("läxhjälp") == []
    with after_commit():
        pipeline.walk(applicant, [("screener", "advance")])
    assert found("läxhjälp", stage="support") == [document_id("idea", applicant.idea.pk)]


def test_an_idea_without_consent_is_never_found(pipeline, after_commit):
    with after_commit():
        applicant = pipeline.at("support", consent_showcase=False)
    # Its index rows (for the reviewers' private index) were delivered, and found nothing public.
    assert OutboxMessage.objects.filter(kind="index", done_at__isnull=False).exists()
    assert found("läxhjälp") == []
    assert applicant.idea.stage == "support"


def test_a_stage_change_moves_the_idea_in_the_stage_facet(pipeline, after_commit):
    with after_commit():
        applicant = pipeline.at("support", consent_showcase=True)
    assert found(stage="support") == [document_id("idea", applicant.idea.pk)]
    with after_commit():
        pipeline.walk(applicant, [("advisor", "advance")])
    assert found(stage="support") == []
    assert found(stage="pilot") == [document_id("idea", applicant.idea.pk)]


def test_consent_withdrawn_on_the_status_page_removes_the_idea_after_delivery(
    client, pipeline, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        applicant = pipeline.at("pilot", consent_showcase=True)
    assert found("läxhjälp") == [document_id("idea", applicant.idea.pk)]

    client.get(f"/ideas/status/{applicant.secret}/")  # the e-mailed link: the session keeps it
    with django_capture_on_commit_callbacks(execute=False) as delivery:
        response = client.post("/ideas/status/showcase/", {})
    assert response.status_code == 302
    assert applicant.refresh().consent_showcase is False
    assert found("läxhjälp") != []  # still there until the outbox row is delivered
    for deliver in delivery:
        deliver()
    assert found("läxhjälp") == []

    with django_capture_on_commit_callbacks(execute=True):  # and back, when consent is given again
        client.post("/ideas/status/showcase/", {"consent_showcase": "on"})
    assert found("läxhjälp") == [document_id("idea", applicant.idea.pk)]


def test_a_withdrawn_idea_leaves_the_index(pipeline, after_commit):
    with after_commit():
        applicant = pipeline.at("support", consent_showcase=True)
    assert found("läxhjälp") != []
    with after_commit():
        pipeline.walk(applicant, [("applicant", "withdraw")])
    assert found("läxhjälp") == []


def test_the_demo_showcases_ideas_that_the_search_finds_with_the_stage_facet(client):
    call_command("load_demo", verbosity=0)
    market = Idea.objects.get(title="Hemtjänst med cykel")
    for path, labels in (("/search/", ["Idé", "Marknad"]), ("/en/search/", ["Idea", "Market"])):
        # A Swedish idea: on the English search, once Swedish is added.
        response = client.get(path, {"q": "hemtjänst", "stage": "market", "language": ["en", "sv"]})
        html = response.content.decode()
        assert response.status_code == 200
        assert f'href="/ideas/{market.reference}/"' in html
        assert 'name="stage" value="market" checked' in html
        for label in labels:
            assert f'{label} <span class="facet__count">' in html, label

    hits = client.get("/api/search/", {"type": "idea", "language": ["sv", "en"]}).json()["hits"]
    titles = {hit["title"] for hit in hits}
    assert {"Återbruksbyggarna", "Solceller på skoltaken", "Shared rides for rural youth"} <= titles
    assert not titles & {"Inclusive coding clubs", "Läxhjälp på biblioteket", "Trygga vägen hem"}
    assert all(client.get(hit["url"]).status_code == 200 for hit in hits)


def test_an_idea_hit_reads_as_an_idea_with_its_stage_and_year():
    hit = {
        "type": "idea",
        "type_label": "Idea",
        "language": "sv",
        "title_html": "Hemtjänst med <mark>cykel</mark>",
        "url": "/en/ideas/SIS-2016-00010/",
        "date": datetime.date(2016, 4, 1),
        "year": "2016",
        "stage": {"value": "market", "label": "Market"},
        "municipality": {"value": "lomma", "label": "Lomma"},
        "challenge_areas": [{"value": "vard-och-omsorg", "label": "Health and care"}],
        "snippet_html": "Hemtjänsten i Lomma byter bilar mot <mark>elcyklar</mark>.",
    }
    with translation.override("en"):
        html = search_hits([hit])
    meta = " ".join(html.split('class="hit__meta">')[1].split("</p>")[0].split())
    assert meta == "Idea · Market · submitted 2016 · Lomma · Health and care"
    assert '<h3 class="hit__title" lang="sv"><a href="/en/ideas/SIS-2016-00010/">' in html
