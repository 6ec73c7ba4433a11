"""The facet counts and totals of recent searches, kept while the index is unchanged.

Counting is most of a search for a common word: at 1 000 000 documents such a word matches
most of them, and each match's facet columns are read. The counts of a search depend only on
its words, language and filters and on the index, so they are kept, like Elasticsearch's
shard request cache (which keeps counts and aggregations, not hits), and read again by the same
search until the index changes: every commit (an update from the outbox, a merge, a rebuild's
switch) writes a new meta.json, and a new meta.json is a new version, so the counts shown are
always exact. The hits themselves are searched each time.
"""

import collections
import os
import threading
from collections.abc import Callable
from pathlib import Path

# Searches kept per process; an entry is a few kilobytes (about 60 facet values).
SIZE = 512
# Only searches that counted this many documents or more are kept: counting fewer costs about
# as much as finding them in the cache, and they would push the costly ones out.
KEEP_FROM = 5_000


def index_version(generation: Path) -> tuple:
    """What identifies the index's last commit: tantivy replaces meta.json on each one."""
    meta = os.stat(generation / "meta.json")
    return (str(generation), meta.st_ino, meta.st_mtime_ns, meta.st_size)


class CountCache:
    """The last `size` searches' counts of one index version, least recently used out first."""

    def __init__(self, size: int = SIZE):
        self.size = size
        self.version: tuple = ()
        self.entries: collections.OrderedDict = collections.OrderedDict()
        self.lock = threading.Lock()

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()

    def get(self, version: tuple, key, compute: Callable[[], tuple[int | None, dict]]) -> tuple:
        """The counts kept for `key` at `version`, else `compute()`d, and kept if counting read
        many documents. `version` must not be newer than the index `compute` reads (see
        EmbeddedBackend._versioned)."""
        with self.lock:
            if version != self.version:
                self.entries.clear()
                self.version = version
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        value = compute()
        facets = value[1]
        # Every document has one language: their counts add up to the documents counted.
        if sum(facets.get("language", {}).values()) < KEEP_FROM:
            return value
        with self.lock:
            if version == self.version:
                self.entries[key] = value
                if len(self.entries) > self.size:
                    self.entries.popitem(last=False)
        return value
