"""Exact facet counts, and the total, from flat aggregation runs over the text query.

Each facet is counted under every filter but its own. One run over the search's query under all
its filters reads each match's facet columns: the unfiltered facets' counts and the total. A
filtered facet needs its values under the other filters too, and these come from one more run
over the part of the matches that is smaller: all the matches under the other filters, or only
those under the other filters without the chosen values, whose counts are then added to those of
the first run. The visitor's language is a filter on every search, and the other language's
documents are few, so its run reads few documents.

Nesting the filtered facets in one run instead (language, then the next filtered facet, …)
evaluated the text query once, but tantivy's nested buckets cost more than the query: at 100 000
documents a challenge area chosen nested 64 areas' buckets, each holding every other facet.
Every column read has one value a document: the challenge areas are read from `area_set`, all of
a document's areas as one value (a multi-valued column also cost about seven times as much to
read as the others).
"""

from collections import Counter
from collections.abc import Callable, Mapping

from tantivy import Query, Searcher

from ...documents import FACETS

FACET_SIZE = 1_000
AREAS = "challenge_area"
AREA_SET = "area_set"
# Facets of which every document has exactly one value: the documents without some of their
# values are those with one of the others.
ONE_VALUE_EACH = ("type", "language")

Counts = dict[str, dict[str, int]]


def column(name: str) -> str:
    """The fast column a facet is counted from."""
    return AREA_SET if name == AREAS else name


def values(name: str, key: str) -> list[str]:
    """The facet values a bucket key of the facet's column stands for."""
    return key.split(" ") if name == AREAS else [key]


def area_set(areas) -> str:
    """A document's challenge areas as the one value of its `area_set` column."""
    return " ".join(sorted(areas))


def counted(
    searcher: Searcher, matching: Callable[[Mapping], Query], filters: Mapping[str, tuple[str, ...]]
) -> tuple[int, Counts]:
    """The facet counts of a search under `filters` (each facet under all filters but its own),
    and the number of its matches under all of them. `matching(filters)` is the search's query
    under some filters."""
    # A facet of one value each, whose other values have fewer documents than those chosen, is
    # counted over those others only (its chosen values in the first run, as every document
    # there has one of them); any other filtered facet over all the matches under the other filters.
    others = {name: _others(searcher, name, chosen) for name, chosen in filters.items()}
    others = {name: values for name, values in others.items() if values is not None}
    first = [name for name in FACETS if name not in filters or (name in others and len(filters[name]) > 1)]
    found = _terms(searcher, matching(filters), {*first, "type"})
    # Every document has one type.
    total = sum(found["type"].values())
    counts = {name: found[name] for name in first}
    for name, chosen in filters.items():
        under = {other: values for other, values in filters.items() if other != name}
        if name not in others:
            counts[name] = _terms(searcher, matching(under), {name})[name]
            continue
        if len(chosen) == 1:
            counts[name] = Counter({chosen[0]: total})
        if others[name]:
            counts[name].update(_terms(searcher, matching({**under, name: others[name]}), {name})[name])
    return total, {name: {value: count for value, count in counts[name].items() if count} for name in FACETS}


def _terms(searcher: Searcher, query: Query, names) -> dict[str, Counter]:
    """The documents matching `query` with each value of each facet of `names`, in one run."""
    terms = {column(name): {"terms": {"field": column(name), "size": FACET_SIZE}} for name in names}
    result = searcher.aggregate(query, terms)
    found = {}
    for name in names:
        found[name] = counter = Counter()
        for bucket in result[column(name)]["buckets"]:
            for value in values(name, bucket["key"]):
                counter[value] += bucket["doc_count"]
    return found


def _others(searcher: Searcher, name: str, chosen) -> list[str] | None:
    """A facet of one value each: its values not chosen, if fewer documents have them than the
    chosen ones; otherwise None."""
    if name not in ONE_VALUE_EACH:
        return None
    documents = dict(searcher.terms_with_prefix(name, ""))
    with_chosen = sum(count for value, count in documents.items() if value in chosen)
    if sum(documents.values()) - with_chosen >= with_chosen:
        return None
    return [value for value in documents if value not in chosen]
