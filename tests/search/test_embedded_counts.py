"""The embedded engine's facet counts: counted in one pass over the matches on several threads
(search/backends/embedded/onepass), and kept per index version (counts.py), checked against
counts made here from the documents themselves."""

import dataclasses
from collections import Counter

import pytest

from search.backends.embedded import EmbeddedBackend, counts
from search.backends.embedded import backend as embedded_backend
from search.documents import FACETS
from search.query import SearchQuery

from .corpus import CORPUS, doc

FILTERS = [
    {},
    {"type": ["news"]},
    {"challenge_area": ["utanforskap", "jamstalldhet"]},
    {"type": ["news", "event"], "municipality": ["malmo"]},
    {"year": ["2015"], "challenge_area": ["utanforskap"], "language": ["sv", "en"]},
]


def expected(query: SearchQuery, documents=CORPUS) -> tuple[int, dict[str, Counter]]:
    """The total and the facet counts of a search without words, made from the documents: each
    facet under every filter but its own, a document translated into the visitor's language left out."""
    chosen = query.cleaned().filters
    shown = [document for document in documents if query.language not in document.translations]

    def passes(document, but: str = "") -> bool:
        values = document.facet_values()
        return all(set(values[name]) & set(wanted) for name, wanted in chosen.items() if name != but)

    found = {name: Counter() for name in FACETS}
    for document in shown:
        for name, values in document.facet_values().items():
            if passes(document, but=name):
                found[name].update(values)
    return sum(passes(document) for document in shown), found


def shown_counts(results) -> dict[str, Counter]:
    return {
        name: Counter({value.value: value.count for value in values})
        for name, values in results.facets.items()
    }


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("language", ["sv", ""])
@pytest.mark.parametrize("threads", [1, 2, 7])
def test_the_counts_are_those_of_the_documents_under_each_filter_but_the_facets_own(
    tmp_path, monkeypatch, filters, language, threads
):
    # Seven threads cut the index's one segment into seven ranges: each document is counted once.
    monkeypatch.setattr(embedded_backend, "SEARCH_THREADS", threads)
    backend = EmbeddedBackend(tmp_path)
    backend.index(CORPUS)
    query = SearchQuery(language=language, filters=filters)
    results = backend.search(query)
    total, found = expected(query)
    assert (results.total, shown_counts(results)) == (total, found)


@pytest.mark.parametrize("filters", FILTERS)
def test_deleted_documents_count_for_nothing(tmp_path, filters):
    backend = EmbeddedBackend(tmp_path)
    backend.index(CORPUS)
    gone = CORPUS[::3]
    backend.delete([document.id for document in gone])
    query = SearchQuery(language="sv", filters=filters)
    results = backend.search(query)
    total, found = expected(query, [document for document in CORPUS if document not in gone])
    assert (results.total, shown_counts(results)) == (total, found)


def test_kept_counts_and_hits_follow_every_change_to_the_index(tmp_path, monkeypatch):
    monkeypatch.setattr(counts, "KEEP_FROM", 0)  # keep those of this small index too
    reader, writer = EmbeddedBackend(tmp_path), EmbeddedBackend(tmp_path)
    writer.index(CORPUS)
    query = SearchQuery(text="cykel", language="sv")
    before = reader.search(query)
    assert reader.counts.entries, "the counts were not kept"
    assert reader.pages.entries, "the page of hits was not kept"
    assert reader.search(query) == before

    # Another backend (as another process would) adds a document and deletes one.
    new = doc("news:900", "sv", "2024-05-01", "Cykel", "Cykelverkstad i Lund.", municipality="lund")
    writer.index([new])
    after = reader.search(query)
    assert after.total == before.total + 1
    assert "news:900" in [hit.id for hit in after.hits]
    assert shown_counts(after)["municipality"]["lund"] == shown_counts(before)["municipality"]["lund"] + 1

    writer.delete([new.id])
    assert reader.search(query) == before

    # And this backend's own change.
    reader.index([dataclasses.replace(new, id="news:901")])
    assert reader.search(query).total == before.total + 1


def test_the_searcher_is_taken_again_only_when_the_index_changed(tmp_path):
    # Taking one reopens every segment (0.4 ms at 1 000 000 documents).
    backend = EmbeddedBackend(tmp_path)
    backend.index(CORPUS)
    searcher, _ = backend._versioned(one_pass=True)
    assert backend._versioned(one_pass=True)[0] is searcher
    backend.index([doc("news:900", "sv", "2024-05-01", "Cykel", "Cykelverkstad i Lund.")])
    assert backend._versioned(one_pass=True)[0] is not searcher


def test_nothing_is_kept_when_the_index_changed_while_the_searcher_was_taken(tmp_path, monkeypatch):
    """A commit between reading the version and taking the searcher: the searcher may read a
    newer index than the version says, so its counts and hit addresses are neither kept under
    that version nor read from it."""
    monkeypatch.setattr(counts, "KEEP_FROM", 0)
    backend = EmbeddedBackend(tmp_path)
    backend.index(CORPUS)
    commits = iter(range(1_000))  # each read of the version sees a new commit
    monkeypatch.setattr(embedded_backend, "index_version", lambda generation: (generation, next(commits)))
    query = SearchQuery(text="cykel", language="sv")
    assert backend.search(query).total
    assert not backend.counts.entries
    assert not backend.pages.entries
