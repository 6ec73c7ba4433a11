"""One instance at a time of a long-running process, on every machine that shares the database."""

import contextlib
import fcntl
import hashlib
from collections.abc import Iterator
from pathlib import Path

from django.db import connections


class AlreadyRunning(Exception):
    """Another process holds the lock."""


@contextlib.contextmanager
def only_instance(name: str) -> Iterator[None]:
    """Hold the lock called `name` for the duration, or raise AlreadyRunning at once.

    The lock lives where the database does, and is let go by the server or the operating system
    when its holder dies, even by SIGKILL: on PostgreSQL a session advisory lock on a connection
    of its own, which every machine sharing the database sees; on SQLite (one machine's file) an
    flock on a file beside the database. A row claimed by a conditional update would work on both
    but would stay claimed after a crash until some timeout.
    """
    connection = connections["default"]
    if connection.vendor == "postgresql":
        with _advisory_lock(name):
            yield
    elif connection.is_in_memory_db():  # no other process can reach this database
        yield
    else:
        database = Path(connection.settings_dict["NAME"])
        with _file_lock(database.with_name(f"{database.name}.{name}.lock")):
            yield


@contextlib.contextmanager
def _advisory_lock(name: str) -> Iterator[None]:
    key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
    # A connection of its own: the jobs may close or reset the default one, which would let the
    # lock go unnoticed.
    connection = connections.create_connection("default")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            if not cursor.fetchone()[0]:
                raise AlreadyRunning(name)
        yield
    finally:
        connection.close()  # ends the session, and with it the lock


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with path.open("a") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning(path.name) from None
        yield  # closing the file lets the lock go
