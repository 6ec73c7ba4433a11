"""The production topology on one machine, with faults along the way, then exactly-once checks.

    .venv/bin/python -m bench.topology [--duration 90] [--port 8250] [--redis-port 6391]

Starts what docs/deploy.md describes, in production mode on PostgreSQL (`--database-url`,
default the database sis_topology, created and filled with the demo on first use): an SMTP
sink of its own (bench/topology/smtp_sink.py), a redis-server of its own, gunicorn with
`--workers` workers, two `db_worker`s each under a restarting supervisor and one
`run_periodic_jobs`. Then visitors, searchers, applicants (through the public form) and
screeners (through the back office) work for `--duration` seconds, while one `db_worker` is
killed with SIGKILL, Redis is restarted and the search engine is stopped and started. The
embedded engine is files, not a process: it is "stopped" by making its directory unreachable
(a file in its place, as an unmounted disk would leave), which the health check and every
search and index write see. Afterwards the outbox is left to drain, and the script prints the
figures and checks that every accepted submission, recorded decision, delivered e-mail and
index entry exists exactly once. The exit status is 1 if a check fails or any answer was 5xx
outside the search API's documented 503 while the engine is stopped.
"""

import argparse
import json
import os
import secrets
import sys
import threading
import time
from pathlib import Path

import psycopg

from . import clients, report, services
from .smtp_sink import SmtpSink

SHELL = "import bench.topology.inside as inside; inside.{call}"


def inside(args, call: str):
    output = services.manage(args, "shell", "-c", SHELL.format(call=call))
    return json.loads(next(line for line in output.splitlines() if line.startswith("JSON "))[5:])


def prepare(args) -> dict:
    name = args.database_url.rsplit("/", 1)[1]
    with psycopg.connect(args.database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            server.execute(f'CREATE DATABASE "{name}"')
    print("Migrating, collecting static files, building the demo on first use", flush=True)
    services.manage(args, "migrate", "--noinput", "-v0")
    if not inside(args, "has_demo()"):
        services.manage(args, "load_demo", "-v0")
    services.manage(args, "collectstatic", "--noinput", "-v0")
    services.manage(args, "search_index", "rebuild", "--no-progress")
    return inside(args, f"prepare({args.screeners}, {args.password!r})")


def stop_search(index: Path, args, token: str) -> None:
    """The index out of reach, then an editor's change that its index update must survive."""
    index.rename(index.with_suffix(".stopped"))
    index.write_text("the search engine is stopped\n")
    inside(args, f"publish({token!r})")


def start_search(index: Path) -> None:
    index.unlink()
    index.with_suffix(".stopped").rename(index)


def faults(args, run: clients.Scenario, redis: services.Redis, workers: list) -> None:
    """The faults, each at its share of the run, labelled on the requests made meanwhile."""
    index = args.workdir / "index"
    plan = [
        (0.15, "worker killed", lambda: workers[0].kill(), 5, lambda: None),
        (0.35, "Redis restart", redis.stop, 5, redis.start),
        (
            0.60,
            "search stopped",
            lambda: stop_search(index, args, run.token),
            10,
            lambda: start_search(index),
        ),
    ]
    started = time.monotonic()
    for share, label, fault, seconds, recover in plan:
        if run.stop.wait(max(0.0, started + share * args.duration - time.monotonic())):
            return
        print(f"  {time.monotonic() - started:5.1f} s: {label}", flush=True)
        begun = time.monotonic()
        fault()
        time.sleep(seconds)
        recover()
        run.faults.append((label, begun, time.monotonic()))


def drain(args, seconds: float = 300) -> None:
    """Wait for the outbox: failed deliveries are retried by the periodic sweep after a minute."""
    deadline = time.monotonic() + seconds
    while (left := inside(args, "pending()")) and time.monotonic() < deadline:
        print(f"  {left} outbox rows undelivered; waiting", flush=True)
        time.sleep(15)


def run(args) -> int:
    sink = SmtpSink(args.smtp_port).start()
    redis = services.Redis(args)
    redis.start()
    since = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    processes = []
    workers = []
    try:
        site = prepare(args)
        gunicorn = services.start(
            args,
            [
                services.GUNICORN,
                "cms.wsgi",
                "--workers",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{args.port}",
            ],
            "gunicorn.log",
        )
        processes.append(gunicorn)
        processes.append(
            services.start(args, [services.PYTHON, "manage.py", "run_periodic_jobs"], "periodic.log")
        )
        workers = [services.Supervised(args, f"worker-{n}").start() for n in (1, 2)]
        services.wait_for(args.port, gunicorn)
        scenario = clients.Scenario(
            base=f"http://127.0.0.1:{args.port}",
            site=site,
            token=secrets.token_hex(4),
            password=args.password,
        )
        print(f"Running {args.duration} s (run {scenario.token})", flush=True)
        load = os.getloadavg()[0]
        threads = clients.start(scenario, args.visitors, args.applicants, args.screeners)
        fault_thread = threading.Thread(target=faults, args=(args, scenario, redis, workers), daemon=True)
        fault_thread.start()
        time.sleep(args.duration)
        clients.stop(scenario, threads)
        fault_thread.join()
        scenario.label()
        print("Draining the outbox", flush=True)
        drain(args)
        received = [[list(message.recipients), message.subject] for message in sink.received]
        outcome = (scenario.token, since, scenario.accepted, scenario.decided, received)
        checks = inside(args, f"check(*{outcome!r})")
        print(report.table(scenario.records))
        print(report.errors(scenario.records))
        print(
            f"\nWorkers restarted by their supervisor: {sum(w.restarts for w in workers)}; {os.cpu_count()} "
            f"cores, load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
        )
        return report.verdict(checks, scenario.records)
    finally:
        for worker in workers:
            worker.stop()
        for process in reversed(processes):
            services.stop(process)
        redis.stop()
        sink.shutdown()
        if (args.workdir / "index").is_file():  # a run interrupted while search was stopped
            start_search(args.workdir / "index")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=90, help="Seconds of load (default 90).")
    parser.add_argument("--port", type=int, default=8250)
    parser.add_argument("--smtp-port", type=int, default=8251)
    parser.add_argument("--redis-port", type=int, default=6391)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn's workers (default 3).")
    parser.add_argument("--visitors", type=int, default=6)
    parser.add_argument("--applicants", type=int, default=3)
    parser.add_argument("--screeners", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=services.ROOT / "var" / "topology")
    parser.add_argument("--database-url", default="postgres://sis:sis@127.0.0.1:5432/sis_topology")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    args.secret_key = secrets.token_urlsafe(50)
    args.password = secrets.token_urlsafe(16)
    sys.exit(run(args))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
