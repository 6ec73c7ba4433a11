"""The fragments that pages share (a page's card, the pages an index or the home page lists) are
never stale: each kind of change shows on the next request, with the page cache off, so that
only the fragments stand between the change and the page; and a page drawn from a cached
fragment passes its tags on to its own entry in the page cache.

Changes run their after-commit callbacks (`committed`), as they would outside a test's transaction.
"""

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import NewsPage, NewsRelatedPage
from infra import page_cache
from tests.helpers import publish

pytestmark = pytest.mark.django_db

#: Pages that show cards of the site tree's pages.
LISTINGS = ("/", "/nyheter/", "/evenemang/", "/resurser/")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def warm(client, site_tree, settings):
    """The page cache off, and every listing's fragments drawn (a second after the site was built:
    `page_cache.CLOCK_MARGIN`)."""
    settings.PAGE_CACHE = False
    time.sleep(page_cache.CLOCK_MARGIN)
    for path in LISTINGS:
        client.get(path)


def text(client, path: str) -> str:
    return client.get(path).content.decode()


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def test_a_warm_listing_loads_no_page_for_its_cards(client, site_tree, warm):
    # The site tree's index pages: the route (two queries) and nothing for the list or its cards.
    assert queries(client, "/nyheter/") < queries(client, "/nyheter/?tag=samverkan")


def test_publishing_an_edit_shows_on_every_card_of_the_page(client, site_tree, warm, committed):
    article = site_tree.article
    article.title, article.lead = "Ny rubrik på artikeln", "En ny ingress."
    with committed():
        publish(article)
    for path in ("/", "/nyheter/"):
        assert "Ny rubrik på artikeln" in text(client, path)
        assert "En ny ingress." in text(client, path)


def test_a_new_article_is_listed_and_an_unpublished_one_is_not(client, site_tree, warm, committed):
    with committed():
        new = site_tree.news_index.add_child(
            instance=NewsPage(title="Helt ny artikel", slug="helt-ny", date=datetime.date(2030, 1, 1))
        )
        publish(new)
    for path in ("/", "/nyheter/"):
        assert "Helt ny artikel" in text(client, path)
    time.sleep(page_cache.CLOCK_MARGIN)
    with committed():
        new.unpublish()
    for path in ("/", "/nyheter/"):
        assert "Helt ny artikel" not in text(client, path)


def test_a_new_address_above_a_page_changes_its_card_link(client, site_tree, warm, committed):
    index = site_tree.news_index
    index.slug = "aktuellt"
    with committed():
        publish(index)
    assert 'href="/aktuellt/skansk-samverkan/"' in text(client, "/")


def test_renaming_a_municipality_shows_on_the_events_cards(client, site_tree, warm, committed):
    municipality = site_tree.municipality
    municipality.name = "Malmö stad"
    with committed():
        municipality.save()
    for path in ("/", "/evenemang/"):
        assert "Malmö stad" in text(client, path)


def test_a_related_page_unpublished_leaves_the_articles_related_pages(client, site_tree, warm, committed):
    NewsRelatedPage.objects.create(article=site_tree.article, page=site_tree.resource)
    with committed():
        publish(site_tree.article)
    assert "Guide till sociala innovationer" in text(client, site_tree.article.url)
    time.sleep(page_cache.CLOCK_MARGIN)
    with committed():
        site_tree.resource.unpublish()
    assert "Guide till sociala innovationer" not in text(client, site_tree.article.url)


def test_a_page_drawn_from_a_cached_card_is_dropped_when_the_card_changes(
    client, site_tree, settings, committed
):
    # The event's card is drawn by the event index, then taken from the fragment cache by the home
    # page, whose entry in the page cache must carry the card's municipality all the same.
    time.sleep(page_cache.CLOCK_MARGIN)
    client.get("/evenemang/")
    client.get("/")
    assert "Age" in client.get("/")
    municipality = site_tree.municipality
    municipality.name = "Malmö stad"
    with committed():
        municipality.save()
    assert "Malmö stad" in text(client, "/")
