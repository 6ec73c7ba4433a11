"""The public search at /search/ and /en/search/, and its JSON twin at /api/search/."""

import datetime
import json
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from infra import page_cache
from search.backends import get_backend
from search.documents import SearchDocument
from search.labels import labels_changed

pytestmark = pytest.mark.django_db

BAD_INPUT = [
    {"q": "cykel " * 2_000},
    {"q": '"*:()[]{}^~\\'},
    {"q": "\x00\x01 samverkan"},
    {"q": "' OR 1=1 --"},
    {"q": '{"query": {"match_all": {}}}'},
    {"q": "<script>alert(1)</script>"},
    {"q": "samverkan", "type": "nope", "municipality": "x" * 5_000, "year": "DROP TABLE"},
    {"q": "samverkan", "challenge_area": ["a"] * 100},
    {"q": "samverkan", "page": "0"},
    {"q": "samverkan", "page": "-1"},
    {"q": "samverkan", "page": str(10**9)},
    {"q": "samverkan", "page": "1e400"},
    {"q": "samverkan", "page": "abc"},
    {"q": "samverkan", "sort": "_score; DROP"},
    {"q": "samverkan", "language": ["sv", "en", "fr"]},
    {"q": "samverkan", "page": str(10**30)},
    {"q": "samverkan", "page": "-" + str(10**30)},
    {"q": "samverkan", "year": str(10**30), "municipality": "malmo\x00", "stage": "\x00"},
    {"q": "samverkan", "type": ["news", "nope", "x" * 5_000], "challenge_area": "\x00" * 100},
    {"q": "x" * 100_000, "sort": "\x00", "language": "\x00"},
]


def api(client, path="/api/search/", **params):
    response = client.get(path, params)
    return response.status_code, json.loads(response.content)


def synthetic(count: int, word: str = "cykel") -> list[SearchDocument]:
    return [
        SearchDocument(
            id=f"news:{10_000 + n}",
            type="news",
            language="sv",
            title=f"{word.capitalize()} nummer {n}",
            url=f"/nyheter/{word}-{n}/",
            date=datetime.date(2016, 1, 1) + datetime.timedelta(days=n),
            summary=f"Om {word}.",
            municipality="malmo",
            challenge_areas=("ungdomsarbetsloshet",),
        )
        for n in range(count)
    ]


def test_the_swedish_search_finds_and_highlights(client, site):
    response = client.get("/search/", {"q": "samverkan"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/nyheter/skansk-samverkan/">Skånsk <mark>samverkan</mark>' in html
    assert 'role="search"' in html
    assert '<label for="search-q">' in html
    assert "Ungdomsarbetslöshet" in html  # the challenge area's Swedish name


def test_the_english_search_labels_facets_in_english(client, site):
    response = client.get("/en/search/", {"q": "innovation", "language": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "/en/news/joining-forces/" in html
    assert "Youth unemployment" in html


def test_a_chosen_facet_filters_the_hits_and_the_others_keep_their_counts(client, site):
    status, everything = api(client, language="sv")
    status, chosen = api(client, language="sv", type="news")
    assert status == 200
    assert {hit["type"] for hit in chosen["hits"]} == {"news"}
    # Its own facet still offers the other types, with the counts they would have.
    assert chosen["facets"]["type"] == [
        {**value, "selected": value["value"] == "news"} for value in everything["facets"]["type"]
    ]
    assert (
        chosen["facets"]["language"] == [{"value": "sv", "label": "Swedish", "count": 1, "selected": True}]
        or chosen["facets"]["language"][0]["count"] == 1
    )


def test_results_are_paged_and_sorted_by_date(client, site):
    get_backend().index(synthetic(45))
    _status, second = api(client, q="cykel", page=2, sort="date")
    assert (second["total"], second["num_pages"], len(second["hits"])) == (45, 3, 20)
    dates = [hit["date"] for hit in second["hits"]]
    assert dates == sorted(dates, reverse=True)
    html = client.get("/en/search/", {"q": "cykel", "page": 3, "language": "sv"}).content.decode()
    assert "41–45 of 45 results" in html
    assert 'aria-current="page"' in html
    assert 'rel="prev"' in html


def test_no_hits_offers_a_correction_and_completions(client, site):
    _status, found = api(client, q="samverkn", as_typed=1)
    assert (found["total"], found["did_you_mean"]) == (0, "samverkan")
    html = client.get("/en/search/", {"q": "samverkn", "as_typed": 1}).content.decode()
    assert "No results" in html
    assert "?q=samverkan" in html
    assert "Check the spelling" in html
    assert "Inga träffar" in client.get("/search/", {"q": "samverkn", "as_typed": 1}).content.decode()


def test_the_autocomplete_completes_the_last_word(client, site):
    status, found = api(client, "/api/search/suggest/", q="sam")
    assert status == 200
    assert "samverkan" in found["suggestions"]
    assert api(client, "/api/search/suggest/", q="")[1]["suggestions"] == []


@pytest.mark.parametrize("params", BAD_INPUT)
def test_bad_input_never_fails_the_page_or_the_api(client, site, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
    status, body = api(client, **params)
    assert status == 200
    assert isinstance(body["hits"], list)
    assert 1 <= body["query"]["page"] <= 500
    assert len(body["query"]["q"]) <= 200


@pytest.mark.parametrize("text", ["\x00", "sam\x00", "x" * 100_000, str(10**30), '")(*'])
def test_bad_input_never_fails_the_autocomplete(client, site, text):
    status, found = api(client, "/api/search/suggest/", q=text)
    assert status == 200
    assert isinstance(found["suggestions"], list)


def test_other_methods_are_refused(client, site):
    assert client.post("/search/", {"q": "x"}).status_code == 405
    assert client.post("/api/search/", {"q": "x"}).status_code == 405


def test_text_from_the_index_is_escaped_and_only_the_marks_are_markup(client, site):
    get_backend().index(
        [
            SearchDocument(
                id="news:777",
                type="news",
                language="sv",
                title="<img src=x onerror=alert(1)> cykel",
                url="/x/",
                date=None,
                summary="<b>cykel</b> & co",
            )
        ]
    )
    html = client.get("/search/", {"q": "cykel"}).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>cykel</mark>" in html
    assert "&lt;b&gt;<mark>cykel</mark>&lt;/b&gt; &amp; co" in html


@pytest.fixture
def engine_down(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.5


def test_an_engine_that_is_down_gives_a_notice_page_and_a_503_api(client, site, engine_down):
    response = client.get("/search/", {"q": "samverkan"})
    assert response.status_code == 200
    assert "Sökningen är inte tillgänglig just nu" in response.content.decode()
    status, body = api(client, q="samverkan")
    assert status == 503
    assert body["error"] == "unavailable"
    assert body["message"]
    assert api(client, "/api/search/suggest/", q="sam")[0] == 503


def test_the_page_runs_the_same_number_of_queries_whatever_the_hits(client, site):
    get_backend().index(synthetic(30))
    time.sleep(page_cache.CLOCK_MARGIN)  # the site's parts are kept only past it
    counts = {}
    for query in ("cykel nummer 3", "cykel", "samverkan"):
        client.get("/search/", {"q": query})  # warm caches (site, theme)
        labels_changed(sender=None)  # the names of facet values are asked again
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/search/", {"q": query}).status_code == 200
        counts[query] = len(queries)
    # One hit or twenty: the same queries.
    assert counts["cykel nummer 3"] == counts["cykel"]
    # Hits without a municipality need no municipality names.
    assert counts["samverkan"] == counts["cykel"] - 1


def test_every_page_links_to_the_search_in_its_language(client, site):
    assert 'href="/search/"' in client.get("/").content.decode()
    english = client.get("/en/search/", {"q": "guide"}).content.decode()
    assert '<html lang="en">' in english
    assert 'action="/en/search/"' in english
