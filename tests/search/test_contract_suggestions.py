"""Contract: completions as the visitor types, and "did you mean" for a misspelling."""

from search.query import SearchQuery

from .corpus import doc


def test_completions_are_the_index_words_under_the_prefix_most_frequent_first(backend):
    texts = ["cyklar och cykel", "cyklar", "cyklar, cykel och cykelbana", "cyklist"]
    backend.index(doc(f"news:{n}", "sv", "2019-01-01", "Trafik", text) for n, text in enumerate(texts))
    assert backend.suggest("cyk") == ["cyklar", "cykel", "cykelbana", "cyklist"]
    assert backend.suggest("cyk", limit=2) == ["cyklar", "cykel"]


def test_completions_keep_the_words_before_the_last(indexed):
    assert indexed.suggest("Skånsk samv") == ["skånsk samverkan", "skånsk samverkansprojekt"]


def test_completions_are_in_the_visitors_language(indexed):
    assert "organisations" in indexed.suggest("organ", language="en")
    assert indexed.suggest("organ", language="sv") == ["organisationer"]


def test_completions_need_two_letters_and_an_unfinished_word(indexed):
    assert indexed.suggest("c") == []
    assert indexed.suggest("cykel ") == []
    assert indexed.suggest("") == []


def test_a_misspelt_query_gets_a_correction(indexed):
    results = indexed.search(SearchQuery(text="samverkna", as_typed=True))
    assert results.total == 0
    assert results.did_you_mean == "samverkan"


def test_only_the_misspelt_words_are_corrected(indexed):
    results = indexed.search(SearchQuery(text="sociala innovatoiner", as_typed=True))
    assert results.did_you_mean == "sociala innovationer"
    assert indexed.search(SearchQuery(text=results.did_you_mean)).hits[0].id == "news:1"


def test_no_correction_when_there_are_hits_or_nothing_is_near(indexed):
    assert indexed.search(SearchQuery(text="samverkan")).did_you_mean is None
    assert indexed.search(SearchQuery(text="xyzzyq")).did_you_mean is None
