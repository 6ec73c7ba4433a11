"""Contract: Swedish and English word forms find each other, on every backend."""

import pytest

from search.query import SearchQuery

from .corpus import ids


def search(backend, text, **query):
    return backend.search(SearchQuery(text=text, **query))


def test_stemming_lets_cyklar_find_cykel(indexed):
    found = ids(search(indexed, "cyklar"))
    assert "news:2" in found  # "cykel", "cykeln"
    assert "idea:11" in found  # "cyklar" itself


def test_the_lemma_lets_arbetsmarknad_find_arbetsmarknaden(indexed):
    assert ids(search(indexed, "arbetsmarknad")) == ["resource:3"]


def test_a_compound_is_found_by_its_head_and_ranks_below_the_word_itself(indexed):
    assert ids(search(indexed, "arbetslöshet")) == ["resource:5", "event:4"]


def test_a_compound_head_is_marked_in_the_title(indexed):
    hit = next(hit for hit in search(indexed, "arbetslöshet").hits if hit.id == "event:4")
    assert hit.title_html == "Seminarium om <mark>ungdomsarbetslöshet</mark>"


@pytest.mark.parametrize(
    ("text", "first", "second"), [("kör", "news:6", "news:7"), ("kor", "news:7", "news:6")]
)
def test_a_o_and_o_with_dots_rank_apart_but_folded_forms_are_still_found(indexed, text, first, second):
    assert ids(search(indexed, text)) == [first, second]


def test_a_query_typed_without_swedish_letters_finds_them(indexed):
    found = ids(search(indexed, "malmo"))
    assert {"news:6", "event:4", "event:10"} <= set(found)


def test_english_is_stemmed_the_english_way(indexed):
    assert ids(search(indexed, "cycles")) == ["resource:9"]
    assert ids(search(indexed, "unemployed")) == ["event:10"]


def test_one_search_spans_both_languages_and_the_language_facet_narrows_it(indexed):
    both = search(indexed, "innovation")
    assert set(ids(both)) == {"news:1", "news:8"}
    english = search(indexed, "innovation", filters={"language": ["en"]})
    assert ids(english) == ["news:8"]
    assert {(facet.value, facet.count) for facet in english.facets["language"]} == {("sv", 1), ("en", 1)}


def test_all_words_must_match(indexed):
    assert ids(search(indexed, "kör malmö")) == ["news:6"]
    assert ids(search(indexed, "kör lund")) == []


def test_stopwords_do_not_have_to_match(indexed):
    assert ids(search(indexed, "kören och")) == ids(search(indexed, "kören"))


def test_with_any_word_one_word_is_enough_and_documents_with_more_of_them_rank_first(indexed):
    found = ids(search(indexed, "kör malmö lund", any_word=True, language="sv"))
    assert found[0] == "news:6"
    assert {"news:2", "news:6", "event:4"} <= set(found)
    assert ids(search(indexed, "kör lund", any_word=True, filters={"type": "resource"})) == []
