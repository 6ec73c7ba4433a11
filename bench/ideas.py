"""Back-office benchmark: the reviewers' screens at 100 000 ideas, beside Viewflow's own inbox and queue.

Prepare a scratch database (see README "## Idea pipeline"):

    DATABASE_URL=sqlite:////tmp/ideas.sqlite3 .venv/bin/python manage.py migrate -v0
    DATABASE_URL=sqlite:////tmp/ideas.sqlite3 .venv/bin/python manage.py load_demo
    DATABASE_URL=sqlite:////tmp/ideas.sqlite3 .venv/bin/python manage.py generate_content --ideas 100000

then:

    DEBUG=0 DATABASE_URL=sqlite:////tmp/ideas.sqlite3 .venv/bin/python bench/ideas.py [--repeat 20]

Every screen is requested through Django's test client, logged in as the demo's screener (dashboard,
inbox, queues, idea page, decision) or manager (all ideas), `--repeat` times after one warm-up request;
each line gives the median and 95th percentile in ms, the queries of a request, and the slowest
of them (each query's median over the requests: a request runs the same queries each time).
`--queries` prints every query of every screen with its median and slowest time;
`--without-viewflow` leaves out Viewflow's screens (minutes at this size).
Viewflow's inbox and queue (`FlowAppViewset`) are mounted for this run only, by
`bench/viewflow_urls.py`; the product never mounts them. The decision is a claim, a score and an
"advance" posted to the idea page's real screens, each time on another idea waiting in screening:
it commits, so every run moves `--repeat` (+1) generated ideas on to support.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ.setdefault("DEBUG", "0")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from viewflow.workflow.models import Task  # noqa: E402
from viewflow.workflow.status import STATUS  # noqa: E402

from cms.models import ChallengeArea  # noqa: E402
from workflows.models import Criterion, Idea  # noqa: E402

VIEWFLOW = "/viewflow/idea/"


def percentile(samples: list[float], which: int) -> float:
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[which - 1]


class Timed:
    """An execute wrapper that records each query's SQL and time in ms (Django's own log rounds to 1 ms)."""

    def __init__(self, into: list):
        self.into = into

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.into.append((sql, 1000 * (time.perf_counter() - started)))


class Bench:
    def __init__(self, repeat: int, show_slowest: bool, show_queries: bool):
        self.repeat = repeat
        self.show_slowest = show_slowest
        self.show_queries = show_queries
        self.clients = {}
        self.rows = []

    def client(self, username: str) -> Client:
        if username not in self.clients:
            self.clients[username] = Client()
            self.clients[username].force_login(User.objects.get(username=username))
        return self.clients[username]

    def measure(self, label: str, request, expect: int = 200, before=None) -> None:
        """Time `request()` (returns a response) `repeat` times after a warm-up; `before()`, when
        given, is called before each request, outside the time (a change to make first)."""
        before = before or (lambda: None)
        before()
        assert request().status_code == expect, label
        samples = []
        timings = []  # per request, each query's (sql, ms)
        for _ in range(self.repeat):
            before()
            timed = []
            with connection.execute_wrapper(Timed(timed)):
                started = time.perf_counter()
                response = request()
                samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == expect, (label, response.status_code)
            timings.append(timed)
        # The n-th query of each request is the same statement (a decision's may differ in its
        # parameters): its median over the requests is the figure that the load does not decide.
        queries = [
            {
                "sql": timings[-1][position][0],
                "median": statistics.median(request[position][1] for request in timings),
                "max": max(request[position][1] for request in timings),
            }
            for position in range(min(len(request) for request in timings))
        ]
        slowest = max(queries, key=lambda query: query["median"], default={"sql": "", "median": 0.0})
        self.rows.append(
            {
                "label": label,
                "p50": percentile(samples, 50),
                "p95": percentile(samples, 95),
                "queries": len(timings[-1]),
                "slowest_ms": slowest["median"],
                "slowest_sql": slowest["sql"],
                "each": queries,
            }
        )
        row = self.rows[-1]
        print(f"  {label}: p50 {row['p50']:.1f} ms, {row['queries']} queries", file=sys.stderr, flush=True)

    def get(self, username: str, url: str, params=None):
        client = self.client(username)
        return lambda: client.get(url, params or {})

    def decision(self, username: str):
        """Claim, score and advance the next idea waiting in screening, through the idea page's screens."""
        client = self.client(username)
        rubric = list(Criterion.objects.filter(stage="screening", active=True).values_list("code", flat=True))
        waiting = iter(
            Task.objects.filter(flow_task_type="HUMAN", status=STATUS.NEW, process__idea__stage="submitted")
            .order_by("pk")
            .values_list("pk", "process__idea")[: self.repeat + 1]
        )

        def decide():
            task, idea = next(waiting)
            for name, data in (
                ("claim", {"task": task}),
                ("score", {code: 4 for code in rubric}),
                ("decide", {"task": task, "code": "advance", "public_feedback": "Välkommen till stödet."}),
            ):
                response = client.post(reverse(f"ideas:{name}", args=[idea]), data)
                if response.status_code != 302:
                    return response
            return response

        return decide

    def report(self) -> None:
        print(f"\n{'screen':<52} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'slowest query ms':>17}")
        for row in self.rows:
            print(
                f"{row['label']:<52} {row['p50']:>8.1f} {row['p95']:>8.1f} {row['queries']:>8} "
                f"{row['slowest_ms']:>17.1f}"
            )
        if self.show_queries:
            for row in self.rows:
                print(f"\n{row['label']}: median ms, slowest ms, query")
                for query in row["each"]:
                    print(f"{query['median']:8.2f} {query['max']:8.2f}  {query['sql'][:400]}")
        if self.show_slowest:
            for row in self.rows:
                print(f"\n{row['label']} ({row['slowest_ms']:.1f} ms):\n{row['slowest_sql'][:3000]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="Timed requests per screen (default 20).")
    parser.add_argument("--slowest", action="store_true", help="Print each screen's slowest query.")
    parser.add_argument("--queries", action="store_true", help="Print every query of each screen, timed.")
    parser.add_argument("--without-viewflow", action="store_true", help="Leave out Viewflow's own screens.")
    args = parser.parse_args()
    setup_test_environment()
    bench = Bench(args.repeat, args.slowest, args.queries)
    ideas = Idea.objects.count()
    idea = (
        Idea.objects.filter(stage="screening", status="active")
        .order_by("-pk")
        .values_list("pk", flat=True)[0]
    )
    area = ChallengeArea.objects.order_by("pk").values_list("pk", flat=True)[0]
    municipality = Idea.objects.order_by("-pk").values_list("municipality", flat=True)[0]
    title = Idea.objects.order_by("-pk").values_list("title", flat=True)[0].split()  # a generated one
    # A word of four letters or more, which trigram indexes serve, and one of two, which they cannot.
    word = next(word for word in title if len(word) >= 4)
    short = next((word for word in title if len(word) <= 2), "En")
    year_ago = (timezone.localdate() - datetime.timedelta(days=365)).isoformat()
    two_years_ago = (timezone.localdate() - datetime.timedelta(days=730)).isoformat()
    print(
        f"{ideas} ideas, {connection.vendor}, DEBUG={settings.DEBUG}, {args.repeat} requests each", flush=True
    )

    with override_settings(ROOT_URLCONF="bench.viewflow_urls"):
        bench.measure("dashboard (screener)", bench.get("screener", reverse("wagtailadmin_home")))
        bench.measure("my inbox (screener)", bench.get("screener", reverse("ideas:inbox")))
        bench.measure("my groups' queues (screener)", bench.get("screener", reverse("ideas:queue")))
        bench.measure("my groups' queues (coordinator)", bench.get("coordinator", reverse("ideas:queue")))
        bench.measure("all ideas (manager)", bench.get("manager", reverse("ideas:index")))
        bench.measure(
            "all ideas, filtered: stage, status, area (manager)",
            bench.get(
                "manager",
                reverse("ideas:index"),
                {"stage": "support", "status": "active", "challenge_area": area},
            ),
        )
        bench.measure(
            f"all ideas, text search {word!r} (manager)",
            bench.get("manager", reverse("ideas:index"), {"q": word}),
        )
        bench.measure(
            f"all ideas, text search {word!r} + challenge area (manager)",
            bench.get("manager", reverse("ideas:index"), {"q": word, "challenge_area": area}),
        )
        bench.measure(
            f"all ideas, text search {word!r} + stage (manager)",
            bench.get("manager", reverse("ideas:index"), {"q": word, "stage": "support"}),
        )
        bench.measure(
            "all ideas, municipality (manager)",
            bench.get("manager", reverse("ideas:index"), {"municipality": municipality}),
        )
        bench.measure(
            "all ideas, submitted from a year ago (manager)",
            bench.get("manager", reverse("ideas:index"), {"submitted_from": year_ago}),
        )
        bench.measure(
            "all ideas, submitted to a year ago (manager)",
            bench.get("manager", reverse("ideas:index"), {"submitted_to": year_ago}),
        )
        bench.measure(
            "all ideas, submitted from two years ago to one (manager)",
            bench.get(
                "manager", reverse("ideas:index"), {"submitted_from": two_years_ago, "submitted_to": year_ago}
            ),
        )
        bench.measure(
            f"all ideas, text search {short!r} (manager)",
            bench.get("manager", reverse("ideas:index"), {"q": short}),
        )
        bench.measure(
            "all ideas, page 1000 (manager)", bench.get("manager", reverse("ideas:index"), {"p": 1000})
        )
        bench.measure("idea page (screener)", bench.get("screener", reverse("ideas:detail", args=[idea])))
        bench.measure("decision: claim + score + advance (screener)", bench.decision("screener"), expect=302)
        if not args.without_viewflow:
            bench.measure("Viewflow inbox (screener)", bench.get("screener", VIEWFLOW + "inbox/"))
            bench.measure("Viewflow queue (screener)", bench.get("screener", VIEWFLOW + "queue/"))
            bench.measure("Viewflow queue (coordinator)", bench.get("coordinator", VIEWFLOW + "queue/"))
    bench.report()


if __name__ == "__main__":
    main()
