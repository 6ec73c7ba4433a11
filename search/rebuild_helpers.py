"""A rebuild's documents read, built and made ready for the engine in helper processes.

Reading a page's values and building its document (about 78 µs) and analysing it for the engine
(about 70 µs) hold the GIL; in one process they take turns on one core with the hand-over to
tantivy, whose own threads want the other core. A large rebuild therefore cuts the documents
into parts by key and sends each part's name (a type and a range of keys) to a helper process,
which reads those documents from the database itself, makes what the engine needs of each and
sends that back; this process takes the results in order and only indexes them. Measured with
`time.thread_time` over the benchmark's 100 000 pages: this process's thread spent 133-147 µs
a document doing everything itself, 27 µs with two helpers (about half of that for the first
documents, which it reads itself while they start).

Helpers read only what another connection can see. A rebuild inside a transaction (a test's) or
on an in-memory SQLite database reads in its own process: only it sees that data. Reading in
several processes gives no single snapshot, and needs none: a rebuild replays whatever changed
after it began (see indexing.rebuild).
"""

import collections
import concurrent.futures
import gc
import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import django
from django.conf import settings
from django.db import connections

from .documents import SearchDocument, all_documents, source, types

Made = TypeVar("Made")
Part = tuple[str, range]

# Keys per part: large enough that its queries and its trip between processes cost little beside
# its documents, small enough that the first results come soon.
PART = 500
# Documents read in this process while the helpers start (Python and Django: about 2 s).
# Measured at 50 000 and 100 000 documents, 10 000 beat 5 000 and 20 000 (at 5 000 this
# process waits for the helpers, at 20 000 they wait for it).
READ_FIRST = 10_000
# A smaller rebuild starts no helper: below about 50 000 documents on two cores, their start
# cost more than they saved (measured at 25 000, 35 000 and 50 000).
HELPERS_FROM = 50_000


class AllDocuments:
    """Every findable document, for a rebuild: iterated in this process, or, through `made`,
    read in helper processes. `progress` wraps the stream, which has one item per document
    (the document, or what was made of it), in order."""

    def __init__(self, progress: Callable[[Iterable], Iterable] = iter):
        self.progress = progress

    def __iter__(self) -> Iterator[SearchDocument]:
        return iter(self.progress(all_documents()))

    def made(self, make: Callable[[SearchDocument], Made], helpers: int) -> Iterator[Made]:
        """`make(document)` of every document, in order; with `helpers` processes when the rebuild
        is large and the data can be read from another process. `make` must be importable by
        name (a module's function), as that is how a helper gets it."""
        if helpers < 1 or not _shared():
            return map(make, self)
        parts, count = _parts()
        if count < HELPERS_FROM:
            return map(make, self)
        return iter(self.progress(_in_helpers(parts, make, helpers)))


def made(
    documents: Iterable[SearchDocument], make: Callable[[SearchDocument], Made], helpers: int
) -> Iterator[Made]:
    """`make(document)` of each document, in order: in helper processes for a rebuild's
    `AllDocuments`, in this process for any other collection of documents."""
    if isinstance(documents, AllDocuments):
        return documents.made(make, helpers)
    return map(make, documents)


def _shared() -> bool:
    """Whether another process reads what this one does: it can start Django with this process's
    settings module (inherited in the environment), no transaction of this process holds changes
    the others cannot see, and the database is not in this process's memory."""
    return "DJANGO_SETTINGS_MODULE" in os.environ and not any(
        connection.in_atomic_block or (connection.vendor == "sqlite" and connection.is_in_memory_db())
        for connection in connections.all()
    )


def _parts() -> tuple[list[Part], int]:
    """The findable documents in parts of `PART` keys, in the order of `all_documents()`, and
    how many there are; the keys are streamed, only the parts' bounds are kept."""
    parts, count = [], 0
    for type in types():
        keys = iter(source(type).keys())
        while chunk := list(itertools.islice(keys, PART)):
            parts.append((type, range(chunk[0], chunk[-1] + 1)))
            count += len(chunk)
    return parts, count


def _in_helpers(parts: list[Part], make: Callable, helpers: int) -> Iterator:
    """What `make` makes of each part's documents, in order: the first parts read here while the
    helpers start, then at most two parts per helper in flight, so memory stays flat."""
    first = max(READ_FIRST // PART, 1)
    later = iter(parts[first:])
    # Spawned, not forked: forking would copy a process that may be running threads (tantivy's,
    # a server's) in the middle of their work. Each helper gets this process's database settings,
    # which may differ from the settings module's (a test database has its own name).
    databases = {connection.alias: connection.settings_dict for connection in connections.all()}
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(
        helpers, mp_context=context, initializer=_start, initargs=(databases,)
    ) as pool:
        pending = collections.deque(
            pool.submit(_made, make, part) for part in itertools.islice(later, 2 * helpers)
        )
        for part in parts[:first]:
            yield from _made(make, part)
        while pending:
            results = pending.popleft().result()
            if (part := next(later, None)) is not None:
                pending.append(pool.submit(_made, make, part))
            yield from results


def _start(databases: dict) -> None:
    settings.DATABASES = databases
    django.setup()
    # A helper only makes documents, which hold no reference cycles: the cycle collector's
    # passes over them were 7 % of its time (perf, 300 000 documents) and found nothing, as
    # in the rebuild's own process (indexing._no_cycle_collection).
    gc.disable()


def _made(make: Callable, part: Part) -> list:
    type, keys = part
    return [make(document) for document in source(type).documents(keys)]
