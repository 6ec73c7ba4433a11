"""The private part of the index: every idea, whatever its stage and status, for reviewers.

The back office shows a reviewer the ideas most like the one in front of them ("similar ideas"),
including those never showcased: rejected, withdrawn, still in screening. Those must never be
found by the public search, so they live in an index of their own (`get_backend(PRIVATE)`: a
directory beside the public index, or an alias of its own) that no public view, API or
suggestion opens. Its documents are built by the source the ideas' app registers here, from
the idea's title, summary, challenge areas, stage, language and date only: no name, e-mail,
phone or organisation.

It is kept up to date by the same outbox rows as the public index: an "index" row's ids are
applied to both parts (search.indexing), each building what its own source yields and deleting
the rest, so an idea that may no longer be listed (an erased one) leaves it.
"""

from collections.abc import Iterable, Iterator

from .backends import PRIVATE, get_backend
from .backends.base import SearchBackend
from .documents import DocumentSource, SearchDocument

_sources: dict[str, DocumentSource] = {}


def register(type: str, source: DocumentSource) -> None:
    """Make `type` known to the private part: its ids in index rows are applied there too."""
    _sources[type] = source


def backend() -> SearchBackend:
    return get_backend(PRIVATE)


def all_documents() -> Iterator[SearchDocument]:
    for type in sorted(_sources):
        yield from _sources[type].documents()


def count_documents() -> int:
    """How many documents this part should hold (for progress bars); its sources all count."""
    return sum(source.count() for source in _sources.values())


def apply(ids: Iterable[str], backend: SearchBackend | None = None) -> None:
    """Index the documents `ids` of the private types as the database has them now, delete the
    ones their source no longer yields; ids of other types are not this part's."""
    wanted: dict[str, set[int]] = {}
    for id in ids:
        type, _, pk = str(id).partition(":")
        if type in _sources and pk.isdigit():
            wanted.setdefault(type, set()).add(int(pk))
    if not wanted:
        return
    backend = backend or get_backend(PRIVATE)
    found = [document for type, pks in sorted(wanted.items()) for document in _sources[type].documents(pks)]
    if found:
        backend.index(found)
    gone = {f"{type}:{pk}" for type, pks in wanted.items() for pk in pks} - {doc.id for doc in found}
    if gone:
        backend.delete(sorted(gone))
