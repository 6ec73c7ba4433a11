"""A common word's page of hits found among the documents with a title match
(search/backends/embedded/top.py): the same page, in the same order, as scoring every match."""

import pytest

from search.backends.embedded import EmbeddedBackend, top
from search.backends.embedded import backend as embedded_backend
from search.query import SearchQuery

from .corpus import doc

FILLER = "ett projekt om hur en stad kan arbeta med grannar och kvarter i sina delar av staden"


def corpus():
    """ "Förening" in 30 short titles and 40 texts: the titles rank first. "Cykel" in 30 long
    titles and in 10 short texts that say little else (and "lastcykel"): those rank first."""
    documents = []
    for n in range(120):
        title, text = f"Kvarter {n}", FILLER
        if n < 30:
            title = f"Förening {n}"
        elif n < 70:
            text = f"{FILLER} en förening"
        if n % 4 == 1:
            title = f"Cykel {FILLER} {FILLER} {FILLER} {FILLER} {n}"
        elif n % 12 == 2:
            text = "cykel " * 20 + "lastcykel elcykel"
        documents.append(doc(f"news:{n}", "sv" if n % 9 else "en", f"2020-01-{n % 28 + 1:02}", title, text))
    return documents


@pytest.fixture
def backend(tmp_path, monkeypatch):
    monkeypatch.setattr(top, "WORTH_FROM", 0)  # a corpus this small is worth it too
    backend = EmbeddedBackend(tmp_path)
    backend.index(corpus())
    return backend


def pages(backend, text, **query):
    found = []
    for page in (1, 2, 3):
        backend.counts.clear()
        backend.pages.clear()
        results = backend.search(SearchQuery(text=text, page=page, per_page=5, **query).cleaned())
        found.append((results.total, [hit.id for hit in results.hits]))
    return found


def taking(monkeypatch) -> list:
    """The pages taken from the titles from now on (None where all matches were scored)."""
    taken = []

    def spied(*args):
        taken.append(found := top.page_from_titles(*args))
        return found

    monkeypatch.setattr(embedded_backend, "page_from_titles", spied)
    return taken


@pytest.mark.parametrize(
    "query",
    [
        {"language": "sv"},
        {"language": ""},
        {"language": "sv", "filters": {"type": ["news"]}},
        {"language": "sv", "any_word": True},
    ],
    ids=["swedish", "any-language", "filtered", "any-word"],
)
@pytest.mark.parametrize("text", ["förening", "cykel", "förening kvarter", "cykel förening"])
def test_the_page_is_that_of_all_matches(backend, monkeypatch, query, text):
    found = pages(backend, text, **query)
    monkeypatch.setattr(embedded_backend, "page_from_titles", lambda *args: None)
    assert found == pages(backend, text, **query)


def test_a_common_words_page_is_taken_from_the_titles(backend, monkeypatch):
    taken = taking(monkeypatch)
    pages(backend, "förening", language="sv")
    assert taken[0] is not None


def test_a_page_is_taken_from_the_titles_only_when_no_other_document_can_score_more(backend, monkeypatch):
    # Without the bound on the other documents' scores, the short texts of "cykel" are missed.
    everything = pages(backend, "cykel", language="sv")
    monkeypatch.setattr(top, "_highest", lambda *args: 0.0)
    assert pages(backend, "cykel", language="sv") != everything


def test_the_few_documents_of_a_rare_clause_are_searched_with_the_titled_ones(tmp_path, monkeypatch):
    # "Förening" in 40 titles, short, long and very long, and in one text only as compounds'
    # head ("idrottsförening"): that text ranks 15th, between the long titles and the very long
    # ones. Its clause (the compound head, in one document) would bound the other documents'
    # scores above its own; searched with the titled documents, it counts in no bound and every
    # page is taken from them, the same as from all matches.
    monkeypatch.setattr(top, "WORTH_FROM", 0)
    compounds = "idrottsförening ungdomsförening musikförening"
    documents = [doc("news:compound", "sv", "2020-01-01", "Kvarter", compounds)]
    for n in range(100):
        title = f"Kvarter {n}"
        if n < 40:
            title = f"Förening {FILLER * (0 if n < 8 else 1 if n < 14 else 12)} {n}"
        text = f"{FILLER} en förening och en idrottshall"
        documents.append(doc(f"news:{n}", "sv", "2020-01-02", title, text))
    backend = EmbeddedBackend(tmp_path)
    backend.index(documents)
    taken = taking(monkeypatch)
    found = pages(backend, "förening", language="sv")
    assert all(page is not None for page in taken)
    assert found[2][1][-1] == "news:compound"
    monkeypatch.setattr(embedded_backend, "page_from_titles", lambda *args: None)
    assert found == pages(backend, "förening", language="sv")
