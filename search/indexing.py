"""Keeping the index in step with the database: through the outbox, and by rebuilds.

Write side: whatever changes what may be found writes an outbox row of kind "index" inside its
own transaction (pages through `enqueue(ids)` from Wagtail's signals, see search/signals.py;
ideas from the actions that change them, see workflows/actions/_index.py); the row then commits
or rolls back with the change. Delivery side: after commit a django-tasks worker runs
`apply(payload)`, which builds the named documents afresh from the database and indexes them,
or deletes those that may no longer be found (their source yields nothing for them). A search
engine that is down makes `apply` raise; the outbox keeps the row and retries it with backoff,
so a publish never fails because of the index.

A rebuild (`rebuild()`) builds every document into a new index and switches to it; rows of
kind "index" written after it started are applied again afterwards, so nothing that changed
meanwhile is lost to the switch.

The same rows keep the private part of the index (search/private.py, every idea for the
reviewers) in step: the handler applies each row to both parts, and `rebuild_private()`
rebuilds that part the same way. `update` and `differences` take the part (`PARTS`) they compare
with the database.
"""

import contextlib
import dataclasses
import datetime
import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from infra import outbox
from infra.models import OutboxMessage

from . import private
from .backends import get_backend
from .backends.base import SearchBackend
from .documents import SearchDocument, all_documents, count_documents, source, types
from .rebuild_helpers import AllDocuments
from .results import IndexDifferences

KIND = "index"
# Ids per outbox row: a move of a large section becomes several rows of bounded size.
IDS_PER_ROW = 500
# Rows written this long before a rebuild started are replayed too (see `rebuild`).
REPLAY_MARGIN = datetime.timedelta(minutes=5)
UPDATE_BATCH = 1_000


def enqueue(ids: Iterable[str]) -> None:
    """Ask for the documents `ids` ("<type>:<pk>") to be brought up to date after commit.

    Call inside the transaction of the change; the savepoint keeps the row with it.
    """
    ids = sorted(set(ids))
    if not ids:
        return
    with transaction.atomic():
        for start in range(0, len(ids), IDS_PER_ROW):
            outbox.enqueue(KIND, {"documents": ids[start : start + IDS_PER_ROW]})


def apply(payload: dict, backend: SearchBackend | None = None) -> None:
    """The outbox handler: index the named documents as the database has them now, delete the
    ones that are no longer findable. Idempotent: a second run changes nothing."""
    backend = backend or get_backend()
    wanted = set(payload.get("documents", ()))
    found = list(_documents(wanted))
    if found:
        backend.index(found)
    gone = wanted - {document.id for document in found}
    if gone:
        backend.delete(sorted(gone))


def _documents(ids: Iterable[str]) -> Iterator[SearchDocument]:
    by_type: dict[str, list[int]] = defaultdict(list)
    for id in ids:
        type, _, pk = str(id).partition(":")
        if type in types() and pk.isdigit():
            by_type[type].append(int(pk))
    for type, pks in sorted(by_type.items()):
        yield from source(type).documents(pks)


def deliver(payload: dict) -> None:
    """The outbox handler: the row applied to the public part, then to the private one."""
    apply(payload)
    private.apply(payload.get("documents", ()))


outbox.register_handler(KIND, deliver)


# Rebuild, update, status: what `manage.py search_index` runs


@dataclasses.dataclass(frozen=True)
class Rebuilt:
    """What a rebuild did: documents in the new index, and index rows replayed after the switch."""

    count: int
    replayed: int


@dataclasses.dataclass(frozen=True)
class Updated:
    """What an update did: documents (re)indexed because missing or stale, and ids deleted."""

    indexed: int
    deleted: int


def rebuild(progress: Callable[[Iterable], Iterable] = iter, backend: SearchBackend | None = None) -> Rebuilt:
    """Every findable document into a new index, then the switch, then the replay.

    The outbox's high-water mark and the time are noted before the first document is built:
    any "index" row after the mark may describe a change that the new index missed (the old one
    got it), so those rows are applied again to the new index; so are rows written shortly
    before, whose transaction may have committed only after the mark was read. Applying a row
    twice is harmless.
    """
    backend = backend or get_backend()
    with _no_cycle_collection():
        return _replayed(
            lambda: backend.rebuild(AllDocuments(progress)), lambda payload: apply(payload, backend)
        )


def rebuild_private(progress: Callable[[Iterable], Iterable] = iter) -> Rebuilt:
    """The private part (search/private.py) rebuilt and replayed as `rebuild` does the public one."""
    backend = private.backend()
    return _replayed(
        lambda: backend.rebuild(progress(private.all_documents())),
        lambda payload: private.apply(payload.get("documents", ()), backend),
    )


def _replayed(build: Callable[[], int], replay: Callable[[dict], None]) -> Rebuilt:
    started = timezone.now()
    mark = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    count = build()
    meanwhile = OutboxMessage.objects.filter(
        Q(pk__gt=mark) | Q(created__gte=started - REPLAY_MARGIN), kind=KIND
    ).order_by("pk")
    replayed = 0
    for payload in meanwhile.values_list("payload", flat=True).iterator():
        replay(payload)
        replayed += 1
    return Rebuilt(count=count, replayed=replayed)


@contextlib.contextmanager
def _no_cycle_collection():
    """A rebuild makes millions of short-lived lists and dicts and no reference cycles: the
    collector's passes over them cost a seventh of its time (measured), and find nothing.
    Reference counting still frees every document as soon as it is indexed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclasses.dataclass(frozen=True)
class Part:
    """A part of the index, with the documents that the database says it should hold."""

    name: str
    backend: Callable[[], SearchBackend]
    documents: Callable[[], Iterator[SearchDocument]]
    count: Callable[[], int | None]


PUBLIC = Part("search index", get_backend, all_documents, count_documents)
PRIVATE = Part("reviewers' index of ideas", private.backend, private.all_documents, private.count_documents)
PARTS = (PUBLIC, PRIVATE)


def differences(backend: SearchBackend | None = None, part: Part = PUBLIC) -> IndexDifferences:
    """What the index lacks, holds in an older version, or holds but should not."""
    backend = backend or part.backend()
    return backend.status().differences(part.documents())


def update(
    progress: Callable[[Iterable], Iterable] = iter, backend: SearchBackend | None = None, part: Part = PUBLIC
) -> Updated:
    """Index what is missing or stale and delete what should not be there, in one pass over the
    database; what was already right is not written again."""
    backend = backend or part.backend()
    indexed = backend.status().versions
    seen: set[str] = set()
    batch: list[SearchDocument] = []
    written = 0
    for document in progress(part.documents()):
        seen.add(document.id)
        if indexed.get(document.id) != document.version:
            batch.append(document)
        if len(batch) >= UPDATE_BATCH:
            written += backend.index(batch)
            batch = []
    if batch:
        written += backend.index(batch)
    extra = sorted(set(indexed) - seen)
    if extra:
        backend.delete(extra)
    return Updated(indexed=written, deleted=len(extra))
