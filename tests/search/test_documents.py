"""The documents built from pages: the right fields, findable pages only, no personal data."""

import dataclasses
import json

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search.documents import SearchDocument, all_documents, document_id, source, types
from search.query import SearchQuery
from workflows import actions

pytestmark = pytest.mark.django_db


def documents_by_id(type: str) -> dict[str, SearchDocument]:
    return {document.id: document for document in source(type).documents()}


def test_pages_and_ideas_register_as_document_types():
    assert types() == ["event", "idea", "news", "partner", "programme", "resource"]


def test_a_news_article_is_a_document_in_each_of_its_languages(site_tree):
    news = documents_by_id("news")
    swedish, english = (
        news[document_id("news", site_tree.article.pk)],
        news[document_id("news", site_tree.article_en.pk)],
    )
    assert (swedish.type, swedish.language, swedish.url) == ("news", "sv", "/nyheter/skansk-samverkan/")
    assert (english.language, english.url) == ("en", "/en/news/joining-forces/")
    assert swedish.title == "Skånsk samverkan för sociala innovationer"
    assert swedish.summary.startswith("Den 1 september")
    assert swedish.challenge_areas == ("ungdomsarbetsloshet",)
    assert (swedish.date.isoformat(), swedish.year) == ("2015-09-01", "2015")
    assert "samverkan" in swedish.body  # its tag


def test_an_event_carries_its_municipality_place_and_start_date(site_tree):
    event = documents_by_id("event")[document_id("event", site_tree.event.pk)]
    assert event.municipality == "malmo"
    assert "Malmö stadsbibliotek" in event.body
    # The date in the site's time zone: an evening event in UTC is the next day in Sweden.
    assert event.date == timezone.localtime(site_tree.event.start).date()


def test_a_resource_is_a_document(site_tree):
    resource = documents_by_id("resource")[document_id("resource", site_tree.resource.pk)]
    assert (resource.title, resource.summary) == (
        "Guide till sociala innovationer",
        "Så tar du en idé till marknaden.",
    )


def test_the_body_text_comes_from_the_stream_without_markup(site_tree):
    article = site_tree.article
    article.body = [
        ("heading", {"text": "Bakgrund", "level": "h2"}),
        ("paragraph", "<p>Fyra <b>partner</b>organisationer</p><p>samverkar&nbsp;i&nbsp;Skåne.</p>"),
        ("quote", {"text": "Idéerna finns redan.", "attribution": "Anna Andersson"}),
        ("call_to_action", {"text": "Skicka in din idé", "page": None, "url": "https://example.org"}),
    ]
    article.save_revision().publish()
    body = source("news").documents([article.pk]).__next__().body
    assert body.startswith(
        "Bakgrund Fyra partner organisationer samverkar i Skåne. Idéerna finns redan. Skicka in din idé"
    )
    assert "Anna" not in body
    assert "<" not in body


def test_unpublished_and_private_pages_are_not_documents(site_tree):
    site_tree.article.unpublish()
    PageViewRestriction.objects.create(page=site_tree.event, restriction_type=PageViewRestriction.LOGIN)
    ids = {document.id for document in all_documents()}
    assert document_id("news", site_tree.article.pk) not in ids
    assert document_id("event", site_tree.event.pk) not in ids
    assert document_id("resource", site_tree.resource.pk) in ids
    assert list(source("news").documents([site_tree.article.pk])) == []


def test_documents_have_no_field_for_personal_data():
    assert [field.name for field in dataclasses.fields(SearchDocument)] == [
        "id",
        "type",
        "language",
        "title",
        "url",
        "date",
        "summary",
        "body",
        "challenge_areas",
        "municipality",
        "stage",
        "translations",
        "attachments",
    ]


def test_no_personal_data_of_owners_editors_or_quoted_people_reaches_a_document(site_tree):
    person = User.objects.create_user(
        "pelle.persson", email="pelle.persson@example.org", first_name="Pelle", last_name="Persson"
    )
    for page in (site_tree.article, site_tree.event, site_tree.resource):
        page.owner = person
        page.body = [("quote", {"text": "Ett citat.", "attribution": "Pelle Persson, 070-123 45 67"})]
        page.save_revision(user=person).publish()
    indexed = json.dumps([document.to_dict() for document in all_documents()], ensure_ascii=False)
    for secret in ("pelle", "persson", "example.org", "070-123"):
        assert secret not in indexed.lower(), secret


def test_building_documents_takes_the_same_queries_however_many_pages(site_tree):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(all_documents())
        return len(captured)

    queries()  # the first run fills Wagtail's cache of site root paths
    before = queries()
    for n in range(5):
        site_tree.news_index.add_child(
            instance=type(site_tree.article)(title=f"Nyhet {n}", slug=f"nyhet-{n}")
        )
    assert queries() == before


# An applicant's personal data, each holding a marker word found nowhere else.
IDEA_PERSONAL_DATA = {
    "organisation_name": "Zorbaflinkens ideella förening",
    "organisation_number": "556036-0793",
    "contact_name": "Quillamina Yxbergsdotter",
    "contact_email": "quillamina.yxbergsdotter@example.org",
    "contact_phone": "070-987 65 43",
    "team_size": 7,
    "women_count": 5,
    "men_count": 2,
}
IDEA_MARKERS = ["zorbaflinkens", "556036", "quillamina", "yxbergsdotter", "987"]


def test_no_personal_data_of_an_applicant_reaches_an_idea_document_or_the_index(pipeline, backend):
    """Contract style: on every engine, the idea is found by its words and never by its people."""
    applicant = pipeline.at("support", consent_showcase=True, **IDEA_PERSONAL_DATA)
    # What reviewers write about the idea is not public either.
    actions.log_support_activity(
        applicant.idea.pk,
        pipeline.reviewers["advisor"],
        date=applicant.idea.created.date(),
        activity_type="coaching",
        hours=2,
        notes="Samtal med Quillamina om budgeten.",
    )
    (document,) = source("idea").documents()
    stored = json.dumps(document.to_dict(), ensure_ascii=False).lower()
    for marker in [*IDEA_MARKERS, "example.org", "skäl"]:
        assert marker not in stored, marker

    backend.index([document])
    assert [hit.id for hit in backend.search(SearchQuery(text="läxhjälp")).hits] == [document.id]
    for marker in IDEA_MARKERS:
        assert backend.search(SearchQuery(text=marker).cleaned()).total == 0, marker
        assert backend.suggest(marker[:4]) == [], marker
