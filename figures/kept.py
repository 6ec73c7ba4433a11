"""The figures of a period, kept in the cache under the data version, so that a screen or a report
asked for again is not counted again, and is never stale; and each rule's count kept under the
versions of the tables it read, so that after a change only the rules that read the changed
tables count again.

The data version (`DataVersion`) grows in the same transaction as every change the counting rules
would see: database triggers on the tables they read keep a number per table, whoever writes. A
request reads the numbers first (one query), then takes what was drawn for the same period and
reader only if it was drawn at the same numbers; a change committed since has moved one, so the
next request counts afresh what read that table. What is kept was counted at those numbers or
later, never earlier. The cache is shared by every process (Redis); while Redis is away every
request counts (`infra.cache`).
"""

import importlib
import re
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache as once
from typing import TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import get_language

from .counting import Period
from .models import DataVersion

T = TypeVar("T")

#: A kept drawing is good as long as the version stays; the timeout only returns the memory of
#: periods nobody asks for any more.
TIMEOUT = 24 * 60 * 60  # seconds

#: The versions read at the start of the request's drawing, for the rules counted in it.
_read: ContextVar[dict[str, int] | None] = ContextVar("figures_versions", default=None)


def versions() -> dict[str, int]:
    """One query: each counted table's version (the sum of its rows; "" for the rows from before
    versions per table, which only add to the whole)."""
    rows = DataVersion.objects.values_list("counted").annotate(n=Sum("n")).order_by()
    return dict(rows)


def data_version() -> int:
    """The version of all the data the figures count: it moves with any counted change."""
    return sum(versions().values())


def _database() -> str:
    # The database's name too: two installations (or a copy) sharing one Redis count apart.
    return f"{connection.vendor}:{connection.settings_dict['NAME']}"


@contextmanager
def versions_read():
    """The versions read once (one query), for everything kept or counted inside the block."""
    token = _read.set(versions())
    try:
        yield
    finally:
        _read.reset(token)


def kept(kind: str, period: Period, draw: Callable[[], T]) -> T:
    """`draw()` for the period in the reader's language and time zone, or what it gave at the
    current data version. One entry per period and reader, holding its version: a drawing at a
    new version replaces the last (an XLSX is megabytes), and one at another version is a miss.
    The rules `draw` counts through `counted` are kept at the same versions."""
    reader = f"{get_language()}:{timezone.get_current_timezone_name()}"
    key = f"figures:{kind}:{reader}:{period.start}:{period.end}:{_database()}"
    if _read.get() is None:
        with versions_read():
            return kept(kind, period, draw)
    version = sum(_read.get().values())
    entry = cache.get(key)
    if entry is not None and entry[0] == version:
        return entry[1]
    drawn = draw()
    cache.set(key, (version, drawn), TIMEOUT)
    return drawn


@once
def _tables() -> tuple[re.Pattern, frozenset[str]]:
    """A pattern finding the project's tables in SQL, and those of them the versions follow."""
    counted = frozenset(importlib.import_module("figures.migrations.0002_data_version").COUNTED)
    names = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    return re.compile(rf"\b({'|'.join(map(re.escape, names))})\b"), counted


@contextmanager
def _reading():
    """The tables the queries run inside read (None once one of them is a table no version
    follows: what read it cannot be kept)."""
    pattern, counted = _tables()
    read: set[str] | None = set()

    def note(execute, sql, params, many, context):
        nonlocal read
        if read is not None:
            tables = set(pattern.findall(sql))
            read = None if tables - counted else read | tables
        return execute(sql, params, many, context)

    found = {}
    with connection.execute_wrapper(note):
        yield found
    found["tables"] = read


@once
def _finer() -> frozenset[str]:
    return frozenset(importlib.import_module("figures.migrations.0004_finer_versions").FINER)


def counted(name: str, period: Period, count: Callable[[], T], follows: tuple[str, ...] = ()) -> T:
    """`count()`, a rule's count for the period (`name` says which, with anything else it depends
    on), or what it gave when the tables it read were last at the versions read for this request
    (`versions_read`; outside one, it is counted afresh). The tables are those its queries named,
    found as it counts, so no list of them can fall behind the rule. `follows`: versions finer
    than a table (`table:aspect`, migration `figures 0004`) that stand for their table's in this
    rule, because no change of the table they leave still can change its count. `count()` must
    return its rows read (no lazy query set) and depend on nothing but the period, the data and
    the time zone."""
    if unknown := set(follows) - _finer():
        raise ValueError(f"No such finer version: {unknown}")
    now = _read.get()
    if now is None:
        return count()
    zone = timezone.get_current_timezone_name()
    key = f"figures:rule:{name}:{zone}:{period.start}:{period.end}:{_database()}"
    entry = cache.get(key)
    if entry is not None and all(now.get(table, 0) == n for table, n in entry[0].items()):
        return entry[1]
    with _reading() as found:
        result = count()
    if found["tables"] is not None:
        finer = {version.split(":")[0]: version for version in follows}
        read = {finer.get(table, table) for table in found["tables"]}
        cache.set(key, ({version: now.get(version, 0) for version in read}, result), TIMEOUT)
    return result
