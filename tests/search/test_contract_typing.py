"""Contract: what people type, on every backend: compounds the index has never seen, words typed
without å, ä, ö and é in another inflection than the page's, and misspellings that find nothing."""

import pytest

from search.query import SearchQuery

from .corpus import doc, ids


def search(backend, text, **query):
    return backend.search(SearchQuery(text=text, **query))


@pytest.fixture
def youth(backend):
    """Pages with "ungdomar" and "jobb" but never the compound "ungdomsjobb"."""
    backend.index(
        [
            # Both parts, far apart, and "ungdomar" in the title: the engine ranks it first.
            doc(
                "news:1",
                "sv",
                "2019-01-01",
                "Ungdomar och fritid",
                "Många ungdomar i Lund spelar fotboll, tränar i föreningar och sjunger i kör "
                "varje vecka. Några av dem har också ett jobb.",
            ),
            # Both parts side by side.
            doc(
                "news:2", "sv", "2019-02-01", "Sommar i Malmö", "Kommunen ordnar jobb för ungdomar i sommar."
            ),
            # One part only.
            doc("news:3", "sv", "2019-03-01", "Jobb för vuxna", "Arbetsförmedlingen hjälper vuxna."),
        ]
    )
    return backend


def test_an_unknown_compound_finds_the_pages_with_both_parts_the_parts_near_each_other_first(youth):
    assert ids(search(youth, "ungdomsjobb")) == ["news:2", "news:1"]


def test_the_parts_given_as_words_rank_by_the_engine_alone(youth):
    assert ids(search(youth, "ungdomar jobb")) == ["news:1", "news:2"]


def test_the_parts_of_a_split_compound_are_marked(youth):
    hit = search(youth, "ungdomsjobb").hits[0]
    assert "<mark>jobb</mark> för <mark>ungdomar</mark>" in hit.snippet_html


def test_an_inflected_split_compound_beside_another_word_still_finds_its_page(youth):
    assert ids(search(youth, "ungdomsjobben malmö")) == ["news:2"]


def test_a_word_the_index_knows_is_not_split(indexed):
    # "cykelverkstad" is on one page; split, "cyklar" and "verkstad" would find no other.
    results = search(indexed, "cykelverkstad")
    assert ids(results) == ["idea:11"]
    assert "<mark>Cykelverkstad</mark>" in results.hits[0].title_html


def test_a_compound_whose_parts_the_index_lacks_finds_nothing(youth):
    assert search(youth, "ungdomsbastu").total == 0


@pytest.fixture
def spelt(backend):
    """Words in one inflection, typed without å, ä, ö and é in another."""
    backend.index(
        [
            doc("news:1", "sv", "2019-01-01", "Idéburet partnerskap", "Kommunen och föreningen samverkar."),
            doc("news:2", "sv", "2019-02-01", "Mötesplats i Lund", "Biblioteket är öppet för alla idéer."),
            doc("news:3", "sv", "2019-03-01", "Sociala företag", "Ett socialt företag återinvesterar."),
        ]
    )
    return backend


@pytest.mark.parametrize(
    ("typed", "spelt_right", "found"),
    [
        ("ideburna", "idéburna", ["news:1"]),
        ("motesplatserna", "mötesplatserna", ["news:2"]),
        ("foretagens", "företagens", ["news:3"]),
    ],
)
def test_a_folded_word_in_another_inflection_finds_what_the_right_spelling_finds(
    spelt, typed, spelt_right, found
):
    assert ids(search(spelt, typed)) == ids(search(spelt, spelt_right)) == found


def test_a_folded_word_in_another_inflection_is_marked(spelt):
    assert search(spelt, "ideburna").hits[0].title_html == "<mark>Idéburet</mark> partnerskap"


def test_a_word_of_its_own_is_not_read_as_another(indexed):
    # "kor" (cows) is a word: the choir ("kör") is found by the folded form only, and ranks below.
    assert ids(search(indexed, "kor")) == ["news:7", "news:6"]


def test_a_misspelt_query_that_finds_nothing_shows_the_corrections_hits(indexed):
    results = search(indexed, "samverkna")
    assert (results.corrected_query, results.query.text) == ("samverkan", "samverkna")
    assert ids(results) == ids(search(indexed, "samverkan"))
    assert results.did_you_mean is None


def test_the_corrections_words_are_marked(indexed):
    assert search(indexed, "sociala innovatoiner").hits[0].title_html == (
        "Skånsk samverkan för <mark>sociala</mark> <mark>innovationer</mark>"
    )


def test_as_typed_the_misspelt_query_finds_nothing_and_the_correction_is_offered(indexed):
    results = search(indexed, "samverkna", as_typed=True)
    assert (results.total, results.corrected_query, results.did_you_mean) == (0, None, "samverkan")


def test_a_correction_that_finds_nothing_is_only_offered(indexed):
    results = search(indexed, "samverkna", filters={"type": ["event"]})
    assert (results.total, results.corrected_query, results.did_you_mean) == (0, None, "samverkan")


def test_no_correction_for_a_query_with_hits(indexed):
    results = search(indexed, "samverkan")
    assert (results.corrected_query, results.did_you_mean) == (None, None)
