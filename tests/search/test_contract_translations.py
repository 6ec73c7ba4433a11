"""Contract: a search shows the visitor's language, the others a facet away, and an item once.

In the corpus, event:4 (Swedish) and event:10 (English) are one page and its translation; news:6
is Swedish only. All three are in Malmö.
"""

from search.query import SearchQuery

from .corpus import ids


def search(backend, **query):
    return backend.search(SearchQuery(text="malmö seminarium seminar kören", **query))


def malmo(backend, **query):
    return backend.search(SearchQuery(text="malmo", **query))


def languages(results) -> set[tuple[str, int, bool]]:
    return {(value.value, value.count, value.selected) for value in results.facets["language"]}


def test_without_a_visitor_language_every_language_is_searched(indexed):
    assert {"news:6", "event:4", "event:10"} <= set(ids(malmo(indexed)))


def test_an_english_visitor_sees_english_hits_and_the_swedish_only_ones_as_a_facet(indexed):
    results = malmo(indexed, language="en")
    assert ids(results) == ["event:10"]
    # The Swedish facet counts what adding Swedish would add: not event:4, shown as event:10.
    assert ("sv", len(set(ids(malmo(indexed))) - {"event:4", "event:10"}), False) in languages(results)
    assert ("en", 1, True) in languages(results)


def test_adding_the_other_language_shows_a_page_and_its_translation_once(indexed):
    results = malmo(indexed, language="en", filters={"language": ["en", "sv"]})
    found = ids(results)
    assert "event:10" in found
    assert "news:6" in found
    assert "event:4" not in found
    assert results.total == len(found)


def test_a_swedish_visitor_sees_the_swedish_page_not_its_english_translation(indexed):
    results = malmo(indexed, language="sv", filters={"language": ["sv", "en"]})
    assert "event:4" in ids(results)
    assert "event:10" not in ids(results)
    # Nothing English is left that is not also in Swedish: no English value to add.
    assert not [value for value in results.facets["language"] if value.value == "en"]


def test_the_visitor_language_is_the_default_language_filter():
    query = SearchQuery(text="malmo", language="en").cleaned()
    assert query.filters == {"language": ("en",)}
    chosen = SearchQuery(text="malmo", language="en", filters={"language": "sv"}).cleaned()
    assert chosen.filters == {"language": ("sv",)}
