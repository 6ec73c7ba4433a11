"""The default backend: tantivy, in-process, no server.

The index lives in files on this machine, so it serves one machine only: a site served from
several needs the Elasticsearch backend (search/backends/elasticsearch), which they all share.
Why tantivy: on 100 000 documents it answered in 2-4 ms at p95 where SQLite FTS5 and
PostgreSQL full-text took 22-594 ms, and it indexes about five times faster.
"""

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import onepass
import orjson
import tantivy
from django.conf import settings
from tantivy import Occur, Query

from ...analysis import TEXT_FIELDS, analyse, clauses
from ...documents import FACETS, SearchDocument
from ...query import Plan
from ...rebuild_helpers import made
from ...results import Found, IndexStatus
from ..base import Like, SearchBackend, SearchUnavailable
from .counts import KeptResults, counted_documents, index_version
from .facets import AREAS, column
from .schema import SCHEMA, fields, open_index, to_tantivy
from .store import IndexBusy, IndexStore

# Writer memory: small batches from the outbox, and the bound that keeps a rebuild's memory flat.
UPDATE_HEAP = 32_000_000
REBUILD_HEAP = 256_000_000
# A search walks the index on as many threads as the process may run at once: on two cores a
# common word's first search at 1 000 000 documents took half the time of one thread.
SEARCH_THREADS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1

Searcher = tantivy.Searcher | onepass.Searcher


def default_index_dir(part: str = "") -> Path:
    """SEARCH_INDEX_DIR, or for a private part a directory beside it (never inside: a rebuild
    clears the old generations out of its own directory)."""
    path = Path(getattr(settings, "SEARCH_INDEX_DIR", settings.BASE_DIR / "var" / "search-index"))
    return path.with_name(f"{path.name}-{part}") if part else path


class EmbeddedBackend(SearchBackend):
    """tantivy indexes in generations under `path` (setting SEARCH_INDEX_DIR, var/search-index)."""

    def __init__(
        self,
        path: Path | str | None = None,
        lock_timeout: float | None = None,
        rebuild_helpers: int | None = None,
        part: str = "",
    ):
        if lock_timeout is None:
            # How long a writer waits for another before the index counts as unavailable.
            lock_timeout = getattr(settings, "SEARCH_LOCK_TIMEOUT", 30.0)
        if rebuild_helpers is None:
            rebuild_helpers = getattr(settings, "SEARCH_REBUILD_HELPERS", 0)
        self.rebuild_helpers = rebuild_helpers
        self.store = IndexStore(Path(path) if path else default_index_dir(part), lock_timeout)
        self._generation: Path | None = None
        self._index: tantivy.Index | None = None
        self._one_pass: onepass.Index | None = None
        # onepass's searcher and the version it reads: a reload opens every segment again (0.4 ms
        # at 1 000 000 documents), so it is taken again only when the index has changed.
        self._one_pass_searcher: tuple[tuple | None, onepass.Searcher | None] = (None, None)
        self.counts = KeptResults(counted_documents)
        self.pages = KeptResults(lambda hits: hits[0])

    # Reading

    def _searcher(self) -> tantivy.Searcher | None:
        return self._versioned()[0]

    def _versioned(self, one_pass: bool = False) -> tuple[Searcher | None, tuple | None]:
        """A searcher on the live generation (`one_pass`: onepass's, which the public search
        runs on, kept while the index is unchanged), reopened after a switch and reloaded after
        commits of other processes, and the version of the index it reads (see counts.py): None
        when a commit came while it was taken, so that nothing is kept or read under a version
        the searcher may not be at. (None, ()) before anything was indexed."""
        try:
            generation = self.store.current()
            if generation is None:
                return None, ()
            index = self._open(generation)
            version = index_version(generation)
            if one_pass:
                kept_version, searcher = self._one_pass_searcher
                if kept_version != version:
                    if self._one_pass is None:
                        self._one_pass = onepass.Index(str(generation))
                    searcher = self._one_pass.searcher()  # reloaded first
            else:
                index.reload()
                searcher = index.searcher()
            # The same meta.json before the reload and after the searcher was taken: the
            # searcher reads exactly that commit, and a kept page's hit addresses are its own.
            if index_version(generation) != version:
                version = None
            elif one_pass:
                self._one_pass_searcher = (version, searcher)
        except OSError as error:  # its directory gone or unreadable (an unmounted disk, say)
            raise SearchUnavailable(f"the search index cannot be read: {type(error).__name__}") from error
        return searcher, version

    def _open(self, generation: Path) -> tantivy.Index:
        if generation != self._generation:
            try:
                self._index, self._generation = open_index(generation), generation
            except ValueError as error:  # tantivy: "An index exists but the schema does not match."
                raise SearchUnavailable(f"{error} The search index needs a rebuild.") from error
            self._one_pass = None
        return self._index

    def _search(self, plan: Plan) -> Found:
        searcher, version = self._versioned(one_pass=True)
        if searcher is None:
            return Found(total=0, documents=[], facets={})
        key = (tuple(plan.words), plan.any_word, plan.language, tuple(sorted(plan.filters.items())))
        page = (key, plan.facets, plan.by_date, plan.offset, plan.limit)
        # The page is kept as the hits' addresses, valid while the version is; its documents
        # (an attachment's text may be long) are read again from the store.
        total, facets, hits = self.pages.get(version, page, lambda: self._hits(searcher, version, plan, key))
        sources = searcher.sources([address for _, address in hits])
        documents = [
            (SearchDocument.from_dict(orjson.loads(source)), score)
            for (score, _), source in zip(hits, sources, strict=True)
        ]
        return Found(total=total, documents=documents, facets=facets)

    def _hits(self, searcher: onepass.Searcher, version: tuple | None, plan: Plan, key: tuple) -> tuple:
        """The total, the facet counts and the page's (score, address) pairs, from one walk over
        the matches (onepass/src/lib.rs says how). Facet counts kept from another page of the
        same search are not counted again."""
        kept = self.counts.kept(version, key) if plan.facets else None
        total, facets, hits = searcher.search(
            [_clauses(word) for word in plan.words],
            [
                {
                    "name": name,
                    "column": column(name),
                    "split": name == AREAS,
                    "chosen": plan.filters.get(name),
                    "counted": plan.facets and kept is None,
                }
                for name in FACETS
            ],
            any_word=plan.any_word,
            translated=plan.language or None,
            by_date=plan.by_date,
            offset=plan.offset,
            limit=plan.limit,
            threads=SEARCH_THREADS,
        )
        if kept is not None:
            total, facets = kept
        elif plan.facets:
            self.counts.keep(version, key, (total, facets))
        else:
            facets = {}
        hits = [(0.0 if plan.by_date else score, (segment, doc)) for score, segment, doc in hits]
        return (total, facets, hits)

    def _similar(self, like: list[Like], exclude: list[str], limit: int) -> list[str]:
        searcher = self._searcher()
        if searcher is None:
            return []
        alike = Query.boolean_query([(Occur.Should, _like_query(part)) for part in like])
        others = [(Occur.MustNot, Query.term_query(SCHEMA, "id", id)) for id in exclude]
        # No count: the engine can then skip the documents that cannot reach the top.
        query = Query.boolean_query([(Occur.Must, alike), *others])
        result = searcher.search(query, limit=limit, count=False)
        return [_source(searcher, address)["id"] for _, address in result.hits]

    def _vocabulary(self, prefix: str, language: str, limit: int) -> list[tuple[str, int]]:
        searcher, _ = self._versioned(one_pass=True)
        if searcher is None:
            return []
        # Counts only live documents: a term whose every document was deleted but not yet merged
        # away is left out.
        within = ("language", language) if language else None
        return searcher.vocabulary("exact", prefix, within=within, limit=limit)

    def ping(self, timeout: float) -> str:
        # Local files: opening the live generation is the whole of "answering".
        searcher = self._searcher()
        return f"{searcher.num_docs if searcher else 0} documents"

    def status(self) -> IndexStatus:
        searcher, _ = self._versioned(one_pass=True)
        if searcher is None:
            return IndexStatus(name="", versions={})
        # Only live documents' stamps: those of deleted documents not yet merged away are left out.
        stamps = searcher.vocabulary("stamp", "")
        versions = dict(stamp.split(" ", 1) for stamp, _ in stamps)
        return IndexStatus(name=self._generation.name, versions=versions)

    # Writing

    def index(self, documents: Iterable[SearchDocument]) -> int:
        with self._writer() as writer:
            count = 0
            for document in documents:
                writer.delete_documents_by_term("id", document.id)
                writer.add_document(to_tantivy(document))
                count += 1
        return count

    def delete(self, ids: Iterable[str]) -> None:
        with self._writer() as writer:
            for id in ids:
                writer.delete_documents_by_term("id", str(id))

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        generation = self.store.new_generation()
        index = open_index(generation)
        writer = index.writer(REBUILD_HEAP, 0)
        count = 0
        try:
            for values in made(documents, fields, self.rebuild_helpers):
                writer.add_document(tantivy.Document(**values))
                count += 1
            writer.commit()
        except BaseException:
            writer.rollback()
            writer.wait_merging_threads()
            self.store.discard(generation)
            raise
        writer.wait_merging_threads()
        with self._locked():
            self.store.switch(generation)
        return count

    @contextlib.contextmanager
    def _locked(self):
        try:
            with self.store.write_lock():
                yield
        except IndexBusy as busy:
            raise SearchUnavailable(str(busy)) from busy
        except OSError as error:
            raise SearchUnavailable(f"the search index cannot be written: {type(error).__name__}") from error

    @contextlib.contextmanager
    def _writer(self) -> Iterator[tantivy.IndexWriter]:
        """The one writer of the live generation, held under the cross-process lock; committed
        on success, and readers of this process reloaded so the change is findable at once."""
        with self._locked():
            generation = self.store.current()
            if generation is None:
                # The first index, created before the pointer shows it to any reader.
                generation = self.store.new_generation()
                open_index(generation)
                self.store.switch(generation)
            index = self._open(generation)
            writer = index.writer(UPDATE_HEAP, 1)
            try:
                yield writer
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                # Waiting consumes the writer, which releases tantivy's own lock on the directory.
                writer.wait_merging_threads()
            index.reload()


def _source(searcher: tantivy.Searcher, address) -> dict:
    return orjson.loads(searcher.doc(address)["source"][0])


def _clauses(word: str) -> list[tuple[str, str, float]]:
    """The word's clauses as (field, term, boost), each term as the engine analyses it."""
    found = []
    for clause in clauses(word):
        analyzer = TEXT_FIELDS[clause.field]
        term = analyse(analyzer, clause.value) if analyzer else clause.value
        found.append((clause.field, term, clause.boost))
    return found


def _like_query(like: Like) -> Query:
    if like.field in TEXT_FIELDS:
        term = Query.term_query(SCHEMA, like.field, like.value, index_option="freq")
        return Query.boost_query(term, like.weight)
    return Query.const_score_query(Query.term_query(SCHEMA, like.field, like.value), like.weight)
