"""Indexing through the outbox: every change to a findable page reaches the index after commit,
and an engine that is down fails no publish; the outbox catches up once it is back."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.models import NewsPage
from infra.models import OutboxMessage
from search import indexing
from search.backends import get_backend
from search.documents import document_id
from search.query import SearchQuery
from tests.helpers import SiteTree, publish, translate

pytestmark = pytest.mark.django_db


def found(text: str, language: str = "sv", **filters) -> list[str]:
    query = SearchQuery(text=text, filters={"language": language, **filters})
    return [hit.id for hit in get_backend().search(query).hits]


def pending() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kind=indexing.KIND, done_at__isnull=True))


def due_now() -> None:
    """Time passes: every pending row's next attempt has come."""
    OutboxMessage.objects.filter(done_at__isnull=True).update(next_attempt_at=timezone.now())


def in_sync() -> bool:
    return not indexing.differences()


def fresh(page):
    """The page as an editor opens it: from the database (the tree's own objects are older)."""
    return page.specific_class.objects.get(pk=page.pk)


def news(site: SiteTree, title: str, lead: str = "") -> NewsPage:
    return site.news_index.add_child(
        instance=NewsPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            date=datetime.date(2016, 3, 1),
            lead=lead,
            live=False,
        )
    )


def test_publishing_writes_one_index_row_in_the_same_transaction(site, django_capture_on_commit_callbacks):
    article = news(site, "Cykelkök i Lund")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(article)
    (row,) = pending()
    assert row.payload == {"documents": [document_id("news", article.pk)]}
    assert callbacks  # delivery waits for the commit
    assert found("cykelkök") == []


def test_a_publish_that_rolls_back_leaves_no_row(site):
    article = news(site, "Cykelkök i Lund")

    def request_that_fails_after_publishing():
        with transaction.atomic():
            article.save_revision().publish()
            raise RuntimeError("the request failed after publishing")

    with pytest.raises(RuntimeError, match="the request failed after publishing"):
        request_that_fails_after_publishing()
    assert pending() == []


def test_published_pages_are_found_after_commit(site, after_commit):
    assert in_sync()
    assert found("samverkan") == [document_id("news", site.article.pk)]
    with after_commit():
        article = publish(news(site, "Cykelkök i Lund", "Ett kök för cyklar."))
    assert found("cykel") == [document_id("news", article.pk)]
    assert pending() == []
    assert in_sync()


def test_a_published_translation_is_found_in_its_language(site, after_commit):
    with after_commit():
        article = publish(news(site, "Cykelkök i Lund", "Ett kök för cyklar."))
        english = translate(article, site.en, title="A bicycle kitchen in Lund", slug="bicycle-kitchen")
    assert found("bicycle", "en") == [document_id("news", english.pk)]
    assert in_sync()


def test_an_unpublished_page_is_gone_from_the_index(site, after_commit):
    with after_commit():
        fresh(site.article).unpublish()
    assert document_id("news", site.article.pk) not in found("samverkan")
    assert in_sync()


def test_a_deleted_page_is_gone_and_so_are_the_pages_under_a_deleted_section(site, after_commit):
    with after_commit():
        fresh(site.resource).delete()
    assert found("guide", language="en") == [document_id("resource", site.pages_en[-1].pk)]
    assert found("guide") == []
    with after_commit():
        fresh(site.news_index).delete()
    assert found("samverkan") == []
    assert in_sync()


def test_a_moved_page_and_the_pages_under_a_moved_section_are_found_at_their_new_address(site, after_commit):
    with after_commit():
        fresh(site.resource).move(site.news_index, pos="last-child")
    (hit,) = get_backend().search(SearchQuery(text="marknaden", filters={"language": "sv"})).hits
    assert hit.url == "/nyheter/guide/"
    with after_commit():
        fresh(site.news_index).move(site.about, pos="last-child")
    assert {hit.url for hit in get_backend().search(SearchQuery(filters={"language": "sv"})).hits} >= {
        "/om/nyheter/guide/",
        "/om/nyheter/skansk-samverkan/",
    }
    assert in_sync()


def test_a_renamed_section_moves_its_pages_addresses_too(site, after_commit):
    section = fresh(site.news_index)
    section.slug = "aktuellt"
    with after_commit():
        publish(section)
    (hit,) = get_backend().search(SearchQuery(text="samverkan", filters={"language": "sv"})).hits
    assert hit.url == "/aktuellt/skansk-samverkan/"
    assert in_sync()


def test_a_section_made_private_leaves_the_index_and_returns_when_public(site, after_commit):
    with after_commit():
        restriction = PageViewRestriction.objects.create(
            page=site.resource_index, restriction_type=PageViewRestriction.LOGIN
        )
    assert document_id("resource", site.resource.pk) not in found("marknaden")
    with after_commit():
        restriction.delete()
    assert document_id("resource", site.resource.pk) in found("marknaden")
    assert in_sync()


def test_the_handler_can_run_twice(site):
    payload = {"documents": [document_id("news", site.article.pk), "news:999999", "unknown:1", "news:x"]}
    indexing.apply(payload)
    indexing.apply(payload)
    assert in_sync()


def test_a_busy_index_fails_no_publish_and_the_row_is_delivered_after_recovery(site, after_commit):
    backend = get_backend()
    with backend.store.write_lock():  # another writer holds the index
        with after_commit():
            article = publish(news(site, "Cykelkök i Lund", "Ett kök för cyklar."))
        assert NewsPage.objects.get(pk=article.pk).live
        (row,) = pending()
        assert row.attempts == 1
        assert "locked" in row.last_error
    assert found("cykel") == []

    call_command("deliver_outbox")  # not due yet: the backoff holds
    assert pending() == [row]
    due_now()
    call_command("deliver_outbox")
    assert pending() == []
    assert found("cykel") == [document_id("news", article.pk)]
    assert in_sync()
