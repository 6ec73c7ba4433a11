"""The search pages and the API search the visitor's language, and show a page and its translation once."""

import datetime
import json

import pytest

from search import indexing
from search.backends import get_backend
from search.documents import SearchDocument, document_id, source

from .test_indexing import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def swedish_only(site):
    """A Swedish item in Malmö with no English version, beside the site's translated event."""
    get_backend().index(
        [
            SearchDocument(
                id="news:90001",
                type="news",
                language="sv",
                title="Cykelkök i Malmö",
                url="/nyheter/cykelkok/",
                date=datetime.date(2016, 3, 1),
            )
        ]
    )
    return site


def test_the_english_search_shows_english_hits_and_offers_the_swedish_only_ones(client, swedish_only):
    html = client.get("/en/search/", {"q": "malmö"}).content.decode()
    assert "/en/events/idea-workshop/" in html
    assert "/evenemang/ideverkstad/" not in html
    assert "/nyheter/cykelkok/" not in html
    assert '?q=malm%C3%B6&amp;language=en&amp;language=sv">Also in Swedish (1)</a>' in html


def test_adding_swedish_shows_the_swedish_only_item_and_the_event_once(client, swedish_only):
    html = client.get("/en/search/", {"q": "malmö", "language": ["en", "sv"]}).content.decode()
    assert "/nyheter/cykelkok/" in html
    assert html.count("/en/events/idea-workshop/") == 1
    assert "/evenemang/ideverkstad/" not in html


def test_the_swedish_search_offers_no_english_when_everything_is_in_swedish(client, swedish_only):
    html = client.get("/search/", {"q": "malmö"}).content.decode()
    assert "/evenemang/ideverkstad/" in html
    assert "/en/events/idea-workshop/" not in html
    assert "Även på engelska" not in html


def test_the_api_searches_the_language_given_by_lang(client, swedish_only):
    answer = json.loads(client.get("/api/search/", {"q": "malmö", "lang": "en"}).content)
    assert [hit["url"] for hit in answer["hits"]] == ["/en/events/idea-workshop/"]
    assert {value["value"]: value["count"] for value in answer["facets"]["language"]} == {"en": 1, "sv": 1}
    swedish = json.loads(client.get("/api/search/", {"q": "malmö", "lang": "sv"}).content)
    assert {hit["url"] for hit in swedish["hits"]} == {"/evenemang/ideverkstad/", "/nyheter/cykelkok/"}


def test_unpublishing_a_translation_shows_the_original_in_its_place(client, site, after_commit):
    event = document_id("event", site.event.pk)
    assert next(source("event").documents([site.event.pk])).translations == ("en",)
    with after_commit():
        fresh(site.pages_en[5]).unpublish()
    assert not indexing.differences()
    html = client.get("/en/search/", {"q": "malmö"}).content.decode()
    assert "Also in Swedish (1)" in html
    answer = json.loads(client.get("/api/search/", {"q": "malmö", "lang": "en", "language": "sv"}).content)
    assert [hit["id"] for hit in answer["hits"]] == [event]


def test_the_swedish_search_offers_english_only_hits_in_swedish(client, site):
    english = SearchDocument(
        id="news:90002",
        type="news",
        language="en",
        title="Bike kitchen in Malmö",
        url="/en/news/bikes/",
        date=None,
    )
    get_backend().index([english])
    html = client.get("/search/", {"q": "malmö"}).content.decode()
    assert "/en/news/bikes/" not in html
    assert "Även på engelska (1)</a>" in html
