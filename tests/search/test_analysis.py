"""The shared analysis: word forms, compounds, query words, corrections and highlighting."""

import pytest

from search.analysis import (
    MAX_QUERY_WORDS,
    analyse,
    clauses,
    compound_heads,
    index_text,
    lemma_key,
    query_words,
    stem,
    words,
)
from search.dictionary import real_spellings
from search.documents import SearchDocument
from search.highlight import Highlighter
from search.spelling import correction, edit_distance


@pytest.mark.parametrize(
    "forms",
    [
        ("cyklar", "cykel", "cykeln", "cyklarna"),
        ("arbetsmarknad", "arbetsmarknaden"),
        ("innovation", "innovationer"),
        ("företag", "företagen"),
        ("kommun", "kommunerna"),
        ("entreprenör", "entreprenörer"),
    ],
)
def test_swedish_word_forms_share_one_lemma_key(forms):
    assert len({lemma_key(form, "sv") for form in forms}) == 1


def test_the_stemmer_alone_would_keep_arbetsmarknad_and_arbetsmarknaden_apart():
    assert stem("arbetsmarknad", "sv") != stem("arbetsmarknaden", "sv")


def test_english_word_forms_share_one_lemma_key():
    assert len({lemma_key(form, "en") for form in ("cycle", "cycles", "cycling")}) == 1
    assert lemma_key("women", "en") == lemma_key("woman", "en")


def test_a_compound_indexes_the_key_of_its_head():
    assert compound_heads("ungdomsarbetslösheten") == (lemma_key("arbetslöshet", "sv"),)
    assert lemma_key("marknad", "sv") in compound_heads("arbetsmarknaden")


@pytest.mark.parametrize(
    "word", ["innovation", "myndigheten", "eftermiddag", "företagen", "beskriver", "cykel"]
)
def test_words_that_only_look_like_compounds_are_not_split(word):
    assert compound_heads(word) == ()


def test_text_is_indexed_under_its_language_only():
    document = SearchDocument("news:1", "news", "sv", "Cyklar", "/", None, body="Ungdomsarbetslösheten.")
    fields = index_text(document)
    assert fields["lemma_sv"] == f"{lemma_key('cyklar', 'sv')} {lemma_key('ungdomsarbetslösheten', 'sv')}"
    assert fields["exact"] == "cyklar ungdomsarbetslösheten"
    assert fields["folded"] == f"{analyse('folded', 'cyklar')} {analyse('folded', 'ungdomsarbetslösheten')}"
    assert fields["title_sv"] == lemma_key("cyklar", "sv")
    assert fields["parts"] == lemma_key("arbetslöshet", "sv")
    assert "lemma_en" not in fields
    assert "title_en" not in fields


def test_words_are_already_what_the_exact_analyzer_makes_of_them():
    found = words("Ungdomsarbetslöshet i MALMÖ, Å och Ä: (2015) co-working")
    assert [analyse("exact", word) for word in found] == found


def test_stopwords_are_left_out_of_the_ranked_fields_but_stay_findable():
    document = SearchDocument("news:1", "news", "sv", "Det nya", "/", None, body="Cyklar och (bussar)")
    fields = index_text(document)
    assert fields["lemma_sv"] == " ".join(lemma_key(word, "sv") for word in ("nya", "cyklar", "bussar"))
    assert fields["title_sv"] == lemma_key("nya", "sv")
    assert fields["exact"] == "det nya cyklar och bussar"


def test_a_text_of_stopwords_only_has_no_ranked_fields():
    fields = index_text(SearchDocument("news:1", "news", "sv", "Det", "/", None, body="och i"))
    assert "lemma_sv" not in fields
    assert "title_sv" not in fields
    assert fields["exact"] == "det och i"


def test_query_words_ignore_syntax_and_stopwords_and_are_bounded():
    assert query_words('title:"Cyklar" AND (i Malmö)^2') == ["title", "cyklar", "malmö", "2"]
    assert query_words("och i") == ["och", "i"]  # only stopwords: kept
    assert len(query_words(" ".join(f"ord{n}" for n in range(100)))) == MAX_QUERY_WORDS
    assert query_words("x" * 1_000) == []


def test_a_query_word_may_match_in_both_languages():
    fields = {clause.field for clause in clauses("cyklar")}
    assert {
        "lemma_sv",
        "lemma_en",
        "title_sv",
        "title_en",
        "exact",
        "folded",
        "parts",
    } == fields


def test_edit_distance_counts_a_swap_of_neighbours_as_one():
    assert edit_distance("samverkna", "samverkan", 2) == 1
    assert edit_distance("kor", "kör", 2) == 1
    assert edit_distance("cykel", "innovation", 2) == 3  # over the limit: limit + 1


def test_the_correction_is_the_nearest_then_most_frequent_word():
    candidates = [("samverkan", 3), ("samverkat", 10), ("sammanfattning", 50)]
    assert correction("samverkna", candidates) == "samverkan"
    assert correction("samverk", [("samverka", 1), ("samverkan", 9)]) == "samverka"
    assert correction("xyz", candidates) is None


def test_highlighting_marks_every_matching_form_and_escapes_the_rest():
    highlighter = Highlighter(["arbetslöshet", "malmo"])
    marked = highlighter.snippet("<b>Ungdomsarbetslösheten</b> i Malmö & Lund", "sv")
    assert marked == "&lt;b&gt;<mark>Ungdomsarbetslösheten</mark>&lt;/b&gt; i <mark>Malmö</mark> &amp; Lund"


def test_a_snippet_without_matches_is_the_start_of_the_text_cut_at_a_word():
    snippet = Highlighter(["cykel"]).snippet("ord " * 200, "sv")
    assert snippet.startswith("ord ord")
    assert snippet.endswith("ord…")
    assert "<mark>" not in snippet


@pytest.mark.parametrize(
    ("typed", "spellings"),
    [
        ("foretagens", ("företagens",)),
        ("ideburna", ("idéburna",)),
        ("natverket", ("nätverket",)),
        ("kor", ()),  # a word of its own (cows), though "kör" is one too
        ("market", ()),  # an English word: never read as "märket"
        ("företagens", ()),  # spelt with its letters already
        ("xyzzy", ()),
    ],
)
def test_a_word_typed_without_swedish_letters_is_read_as_the_real_words_it_may_be(typed, spellings):
    assert real_spellings(typed) == spellings


def test_a_folded_word_matches_as_its_real_spelling_does():
    assert set(clauses("företagens")) <= set(clauses("foretagens"))
