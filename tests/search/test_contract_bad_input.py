"""Contract: bad input gets an ordinary answer (empty, or the first page), never an exception."""

import pytest

from search.query import MAX_RESULT_WINDOW, SearchQuery

from .corpus import CORPUS

TEXTS = [
    "x" * 100_000,
    " ".join(["cykel"] * 5_000),
    '"*:()[]{}^~\\',
    "cykel AND (kör OR",
    "title:cykel^10~2",
    "' OR 1=1 --",
    "'; DROP TABLE wagtailcore_page; --",
    '{"query": {"match_all": {}}}',
    "<script>alert(1)</script>",
    "\x00\x01\x02",
    "🚲🚲🚲",
    "../../etc/passwd",
    "*",
    "  ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_any_query_text_gets_an_answer(indexed, text):
    results = indexed.search(SearchQuery(text=text))
    assert results.total >= 0
    assert all("<script>" not in hit.snippet_html for hit in results.hits)
    assert isinstance(indexed.suggest(text), list)


def test_query_syntax_is_not_interpreted(indexed):
    assert indexed.search(SearchQuery(text="title:cykel^10~2")).total == 0  # "title", "cykel", "10", "2"
    assert indexed.search(SearchQuery(text='"*:()[]{}^~\\')).total == len(CORPUS)  # no words: browse


@pytest.mark.parametrize(
    ("page", "per_page", "expected_page"),
    [(0, 20, 1), (-1, 20, 1), ("abc", 20, 1), (None, 20, 1), (10**9, 20, MAX_RESULT_WINDOW // 20), (1, 0, 1)],
)
def test_pages_out_of_range_get_the_first_or_an_empty_page(indexed, page, per_page, expected_page):
    results = indexed.search(SearchQuery(page=page, per_page=per_page))
    assert results.query.page == expected_page
    assert results.total == len(CORPUS)
    assert len(results.hits) == (min(len(CORPUS), results.query.per_page) if expected_page == 1 else 0)


def test_page_sizes_are_bounded(indexed):
    assert indexed.search(SearchQuery(per_page=10**6)).query.per_page == 100
    assert indexed.search(SearchQuery(per_page=-5)).query.per_page == 1


@pytest.mark.parametrize(
    "filters",
    [
        {"type": ["nope"]},
        {"municipality": ["' OR 1=1 --"]},
        {"challenge_area": ["x" * 10_000] * 1_000},
        {"year": [2015.5, None, ""]},
        {"type": 5},
        {"unknown": ["x"]},
        ["not", "a", "mapping"],
    ],
)
def test_unknown_facets_and_values_answer_without_error(indexed, filters):
    results = indexed.search(SearchQuery(filters=filters))
    assert results.total in (0, len(CORPUS))
    assert set(results.facets) == {"type", "challenge_area", "municipality", "stage", "language", "year"}


def test_unknown_sort_and_language_fall_back(indexed):
    results = indexed.search(SearchQuery(text="cyklar", sort="; DROP", language="xx"))
    assert (results.query.sort, results.query.language) == ("relevance", "")
    assert results.total == 2


@pytest.mark.parametrize("prefix", ["", "a", "*", "x" * 10_000, None, "c.*", "(cy", "cy\\"])
def test_any_prefix_gets_a_list(indexed, prefix):
    assert isinstance(indexed.suggest(prefix), list)
