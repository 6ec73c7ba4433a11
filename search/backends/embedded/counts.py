"""The facet counts, totals and pages of hits of recent searches, kept while the index is unchanged.

A search for a common word reads most of the index: at 1 000 000 documents such a word matches
most of them, and each match's facet columns are read (in one walk, which also scores every
match of several words; see onepass/src/lib.rs). What a search answers depends only on its
words, language, filters and page and on the index, so the counts are kept, like
Elasticsearch's shard request cache, and so is the page of hits, like Solr's query result
cache; both are read again by the same search until the index changes: every commit (an update
from the outbox, a merge, a rebuild's switch) writes a new meta.json, and a new meta.json is a
new version, so what is shown is always exact. The first such search after a change computes
both.
"""

import collections
import os
import threading
from collections.abc import Callable
from pathlib import Path

# Searches kept per process and kind; an entry is a few kilobytes (about 60 facet values, or
# the addresses of 20 hits).
SIZE = 512
# Only searches that matched this many documents or more are kept: finding and counting fewer
# costs about as much as finding them in the cache, and they would push the costly ones out.
KEEP_FROM = 5_000


def index_version(generation: Path) -> tuple:
    """What identifies the index's last commit: tantivy replaces meta.json on each one."""
    meta = os.stat(generation / "meta.json")
    return (str(generation), meta.st_ino, meta.st_mtime_ns, meta.st_size)


class KeptResults:
    """The last `size` results of one kind at one index version, least recently used out first."""

    def __init__(self, matches: Callable[[object], int], size: int = SIZE):
        # How many documents a result matched: only costly ones are kept.
        self.matches = matches
        self.size = size
        self.version: tuple = ()
        self.entries: collections.OrderedDict = collections.OrderedDict()
        self.lock = threading.Lock()

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()

    def kept(self, version: tuple | None, key):
        """The result kept for `key` at `version`, or None. `version` is that of the index the
        result would be computed from; None (a commit came while the searcher was taken, see
        EmbeddedBackend._versioned) reads nothing."""
        if version is None:
            return None
        with self.lock:
            if version != self.version:
                self.entries.clear()
                self.version = version
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        return None

    def keep(self, version: tuple | None, key, value) -> None:
        """Keeps `value` for `key` at `version` if it matched many documents (never under None)."""
        if version is None or self.matches(value) < KEEP_FROM:
            return
        with self.lock:
            if version == self.version:
                self.entries[key] = value
                if len(self.entries) > self.size:
                    self.entries.popitem(last=False)

    def get(self, version: tuple | None, key, compute: Callable[[], object]):
        """The result kept for `key` at `version`, else `compute()`d and kept."""
        found = self.kept(version, key)
        if found is None:
            found = compute()
            self.keep(version, key, found)
        return found


def counted_documents(counts: tuple[int | None, dict]) -> int:
    """The documents a search's facet counts counted: each has one language, so their counts
    add up to it."""
    return sum(counts[1].get("language", {}).values())
