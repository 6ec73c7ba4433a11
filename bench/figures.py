"""Figures benchmark: the Figures screen and the funders' report at 100 000 ideas and 50 000 registrations.

Builds the corpus in the database of DATABASE_URL when it has no generated ideas yet (migrate,
load_demo, then `generate_content --ideas 100000 --registrations 50000`), or reuses it:

    DATABASE_URL=sqlite:////tmp/figures.sqlite3 DEBUG=0 .venv/bin/python bench/figures.py [--repeat 20]
    DATABASE_URL=postgres://sis:sis@127.0.0.1:5432/figures DEBUG=0 .venv/bin/python bench/figures.py

(the PostgreSQL database must exist). Every screen is requested through Django's test client as
the demo's manager, `--repeat` times (the reports `--report-repeat` times) after one warm-up
request, for the programme period to date
and for one year; each line gives the median and 95th percentile in ms, the queries of the last
request and the slowest of them. The goals: p95 ≤ 300 ms for the screen, ≤ 2 s for the XLSX.

The screen and the XLSX are kept per data version (`figures/kept.py`), so each is timed twice:
"counted", each request after a counted change (the programme's targets saved again, a one-row
update inside the timed request), and "kept", asked again with nothing changed.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ.setdefault("DEBUG", "0")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.ideas import Bench  # noqa: E402
from figures.models import ProgrammeTargets  # noqa: E402
from reach.models import Person, Reach  # noqa: E402
from registrations.models import Registration  # noqa: E402
from workflows.models import Idea  # noqa: E402

GOALS = {"screen": 300, "xlsx": 2000}


def read_through(request):
    """The request with its body read to the end: a CSV is written as it streams."""

    def requested():
        response = request()
        if response.streaming:
            response.content_length = sum(len(chunk) for chunk in response.streaming_content)
        return response

    return requested


def after_a_change(request):
    """The request made just after a change the figures count: nothing kept is good for it."""

    def requested():
        ProgrammeTargets.objects.update(mobilised_target=F("mobilised_target"))
        return request()

    return requested


def build(ideas: int, registrations: int) -> None:
    """The corpus, unless the database already holds generated ideas."""
    if Idea.objects.filter(contact_name="Syntetisk sökande").exists():
        return
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("generate_content", ideas=ideas, registrations=registrations, verbosity=0)
    print(f"built the corpus in {time.monotonic() - started:.0f} s", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="Timed requests per screen (default 20).")
    parser.add_argument("--report-repeat", type=int, default=5, help="Timed requests per report (default 5).")
    parser.add_argument("--slowest", action="store_true", help="Print each screen's slowest query.")
    parser.add_argument("--queries", action="store_true", help="Print every query of each screen, timed.")
    parser.add_argument(
        "--only", choices=["screen", "report", "xlsx"], help="Time only the screen, the reports, or the XLSX."
    )
    parser.add_argument("--ideas", type=int, default=100_000, help="Ideas to generate (default 100 000).")
    parser.add_argument(
        "--registrations", type=int, default=50_000, help="Registrations to generate (default 50 000)."
    )
    args = parser.parse_args()
    build(args.ideas, args.registrations)
    setup_test_environment()
    bench = Bench(args.repeat, args.slowest, args.queries)
    targets = ProgrammeTargets.load()
    year = min(timezone.localdate().year - 1, targets.end.year)
    print(
        f"{Idea.objects.count()} ideas, {Registration.objects.count()} registrations, "
        f"{Person.objects.count()} persons, {Reach.objects.count()} reaches; {connection.vendor}, "
        f"DEBUG={settings.DEBUG}, {args.repeat} requests each; programme {targets.start} – {targets.end}",
        flush=True,
    )
    periods = {"programme to date": {}, f"year {year}": {"kind": "year", "year": year}}
    if args.only in (None, "screen"):
        for label, period in periods.items():
            screen = bench.get("manager", reverse("figures:screen"), period)
            bench.measure(f"Figures screen, {label}, counted", after_a_change(screen))
            bench.measure(f"Figures screen, {label}, kept", screen)
    bench.repeat = args.report_repeat
    for label, period in periods.items() if args.only != "screen" else ():
        for name in ("xlsx", "csv") if args.only != "xlsx" else ("xlsx",):
            url = reverse(f"figures:report_{name}")
            report = read_through(bench.get("manager", url, period))
            bench.measure(f"report {name.upper()}, {label}, counted", after_a_change(report))
            if name == "xlsx":
                bench.measure(f"report {name.upper()}, {label}, kept", report)
    if args.only is None or args.only == "report":
        bench.measure(
            f"report page, year {year}",
            bench.get("manager", reverse("figures:report"), periods[f"year {year}"]),
        )
    bench.report()
    missed = [
        row["label"]
        for row in bench.rows
        if (row["label"].startswith("Figures screen") and row["p95"] > GOALS["screen"])
        or (row["label"].startswith("report XLSX") and row["p95"] > GOALS["xlsx"])
    ]
    print(f"\ngoals (p95): screen ≤ {GOALS['screen']} ms, XLSX ≤ {GOALS['xlsx']} ms:", end=" ")
    print(f"missed by {', '.join(missed)}" if missed else "met")


if __name__ == "__main__":
    main()
