"""Contract: documents come and go, a rebuild swaps without a gap, status tells what differs."""

import dataclasses
import threading
import time

import pytest

from search.query import SearchQuery

from .corpus import CORPUS, doc, ids


def test_nothing_is_found_before_anything_is_indexed(backend):
    results = backend.search(SearchQuery(text="cykel"))
    assert (results.total, results.hits) == (0, [])
    assert backend.suggest("cy") == []
    assert backend.status().count == 0


def test_indexed_documents_are_found_at_once(backend):
    assert backend.index(CORPUS[:3]) == 3
    assert ids(backend.search(SearchQuery(text="cykel"))) == ["news:2"]


def test_indexing_a_document_again_replaces_it(indexed):
    renamed = dataclasses.replace(CORPUS[2], title="Tandem för integration", body="En tandem till nyanlända.")
    indexed.index([renamed])
    assert "news:2" not in ids(indexed.search(SearchQuery(text="cykel")))
    assert ids(indexed.search(SearchQuery(text="tandem"))) == ["news:2"]
    assert indexed.status().count == len(CORPUS)


def test_deleted_documents_are_gone_and_unknown_ids_are_ignored(indexed):
    indexed.delete(["news:2", "news:404"])
    assert "news:2" not in ids(indexed.search(SearchQuery(text="cyklar")))
    assert "news:2" not in indexed.status().versions
    assert indexed.status().count == len(CORPUS) - 1
    assert "cykeln" not in indexed.suggest("cykel")


def test_status_lists_what_differs_from_the_database(indexed):
    status = indexed.status()
    assert status.name
    assert status.versions == {document.id: document.version for document in CORPUS}
    assert not status.differences(CORPUS)
    changed = dataclasses.replace(CORPUS[0], title="Ny rubrik")
    new = doc("news:12", "sv", "2019-01-01", "Ny artikel", "Text.")
    database = [changed, *CORPUS[1:-1], new]
    differences = status.differences(database)
    assert (differences.missing, differences.stale, differences.extra) == (
        ["news:12"],
        ["news:1"],
        ["idea:11"],
    )


def test_a_rebuild_swaps_in_the_new_index_with_no_moment_of_missing_results(indexed):
    before = indexed.status().name
    more = [doc(f"news:{n}", "sv", "2019-02-01", f"Cykel nummer {n}", "Om cyklar.") for n in range(100, 400)]
    totals, stop = [], threading.Event()

    def keep_searching():
        while not stop.is_set():
            totals.append(indexed.search(SearchQuery(text="cykel")).total)

    def wait_for(condition):
        deadline = time.monotonic() + 10
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.001)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        wait_for(lambda: totals)
        assert indexed.rebuild([*CORPUS, *more]) == len(CORPUS) + len(more)
        after = 2 + len(more)
        wait_for(lambda: totals[-1] == after)
    finally:
        stop.set()
        searcher.join()
    # Every search saw the old index or the new one, whole: nothing in between, nothing empty.
    assert set(totals) == {2, after}
    assert indexed.status().name != before
    assert indexed.status().count == len(CORPUS) + len(more)


def test_a_rebuild_drops_what_is_no_longer_there(indexed):
    indexed.rebuild(CORPUS[:2])
    assert indexed.status().versions.keys() == {"news:1", "news:8"}
    indexed.index([CORPUS[2]])
    assert ids(indexed.search(SearchQuery(text="cyklar"))) == ["news:2"]


def test_a_rebuild_that_fails_leaves_the_live_index_as_it_was(indexed):
    before = indexed.status()

    def failing():
        yield from CORPUS[:3]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        indexed.rebuild(failing())
    assert indexed.status() == before
    assert indexed.search(SearchQuery(text="cyklar")).total == 2
