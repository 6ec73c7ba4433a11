"""Notes on hits that the index cannot hold because they change between two indexings, such as an
event being full: each kind of content registers, for its document type, a function that answers
{document id: note} for the hits of a results page it has something to say about, in a query or two
at most, in the active language. The view asks after the search, for that page's hits only."""

from collections import defaultdict
from collections.abc import Callable, Iterable

NoteMaker = Callable[[list[str]], dict[str, str]]

_makers: dict[str, NoteMaker] = {}


def register_hit_notes(type: str, maker: NoteMaker) -> None:
    _makers[type] = maker


def hit_notes(hits: Iterable) -> dict[str, str]:
    """The notes on these hits, by document id."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for hit in hits:
        if hit.type in _makers:
            by_type[hit.type].append(hit.id)
    notes: dict[str, str] = {}
    for type, ids in by_type.items():
        notes.update(_makers[type](ids))
    return notes
