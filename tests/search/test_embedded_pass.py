"""The embedded engine's page of hits, found in one walk over the matches on several threads, or
for one word by block-max WAND (search/backends/embedded/onepass): the same hits, in the same
order and with the same scores, as tantivy's own search of the whole query with its filters. And
its vocabulary (completions, "did you mean", compounds): the same terms and counts as tantivy's."""

import pytest
import tantivy
from tantivy import Occur, Query

from search.backends.embedded import EmbeddedBackend
from search.backends.embedded import backend as embedded_backend
from search.backends.embedded.schema import SCHEMA
from search.query import Plan, SearchQuery

from .corpus import doc

FILLER = "ett projekt om hur en stad kan arbeta med grannar och kvarter i sina delar av staden"


def corpus():
    """ "Förening" in 30 short titles and 40 texts, "cykel" in 30 long titles and 10 short texts,
    in both languages, on 28 days: many documents score alike, so the order among equals counts
    (and WAND adds up their scores in orders of its own, see NEAR in onepass)."""
    documents = []
    for n in range(120):
        title, text = f"Kvarter {n}", FILLER
        if n < 30:
            title = f"Förening {n}"
        elif n < 70:
            text = f"{FILLER} en förening"
        if n % 4 == 1:
            title = f"Cykel {FILLER} {FILLER} {n}"
        elif n % 12 == 2:
            text = "cykel " * 20 + "lastcykel elcykel"
        type = "event" if n % 5 == 0 else "news"
        language, translations = ("sv", ("en",) if n % 7 == 0 else ()) if n % 9 else ("en", ())
        documents.append(
            doc(f"{type}:{n}", language, f"2020-01-{n % 28 + 1:02}", title, text, translations=translations)
        )
    return documents


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    backend = EmbeddedBackend(tmp_path_factory.mktemp("index"))
    documents = corpus()
    # Four commits, four segments; some documents deleted from the first.
    for start in range(0, len(documents), 30):
        backend.index(documents[start : start + 30])
    backend.delete([document.id for document in documents[:30:4]])
    return backend


def by_tantivy(backend, query: SearchQuery) -> tuple[int, list[tuple[float, str]]]:
    """The total and the page of (score, id) of tantivy's own search: the words' query with a
    clause for each filter, scored as the words alone."""
    plan = Plan.of(query)
    words = [
        Query.boolean_query(
            [
                (
                    Occur.Should,
                    Query.boost_query(Query.term_query(SCHEMA, field, term, index_option="freq"), boost),
                )
                for field, term, boost in embedded_backend._clauses(word)
            ]
        )
        for word in plan.words
    ]
    if plan.any_word and len(words) > 1:
        words = [Query.boolean_query([(Occur.Should, word) for word in words])]
    required = [(Occur.Must, word) for word in words] or [(Occur.Must, Query.all_query())]
    if plan.language:
        required.append((Occur.MustNot, Query.term_query(SCHEMA, "translations", plan.language)))
    for name, values in plan.filters.items():
        chosen = Query.term_set_query(SCHEMA, name, list(values))
        required.append((Occur.Must, Query.const_score_query(chosen, 0.0)))
    order = {"order_by_field": "day", "order": tantivy.Order.Desc} if plan.by_date else {}
    searcher = backend._searcher()
    result = searcher.search(Query.boolean_query(required), limit=plan.limit, offset=plan.offset, **order)
    page = [
        (0.0 if plan.by_date else score, embedded_backend._source(searcher, address)["id"])
        for score, address in result.hits
    ]
    return result.count, page


@pytest.mark.parametrize("threads", [1, 2, 7])
@pytest.mark.parametrize(
    "query",
    [
        {"language": "sv"},
        {"language": ""},
        {"language": "sv", "filters": {"type": ["news"]}},
        {"language": "en", "filters": {"type": ["event", "news"]}},
        {"language": "sv", "any_word": True},
        {"language": "sv", "sort": "date"},
        # Without facet counts the filters narrow the words' query itself.
        {"language": "sv", "filters": {"type": ["news"]}, "facets": False},
        {"language": "sv", "filters": {"type": ["news", "event"]}, "facets": False, "any_word": True},
    ],
    ids=[
        "swedish",
        "any-language",
        "filtered",
        "english-two-types",
        "any-word",
        "by-date",
        "narrowed",
        "narrowed-any",
    ],
)
@pytest.mark.parametrize("text", ["förening", "cykel", "förening kvarter", "cykel förening", ""])
def test_the_page_is_tantivys_own(backend, monkeypatch, threads, query, text):
    monkeypatch.setattr(embedded_backend, "SEARCH_THREADS", threads)
    for page in (1, 2, 3):
        backend.counts.clear()
        backend.pages.clear()
        asked = SearchQuery(text=text, page=page, per_page=7, **query).cleaned()
        results = backend.search(asked)
        # The same scores to the last bit: ties are then broken as tantivy breaks them.
        assert (results.total, [(hit.score, hit.id) for hit in results.hits]) == by_tantivy(backend, asked)


@pytest.mark.parametrize("language", ["", "sv", "en"])
@pytest.mark.parametrize("prefix", ["", "k", "kvarter", "för", "c", "zz"])
@pytest.mark.parametrize("limit", [None, 1, 3])
def test_the_vocabulary_is_tantivys_own(backend, language, prefix, limit):
    within = Query.term_query(SCHEMA, "language", language) if language else Query.all_query()
    expected = backend._searcher().terms_with_prefix("exact", prefix, filter_query=within, limit=limit)
    assert backend._vocabulary(prefix, language, limit) == expected
    # Asked again, from the documents the searcher keeps marked.
    assert backend._vocabulary(prefix, language, limit) == expected


def test_a_word_whose_every_document_was_deleted_is_not_in_the_vocabulary(backend):
    # The first segment's deleted titles ("Förening 0", "Förening 4", ...) held their numbers alone.
    indexed = {term for term, _ in backend._searcher().terms_with_prefix("exact", "")}
    live = {term for term, _ in backend._vocabulary("", "", None)}
    assert {"0", "4", "8"} <= indexed - live
