"""Load benchmark: public pages through gunicorn in production mode, beside a static file.

    .venv/bin/python bench/load.py [--duration 10] [--database-url URL] [--port 8400] [--baseline DIR]

Runs the site as production runs it (`cms.settings.production`, `DEBUG=0`, gunicorn with two
workers, static files from WhiteNoise), first with the page cache on (`PAGE_CACHE=1`), then off
(`PAGE_CACHE=0`). In each run every path is warmed, then `wrk` requests it for `--duration`
seconds over 16 connections; one WhiteNoise static file is measured the same way as the ceiling,
right before each path: a shared machine's load moves within minutes, so each path is compared
with the ceiling of its own moment. The table gives requests/s, their ratio to the static file's
measured beside them, the latency p50 and p99 in ms and the answers that were not 2xx; the static
file's row is the median of its runs.

`--baseline DIR` (a checkout of an earlier commit, e.g. made by `git archive`, with `.venv` linked
in) measures that code's uncached pages too, in the same run and on the same database, so a change
is compared with what it replaced while the machine is as busy.

The corpus is the demo on SQLite, built in `--workdir` (default var/load/) on first use (or
`--database-url`, with its search index in `--workdir`). `wrk` is Debian's package:
`apt-get install wrk`. Every process the script starts is stopped when it ends, fails or is
interrupted (Ctrl-C).
"""

import argparse
import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")

# wrk's Lua hooks: count the answers that are not 2xx (wrk's own count leaves out 3xx) and print
# one line that this script reads.
WRK_SCRIPT = """
non2xx = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), bad, e.connect + e.read + e.write + e.timeout))
end
"""

# The demo's pages (the paths of `load_demo`); the seed article and an event come from the database.
PATHS = [
    "/",
    "/nyheter/",
    "{article}",
    "/resurser/",
    "/en/",
    "{event}",
    "/evenemang/ical/",
    "/search/?q=innovation",
    "/api/search/?q=innovation",
    "/feeds/news.rss",
    "/sitemap.xml",
]
FIND_PATHS = (
    "from cms.models import EventPage, NewsPage;"
    "print('PATH', NewsPage.objects.live().filter(locale__language_code='sv').order_by('path').first().url);"
    "print('PATH', EventPage.objects.live().filter(locale__language_code='sv').order_by('start').last().url)"
)


def environment(args, page_cache: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DEBUG": "0",
        "SECRET_KEY": args.secret_key,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_DISABLED": "1",
        "SECURE_SSL_REDIRECT": "0",  # plain http on loopback
        "BASE_URL": f"http://127.0.0.1:{args.port}",
        "DATABASE_URL": args.database_url,
        "SEARCH_INDEX_DIR": str(args.workdir / "index"),
        "MEDIA_ROOT": str(args.workdir / "media"),
        "STATIC_ROOT": str(args.workdir / "static"),
        "PAGE_CACHE": page_cache,
    }


def manage(args, *command: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *command],
        cwd=ROOT,
        env=environment(args, "0"),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def prepare(args) -> tuple[list[str], str]:
    """The corpus, the static files and the paths to measure, with the static file's path."""
    database = args.database_url.removeprefix("sqlite:///")
    if args.database_url.startswith("sqlite:") and not Path(database).exists():
        print(f"Building the demo in {database} (about a minute)", flush=True)
        manage(args, "migrate", "--noinput", "-v0")
        manage(args, "load_demo", "-v0")
    else:
        manage(args, "migrate", "--noinput", "-v0")  # the default site follows BASE_URL
    manage(args, "collectstatic", "--noinput", "-v0")
    output = manage(args, "shell", "-c", FIND_PATHS).splitlines()
    article, event = (line.split()[1] for line in output if line.startswith("PATH "))
    manifest = (args.workdir / "static" / "staticfiles.json").read_text()
    static = "/static/" + json.loads(manifest)["paths"]["default/css/site.css"]
    return [path.format(article=article, event=event) for path in args.paths or PATHS], static


def start_server(args, page_cache: str, root: Path = ROOT) -> subprocess.Popen:
    server = subprocess.Popen(
        [GUNICORN, "cms.wsgi", "--workers", str(args.workers), "--bind", f"127.0.0.1:{args.port}"],
        cwd=root,
        env=environment(args, page_cache),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, stopped as a whole
    )
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start (exit code {server.returncode})")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{args.port}/robots.txt", timeout=10)
                return server
            except OSError:  # refused, or timed out while the workers start
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer within 120 s")
    except BaseException:
        stop(server)
        raise


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def warm(args, path: str) -> None:
    # Enough requests for every worker to have filled its caches (local memory is per process).
    for _ in range(4 * args.workers):
        with contextlib.suppress(urllib.error.HTTPError):  # counted as non-2xx by the run itself
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}{path}", timeout=30)


def run_wrk(args, path: str, script: Path) -> dict[str, float]:
    result = subprocess.run(
        [
            args.wrk,
            f"--threads={args.threads}",
            f"--connections={args.connections}",
            f"--duration={args.duration}s",
            "--timeout=10s",
            f"--script={script}",
            f"http://127.0.0.1:{args.port}{path}",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    requests, duration_us, p50_us, p99_us, non2xx, errors = (int(n) for n in line.split()[1:])
    return {
        "rps": requests / (duration_us / 1e6),
        "p50": p50_us / 1000,
        "p99": p99_us / 1000,
        "non2xx": non2xx + errors,
    }


def measure(
    args, mode: str, page_cache: str, paths: list[str], static: str, script: Path, root: Path = ROOT
) -> list:
    server = start_server(args, page_cache, root)
    try:
        warm(args, static)
        rows, ceilings = [], []
        for path in paths:
            ceilings.append(run_wrk(args, static, script))
            warm(args, path)
            result = run_wrk(args, path, script) | {"ceiling": ceilings[-1]["rps"]}
            rows.append((path, mode, result))
            rates = f"{result['rps']:.0f} requests/s, the static file {result['ceiling']:.0f}"
            print(f"  {mode:8} {path}: {rates}", flush=True)
        middle = sorted(ceilings, key=lambda result: result["rps"])[len(ceilings) // 2]
        return [(static, mode, middle | {"ceiling": middle["rps"]}), *rows]
    finally:
        stop(server)


def table(rows: list) -> str:
    lines = [
        "| path | mode | requests/s | ratio to the static file | p50 ms | p99 ms | non-2xx |",
        "|---|---|---|---|---|---|---|",
    ]
    for path, mode, result in rows:
        lines.append(
            f"| `{path}` | {mode} | {result['rps']:,.0f} | {result['rps'] / result['ceiling']:.3f} | "
            f"{result['p50']:.1f} | {result['p99']:.1f} | {result['non2xx']} |".replace(",", " ")
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="Seconds of wrk per path (default 10).")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads (default 2).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's workers (default 2).")
    parser.add_argument("--port", type=int, default=8400)
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "load")
    parser.add_argument("--database-url", help="Default: the demo on SQLite in the workdir.")
    parser.add_argument("--paths", nargs="*", help="Paths to measure instead of the default list.")
    parser.add_argument("--wrk", default="wrk")
    parser.add_argument("--baseline", type=Path, help="A checkout whose uncached pages are measured too.")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    args.database_url = args.database_url or f"sqlite:///{args.workdir / 'demo.sqlite3'}"
    args.secret_key = secrets.token_urlsafe(50)
    script = args.workdir / "report.lua"
    script.write_text(WRK_SCRIPT)
    paths, static = prepare(args)
    started = os.getloadavg()
    rows = []
    for mode, page_cache in (("cached", "1"), ("uncached", "0")):
        rows += measure(args, mode, page_cache, paths, static, script)
    if args.baseline:
        rows += measure(args, "uncached (baseline)", "0", paths, static, script, args.baseline.resolve())
    ended = os.getloadavg()
    print()
    print(table(rows))
    print(
        f"\n{os.cpu_count()} cores; load average {started[0]:.1f} at the start, {ended[0]:.1f} at the end; "
        f"wrk {args.threads} threads, {args.connections} connections, {args.duration} s a path; "
        f"gunicorn {args.workers} workers"
    )


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
