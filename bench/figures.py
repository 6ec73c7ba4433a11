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

The screen and the XLSX are kept per data version, and each rule's count per the versions of the
tables it reads (`figures/kept.py`), so each is timed after each kind of change a live programme
makes all day, made by its action just before the request and outside its time: "after an idea
submitted", "after an idea moved on" (a screening decision through the idea's screens), "after a
registration attended" (ticked at the door), "after support hours logged"; and "kept", asked again
with nothing changed. The changes are written to the corpus (a copy is the place to run this).
"""

import argparse
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ.setdefault("DEBUG", "0")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.ideas import Bench  # noqa: E402
from cms.models import ChallengeArea, Municipality  # noqa: E402
from figures.models import ProgrammeTargets  # noqa: E402
from reach.models import Person, Reach  # noqa: E402
from registrations.attendance import mark_attended  # noqa: E402
from registrations.models import Registration  # noqa: E402
from registrations.models import Status as RegistrationStatus  # noqa: E402
from workflows.actions import log_support_activity, submit_idea  # noqa: E402
from workflows.models import ActivityType, Idea, Stage, Status  # noqa: E402

GOALS = {"screen": 300, "xlsx": 2000}


def read_through(request):
    """The request with its body read to the end: a CSV is written as it streams."""

    def requested():
        response = request()
        if response.streaming:
            response.content_length = sum(len(chunk) for chunk in response.streaming_content)
        return response

    return requested


class Changes:
    """The changes a live programme makes all day, each made by the action that makes it (an idea
    submitted, an idea moved on by a screening decision, a registration attended at the door,
    support hours logged): before each, nothing kept is good for the figures it counts."""

    def __init__(self, bench: Bench):
        self.made = 0
        self.bench = bench
        self.decide = bench.decision("screener")
        self.today = timezone.localdate()
        self.host = User.objects.get(username="host")
        self.advisor = User.objects.get(username="advisor")
        self.areas = list(ChallengeArea.objects.all()[:1])
        self.municipality = Municipality.objects.order_by("code").first()
        self.seated = (
            Registration.objects.filter(status=RegistrationStatus.SEATED, attended__isnull=True)
            .select_related("event")
            .order_by("pk")
            .iterator()
        )
        self.in_support = (
            Idea.objects.filter(stage=Stage.SUPPORT, status=Status.ACTIVE).order_by("-pk").iterator()
        )

    def submitted(self) -> None:
        self.made += 1
        submit_idea(
            title=f"Bänkidé {self.made}",
            summary="En idé lämnad under mätningen.",
            challenge_areas=self.areas,
            municipality=self.municipality,
            organisation_type="company",
            organisation_name=f"Bänkbolaget {self.made} AB",
            contact_name="Bänk Sökande",
            contact_email=f"bank{self.made}.{time.time_ns()}@example.org",
            contact_gender="woman",
            team_size=1,
            language="sv",
            consent_processing=True,
        )

    def attended(self) -> None:
        registration = next(self.seated)
        mark_attended(registration.pk, by=self.host, at=registration.event.start)

    def logged(self) -> None:
        log_support_activity(
            next(self.in_support).pk,
            self.advisor,
            date=self.today,
            activity_type=ActivityType.COACHING,
            hours=Decimal(2),
        )

    def kinds(self) -> dict:
        def moved():
            try:
                response = self.decide()
            except StopIteration:  # the tasks it found are decided: the next few waiting
                self.decide = self.bench.decision("screener")
                response = self.decide()
            assert response.status_code == 302, response.status_code

        return {
            "an idea submitted": self.submitted,
            "an idea moved on": moved,
            "a registration attended": self.attended,
            "support hours logged": self.logged,
        }


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
    changes = Changes(bench).kinds()
    if args.only in (None, "screen"):
        for label, period in periods.items():
            screen = bench.get("manager", reverse("figures:screen"), period)
            for change, make in changes.items():
                bench.measure(f"Figures screen, {label}, after {change}", screen, before=make)
            bench.measure(f"Figures screen, {label}, kept", screen)
    bench.repeat = args.report_repeat
    for label, period in periods.items() if args.only != "screen" else ():
        for name in ("xlsx", "csv") if args.only != "xlsx" else ("xlsx",):
            url = reverse(f"figures:report_{name}")
            report = read_through(bench.get("manager", url, period))
            if name == "csv":
                bench.measure(f"report CSV, {label}", report)
                continue
            for change, make in changes.items():
                bench.measure(f"report XLSX, {label}, after {change}", report, before=make)
            bench.measure(f"report XLSX, {label}, kept", report)
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
