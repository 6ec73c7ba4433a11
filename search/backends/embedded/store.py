"""Where the embedded index lives on disk, and how writers take turns.

    SEARCH_INDEX_DIR/
        CURRENT        name of the live generation; replaced atomically (os.replace)
        write.lock     held (fcntl) by whoever writes: web process, worker or rebuild
        <generation>/  one tantivy index each; a rebuild makes a new one

tantivy allows one writer per index, and a second one fails at once with LockBusy; the lock
here makes writers in any process wait their turn instead. A rebuild writes a new generation
without the lock (nobody else knows it yet) and takes the lock only to switch CURRENT, so
searches see the old index until the new one is complete, then the new one: never a gap.
"""

import contextlib
import fcntl
import os
import secrets
import shutil
import time
from pathlib import Path


class IndexBusy(Exception):
    """The write lock was not free within the timeout."""


class IndexStore:
    def __init__(self, root: Path, lock_timeout: float = 30.0):
        self.root = Path(root)
        self.lock_timeout = lock_timeout

    @property
    def pointer(self) -> Path:
        return self.root / "CURRENT"

    def current(self) -> Path | None:
        """The live generation's directory, or None before the first index is made."""
        try:
            name = self.pointer.read_text().strip()
        except FileNotFoundError:
            return None
        return self.root / name if name else None

    def new_generation(self) -> Path:
        """A new, empty directory for an index that nobody reads yet."""
        path = self.root / f"{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}"
        path.mkdir(parents=True)
        return path

    def discard(self, generation: Path) -> None:
        """Remove a generation that never went live (a rebuild that failed)."""
        shutil.rmtree(generation, ignore_errors=True)

    @contextlib.contextmanager
    def write_lock(self):
        """Exclusive across threads and processes (each takes its own open file description)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "write.lock", "a") as lock:
            deadline = time.monotonic() + self.lock_timeout
            while True:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise IndexBusy(f"the search index at {self.root} stayed locked") from None
                    time.sleep(0.01)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def switch(self, generation: Path) -> None:
        """Make `generation` live in one step; call with the write lock held.

        The generation it replaces is kept (a process that has not yet noticed the switch may
        still read it); those older than that one go, while a newer one may be a rebuild that
        is still being written.
        """
        previous = self.current()
        temporary = self.root / f"CURRENT.{secrets.token_hex(4)}"
        temporary.write_text(generation.name)
        os.replace(temporary, self.pointer)
        if previous is None or not previous.exists():
            return
        cutoff = previous.stat().st_mtime
        for path in self.root.iterdir():
            if path.is_dir() and path not in (generation, previous) and path.stat().st_mtime < cutoff:
                shutil.rmtree(path, ignore_errors=True)
