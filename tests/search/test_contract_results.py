"""Contract: facets, snippets, pagination and sorting answer the same on every backend."""

import datetime

from search.documents import FACETS
from search.query import SearchQuery

from .corpus import CORPUS, doc, ids


def expected_counts(documents, facet, filters):
    """The reference: counts of `facet` over documents matching every filter but the facet's own."""
    counts = {}
    for document in documents:
        values = document.facet_values()
        if all(set(values[name]) & set(chosen) for name, chosen in filters.items() if name != facet):
            for value in values[facet]:
                counts[value] = counts.get(value, 0) + 1
    return counts


def test_a_chosen_facet_filters_the_hits_while_the_other_facets_keep_their_counts(indexed):
    filters = {"challenge_area": ["ungdomsarbetsloshet"], "language": ["sv"]}
    results = indexed.search(SearchQuery(filters=filters))
    assert set(ids(results)) == {"resource:3", "event:4", "idea:11"}
    assert results.total == 3
    for facet in FACETS:
        counts = {value.value: value.count for value in results.facets[facet]}
        assert counts == expected_counts(CORPUS, facet, filters), facet
    # Values of one facet are alternatives, so choosing a second one widens the hits.
    wider = indexed.search(
        SearchQuery(filters={**filters, "challenge_area": ["ungdomsarbetsloshet", "landsbygd"]})
    )
    assert set(ids(wider)) == {"resource:3", "event:4", "idea:11", "news:7"}


def test_facet_values_say_which_are_chosen_and_come_most_frequent_first(indexed):
    results = indexed.search(SearchQuery(filters={"municipality": "malmo"}))
    municipalities = results.facets["municipality"]
    assert [(value.value, value.count, value.selected) for value in municipalities] == [
        ("malmo", 6, True),
        ("helsingborg", 1, False),
        ("lund", 1, False),
        ("skurup", 1, False),
    ]
    assert {(value.value, value.count) for value in results.facets["stage"]} == {("pilot", 1)}
    assert {(value.value, value.count) for value in results.facets["type"]} == {
        ("news", 3),
        ("event", 2),
        ("idea", 1),
    }


def test_facets_count_within_the_text_query(indexed):
    results = indexed.search(SearchQuery(text="cyklar"))
    assert {(value.value, value.count) for value in results.facets["type"]} == {("news", 1), ("idea", 1)}
    assert {(value.value, value.count) for value in results.facets["year"]} == {("2016", 1), ("2018", 1)}


def test_snippets_mark_the_matched_words_and_escape_the_text(indexed):
    hit = indexed.search(SearchQuery(text="cyklar")).hits
    by_id = {h.id: h for h in hit}
    assert by_id["news:2"].snippet_html == "Projektet lånar ut en <mark>cykel</mark> till nyanlända i Lund."
    assert by_id["news:2"].title_html == "<mark>Cykeln</mark> som verktyg för integration"
    assert "<mark>cyklar</mark>" in by_id["idea:11"].snippet_html
    guide = indexed.search(SearchQuery(text="paus")).hits[0]
    assert guide.snippet_html.endswith(
        "Läs &lt;b&gt;inte&lt;/b&gt; allt på en gång &amp; ta <mark>paus</mark>."
    )


def test_a_hit_carries_what_a_result_list_shows(indexed):
    hit = indexed.search(SearchQuery(text="cykelverkstad")).hits[0]
    assert (hit.id, hit.type, hit.language, hit.url, hit.year, hit.stage) == (
        "idea:11",
        "idea",
        "sv",
        "/sv/idea/11/",
        "2018",
        "pilot",
    )
    assert hit.date == datetime.date(2018, 4, 1)
    assert hit.challenge_areas == ("ungdomsarbetsloshet", "nyanlanda")
    assert hit.summary.startswith("En verkstad")
    assert hit.score > 0


def test_long_texts_get_a_snippet_around_the_match(backend):
    filler = " ".join(["Projektet fortsätter som planerat."] * 40)
    backend.index([doc("news:99", "sv", "2019-01-01", "Rapport", f"{filler} Sist kommer en cykel. {filler}")])
    snippet = backend.search(SearchQuery(text="cykel")).hits[0].snippet_html
    assert snippet.startswith("…")
    assert snippet.endswith("…")
    assert "<mark>cykel</mark>" in snippet
    assert len(snippet) < 300


def test_pages_split_the_hits_and_the_total_counts_them_all(backend):
    backend.index(
        doc(f"news:{n}", "sv", f"2019-01-{n:02d}", f"Nyhet {n}", "Månadens nyhetsbrev.") for n in range(1, 24)
    )
    pages = [backend.search(SearchQuery(text="nyhetsbrev", page=page, per_page=10)) for page in (1, 2, 3)]
    assert [len(page.hits) for page in pages] == [10, 10, 3]
    assert {page.total for page in pages} == {23}
    assert {page.num_pages for page in pages} == {3}
    assert len({hit.id for page in pages for hit in page.hits}) == 23
    beyond = backend.search(SearchQuery(text="nyhetsbrev", page=4, per_page=10))
    assert beyond.hits == []
    assert beyond.total == 23


def test_sorting_by_date_puts_the_newest_first(indexed):
    dated = indexed.search(SearchQuery(text="cyklar", sort="date"))
    assert ids(dated) == ["idea:11", "news:2"]
    everything = indexed.search(SearchQuery(sort="date", per_page=100))
    dates = [hit.date for hit in everything.hits]
    assert dates == sorted(dates, reverse=True)
    assert everything.total == len(CORPUS)


def test_an_empty_query_lists_everything_newest_first(indexed):
    results = indexed.search(SearchQuery())
    assert results.total == len(CORPUS)
    assert ids(results)[0] == "idea:11"


def test_a_query_that_shows_no_facets_counts_none_and_finds_the_same(indexed):
    counted = indexed.search(SearchQuery(text="malmö"))
    uncounted = indexed.search(SearchQuery(text="malmö", facets=False))
    assert (ids(uncounted), uncounted.total) == (ids(counted), counted.total)
    assert uncounted.facets == {name: [] for name in FACETS}
