"""The home page's live key figures: the programme to date, from the counting rules, cached.

A public counter that is a few minutes behind misleads no one (the programme's numbers move by a
handful a day, and managers read the exact ones on the Figures screen), while counting on every
visit would put the aggregate queries on the busiest page. So all the live figures are counted
together, once per `TIMEOUT`, in the cache every process shares.
"""

from django.core.cache import cache

from . import counting
from .counting import Period
from .models import ProgrammeTargets

CACHE_KEY = "figures:live:1"
TIMEOUT = 5 * 60  # seconds


def _count() -> dict[str, int]:
    period = Period.programme_to_date(ProgrammeTargets.load())
    totals = counting.reached(period)
    return {
        "persons": totals.persons,
        "organisations": totals.organisations,
        "enterprises": totals.enterprises,
        "mobilised": totals.mobilised,
        "ideas": counting.ideas_in_programme(period),
    }


def live_figures() -> dict[str, int]:
    """Every live figure by its name (the choices of the key-figure block): three queries when
    the cache has expired, none otherwise."""
    return cache.get_or_set(CACHE_KEY, _count, TIMEOUT)
