"""Exact facet counts, and the total, from one aggregation run over the text query.

Each facet is counted under every filter but its own, so a query with filters used to need one
aggregation run per group of facets (two for a plain search, as the visitor's language is a
filter), each evaluating the text query again, plus a count in the search itself. At 1 000 000
documents a common word matches most of them, and every run reads each match's columns.

Here the filtered facets are nested instead (language, then the next filtered facet, …), the
unfiltered ones counted at the bottom, in one run over the text query alone. Every document lies
on one path of buckets, as each column has one value a document: the challenge areas are read
from `area_set`, all of a document's areas as one value (a multi-valued column also cost about
seven times as much to read as the others). From the paths: a facet without a filter counts the
documents on the paths that every filter accepts; a filtered facet, those on the paths that every
other filter accepts; the total is the number on the paths that all accept.
"""

from collections import Counter
from collections.abc import Callable, Iterator, Mapping

from tantivy import Query, Searcher

from ...documents import FACETS

FACET_SIZE = 1_000
# tantivy refuses an aggregation of more than 65 000 buckets; a query whose nesting could come
# near it (many facets filtered at once) is counted group by group instead.
MAX_BUCKETS = 50_000
AREAS = "challenge_area"
AREA_SET = "area_set"

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
) -> tuple[int | None, Counts]:
    """The facet counts of a search under `filters` (each facet under all filters but its own),
    and the number of its matches under all of them (None when nothing is filtered: the search
    counts them). `matching(filters)` is the search's query under some filters."""
    levels = [name for name in FACETS if name in filters]
    leaves = [name for name in FACETS if name not in filters]
    if _buckets(searcher, levels, leaves) > MAX_BUCKETS:
        return None, _by_groups(searcher, matching, filters)
    result = searcher.aggregate(matching({}), _nested(levels, leaves))
    chosen = [set(filters[name]) for name in levels]
    total, counts = 0, {name: Counter() for name in FACETS}
    for path, bucket in _paths(result, levels):
        # Which filters this path's values fail: a document must pass all but its facet's own.
        misses = [
            i
            for i, (name, key) in enumerate(zip(levels, path, strict=True))
            if chosen[i].isdisjoint(values(name, key))
        ]
        if not misses:
            total += bucket.get("doc_count", 0)
            for name in leaves:
                _add(counts[name], name, bucket[column(name)]["buckets"])
        own = range(len(levels)) if not misses else misses if len(misses) == 1 else ()
        for i in own:
            for value in values(levels[i], path[i]):
                counts[levels[i]][value] += bucket["doc_count"]
    return (total if levels else None), {name: dict(found) for name, found in counts.items()}


def _nested(levels: list[str], leaves: list[str]) -> dict:
    aggregations = {column(name): {"terms": {"field": column(name), "size": FACET_SIZE}} for name in leaves}
    for name in reversed(levels):
        inner = {"terms": {"field": column(name), "size": FACET_SIZE}}
        if aggregations:
            inner["aggs"] = aggregations
        aggregations = {column(name): inner}
    return aggregations


def _paths(result: dict, levels: list[str], path: tuple[str, ...] = ()) -> Iterator[tuple[tuple, dict]]:
    """Each path of buckets through the nested levels, and its deepest bucket."""
    if not levels:
        yield path, result
        return
    for bucket in result[column(levels[0])]["buckets"]:
        yield from _paths(bucket, levels[1:], (*path, bucket["key"]))


def _add(counts: Counter, name: str, buckets: list[dict]) -> None:
    for bucket in buckets:
        for value in values(name, bucket["key"]):
            counts[value] += bucket["doc_count"]


def _buckets(searcher: Searcher, levels: list[str], leaves: list[str]) -> int:
    """At most how many buckets the nested aggregation makes (the columns' distinct values)."""
    distinct = {name: len(searcher.terms_with_prefix(column(name), "")) + 1 for name in FACETS}
    paths = 1
    for name in levels:
        paths *= distinct[name]
    return paths * (1 + sum(distinct[name] for name in leaves))


def _by_groups(searcher: Searcher, matching: Callable[[Mapping], Query], filters) -> Counts:
    """One aggregation run per group of facets that share their filters."""
    groups: dict[tuple, list[str]] = {}
    for name in FACETS:
        others = {other: chosen for other, chosen in filters.items() if other != name}
        groups.setdefault(tuple(sorted(others.items())), []).append(name)
    counts = {}
    for group, names in groups.items():
        result = searcher.aggregate(matching(dict(group)), _nested([], names))
        for name in names:
            found = Counter()
            _add(found, name, result[column(name)]["buckets"])
            counts[name] = dict(found)
    return counts
