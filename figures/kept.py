"""The figures of a period, kept in the cache under the data version, so that a screen or a report
asked for again is not counted again, and is never stale.

The data version (`DataVersion`) grows in the same transaction as every change the counting rules
would see: database triggers on the tables they read keep it, whoever writes. A request reads it
first, then takes what was drawn for the same period and reader only if it was drawn at that
version; a change committed since has moved it, so the next request counts afresh. What is kept
was counted at that version or later, never earlier. The cache is shared by every process
(Redis); while Redis is away every request counts (`infra.cache`).
"""

from collections.abc import Callable
from typing import TypeVar

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


def data_version() -> int:
    """One query: the sum of the version's rows (one row on SQLite, a few on PostgreSQL)."""
    return DataVersion.objects.aggregate(n=Sum("n"))["n"] or 0


def kept(kind: str, period: Period, draw: Callable[[], T]) -> T:
    """`draw()` for the period in the reader's language and time zone, or what it gave at the
    current data version. One entry per period and reader, holding its version: a drawing at a
    new version replaces the last (an XLSX is megabytes), and one at another version is a miss."""
    reader = f"{get_language()}:{timezone.get_current_timezone_name()}"
    # The database's name too: two installations (or a copy) sharing one Redis count apart.
    database = f"{connection.vendor}:{connection.settings_dict['NAME']}"
    key = f"figures:{kind}:{reader}:{period.start}:{period.end}:{database}"
    version = data_version()
    entry = cache.get(key)
    if entry is not None and entry[0] == version:
        return entry[1]
    drawn = draw()
    cache.set(key, (version, drawn), TIMEOUT)
    return drawn
