"""The period a figure is counted over: two dates, both included, in the site's time zone."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # included

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        first = datetime.date(year, 3 * quarter - 2, 1)
        after = datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
        return cls(first, after - datetime.timedelta(days=1))

    @classmethod
    def programme_to_date(cls, targets, today: datetime.date | None = None) -> "Period":
        """From the programme's start to today (or to its end, once it is over)."""
        return cls(targets.start, min(today or timezone.localdate(), targets.end))

    @property
    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[first instant, first instant after) as aware datetimes: a moment on the last day counts."""
        after = self.end + datetime.timedelta(days=1)
        return _midnight(self.start), _midnight(after)

    def moments(self, field: str) -> Q:
        """`field` (a date and time) falls in the period."""
        start, after = self.bounds
        return Q(**{f"{field}__gte": start, f"{field}__lt": after})

    def days(self, field: str) -> Q:
        """`field` (a date) falls in the period."""
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})

    def until_end(self, start: datetime.date) -> "Period":
        """From `start` to this period's end (the programme to date, as at this period's end)."""
        return Period(start, self.end)


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
