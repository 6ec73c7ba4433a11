"""The all-ideas list's filters at 100 000 ideas, query by query: for each combination, the capped
count (up to 1 001, as the list counts) and the first page's keys, median and best of 7 in ms
(on a loaded machine the best shows the plan's cost, the median the load), run from the list's own
filters (`workflows.backoffice.lists.filtered_ideas`) as the manager.

    DATABASE_URL=sqlite:////tmp/ideas.sqlite3 .venv/bin/python bench/idea_filters.py

on a corpus made as `bench/ideas.py` says. The word is the newest generated title's first word of
four letters or more (as in `bench/ideas.py`), in about a tenth of the ideas.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import timezone  # noqa: E402

from cms.models import ChallengeArea  # noqa: E402
from workflows import queries  # noqa: E402
from workflows.backoffice.lists import filtered_ideas  # noqa: E402
from workflows.models import Idea  # noqa: E402


def timed_ms(run, times: int = 7) -> str:
    """The median and the best of `times` runs, in ms."""
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        samples.append(1000 * (time.perf_counter() - started))
    return f"{statistics.median(samples):6.2f} {min(samples):6.2f}"


def main():
    manager = User.objects.get(username="manager")
    area = ChallengeArea.objects.order_by("pk").values_list("pk", flat=True)[0]
    title = Idea.objects.order_by("-pk").values_list("title", flat=True)[0].split()
    word = next(word for word in title if len(word) >= 4)
    today = timezone.localdate()
    year_ago, two_years_ago = (str(today - datetime.timedelta(days=days)) for days in (365, 730))
    combinations = {
        f"{word!r}": {"q": word},
        f"{word!r} + area": {"q": word, "challenge_area": area},
        f"{word!r} + stage": {"q": word, "stage": "support"},
        f"{word!r} + status": {"q": word, "status": "active"},
        f"{word!r} + stage, status, area": {
            "q": word,
            "stage": "support",
            "status": "active",
            "challenge_area": area,
        },
        "area": {"challenge_area": area},
        "submitted to a year ago": {"submitted_to": year_ago},
        "submitted to two years ago": {"submitted_to": two_years_ago},
        "submitted from two years ago to one": {"submitted_from": two_years_ago, "submitted_to": year_ago},
    }
    print(f"{Idea.objects.count()} ideas, {connection.vendor}; median and best of 7, ms")
    print(f"{'filters':45} {'count':>13} {'page keys':>13} {'counted':>8}")
    for name, parameters in combinations.items():
        request = RequestFactory().get("/", parameters)
        request.user = manager
        _form, ideas = filtered_ideas(request)
        count = timed_ms(lambda ideas=ideas: queries.count_at_most(ideas, queries.COUNTED_AT_MOST))
        page = timed_ms(lambda ideas=ideas: list(ideas.values_list("pk", flat=True)[:50]))
        counted = queries.count_at_most(ideas, queries.COUNTED_AT_MOST)
        print(f"{name:45} {count} {page} {counted:8}")


if __name__ == "__main__":
    main()
