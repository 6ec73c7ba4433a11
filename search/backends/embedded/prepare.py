"""Analysing a rebuild's documents in helper processes while tantivy indexes them.

Making a document's fields (its words, lemma keys, compound heads, the term strings) costs more
than tantivy's own threads take to index them (about 134 against 80 µs a document, measured
on 20 000 documents), and it holds the GIL: in one process
the database reads, the analysis and the hand-over to tantivy take turns on one core. A large
rebuild therefore sends batches of documents to helper processes and indexes what comes back,
in order; a small one (a test, the demo) is not worth starting a process for.
"""

import collections
import concurrent.futures
import itertools
import multiprocessing
from collections.abc import Iterable, Iterator

from ...documents import SearchDocument
from .schema import fields

# Documents per task: enough that sending them costs little beside analysing them.
BATCH = 250
# Documents made in this process before helpers start, so that small rebuilds start none.
PARALLEL_AFTER = 5_000


def prepared(documents: Iterable[SearchDocument], helpers: int, after: int | None = None) -> Iterator[dict]:
    """`fields(document)` of each document, in order, made by `helpers` processes (setting
    SEARCH_REBUILD_HELPERS) after the first `after` documents. At most two batches per helper
    are in flight, so memory stays flat however many documents there are."""
    documents = iter(documents)
    yield from map(fields, itertools.islice(documents, PARALLEL_AFTER if after is None else after))
    if helpers < 1:
        yield from map(fields, documents)
        return
    # Spawned, not forked: forking would copy a process that may be running threads (tantivy's,
    # a server's) in the middle of their work.
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(helpers, mp_context=context) as pool:
        pending = collections.deque()
        for batch in _batches(documents, BATCH):
            pending.append(pool.submit(_fields_of, batch))
            if len(pending) > 2 * helpers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _fields_of(batch: list[SearchDocument]) -> list[dict]:
    return [fields(document) for document in batch]


def _batches(items: Iterator, size: int) -> Iterator[list]:
    while batch := list(itertools.islice(items, size)):
        yield batch
