"""Search benchmark: rebuild rate and memory, and query latency of /search/, of our backend
alone and of Wagtail's built-in database search, over the same generated corpus, in one run.

Prepare a scratch database (see README "## Search"):

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py migrate -v0
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py load_demo
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py generate_content \\
        --news 40000 --resources 40000 --events 20000
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py update_index   # Wagtail's own

then:

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 SEARCH_INDEX_DIR=/tmp/bench-index \\
        .venv/bin/python bench/search.py [--queries 1000] [--sizes 25000 50000 100000]

With `--similar`, only the reviewers' similar-ideas query is measured, over the ideas of the
database (`generate_content --ideas 100000` after `load_demo`); see `similar_ideas` at the end.

Our backend keeps the facet counts and the page of hits of a search until the index changes
(see search/backends/embedded/counts.py), so each query is timed twice: with both computed, as
on its first run after a change, then as a repeat, with both kept.

Rebuilds run each in a fresh process (peak memory is per process). With `--engine opensearch`
the Elasticsearch backend is measured instead, on an OpenSearch 2.19.6 node with a 512 MB heap
started for the run (the tests' node and transport, tests/search/engines.py; Java 17 and Maven),
its rebuilds one after the other in this process. Queries: a fixed mix,
drawn with a fixed seed from the corpus' own words by document frequency: rare, common,
two words, and each of those with a facet (type or challenge area).

/search/ is called as a WSGI server calls it (Django's WSGIHandler with every middleware, the
body read, the response closed), without the test client, which copies every template context
it renders. Its time less our backend's time for the same query is Django's share.
"""

import argparse
import collections
import cProfile
import io
import itertools
import json
import logging
import os
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from wagtail.models import Page  # noqa: E402

from cms.models import ChallengeArea, EventPage, NewsPage, ResourcePage  # noqa: E402
from search import indexing  # noqa: E402
from search.analysis import words  # noqa: E402
from search.backends import BACKENDS, get_backend  # noqa: E402
from search.backends.embedded import EmbeddedBackend  # noqa: E402
from search.documents import all_documents  # noqa: E402
from search.query import SearchQuery  # noqa: E402
from tests.search.engines import ElasticsearchOnOpenSearch, OpenSearchNode  # noqa: E402

MODELS = {"news": NewsPage, "event": EventPage, "resource": ResourcePage}


def rebuild_one(size: int, helpers: int) -> dict:
    """In this process: the first `size` documents from the database into a new embedded index,
    the way `manage.py search_index rebuild` makes one, with `helpers` helper processes."""
    with tempfile.TemporaryDirectory() as directory:
        backend = EmbeddedBackend(Path(directory) / "index", rebuild_helpers=helpers)
        started = time.perf_counter()
        count = indexing.rebuild(lambda documents: itertools.islice(documents, size), backend).count
        elapsed = time.perf_counter() - started
    return {
        "size": count,
        "helpers": helpers,
        "seconds": round(elapsed, 2),
        "docs_per_s": round(count / elapsed),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "helper_peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def rebuild_on(backend, size: int | None) -> dict:
    """The first `size` documents (None: all) from the database into a new index behind the
    backend's alias, as `manage.py search_index rebuild` makes it."""
    started = time.perf_counter()
    count = indexing.rebuild(lambda documents: itertools.islice(documents, size), backend).count
    elapsed = time.perf_counter() - started
    return {"size": count, "seconds": round(elapsed, 2), "docs_per_s": round(count / elapsed)}


def opensearch(directory: str) -> tuple[ElasticsearchOnOpenSearch, OpenSearchNode]:
    """A node for this run, and /search/ configured to use it through the backend returned."""
    node = OpenSearchNode(Path(directory) / "opensearch").start()
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)  # a line a request otherwise
    BACKENDS["opensearch-bench"] = "tests.search.engines.ElasticsearchOnOpenSearch"
    settings.SEARCH_BACKEND = "opensearch-bench"
    settings.ELASTICSEARCH_URL = node.url
    settings.ELASTICSEARCH_INDEX = "sis-bench"
    settings.ELASTICSEARCH_TIMEOUT = 60
    return ElasticsearchOnOpenSearch(node.url, index="sis-bench", timeout=60), node


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    if len(ordered) < 2:
        return {"p50": round(ordered[0], 2), "p95": round(ordered[0], 2), "p99": round(ordered[0], 2)}
    cut = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50": round(cut[49], 2), "p95": round(cut[94], 2), "p99": round(cut[98], 2)}


def vocabulary(sample: int = 5_000) -> tuple[list[str], list[str]]:
    """Rare (the least frequent third, seen at least twice) and common (the 30 most frequent)
    words of a sample of the corpus."""
    frequency = collections.Counter()
    for document in itertools.islice(all_documents(), sample):
        frequency.update(set(word for word in words(f"{document.title} {document.body}") if len(word) > 3))
    ranked = frequency.most_common()
    common = [word for word, _ in ranked[:30]]
    seen_twice = [word for word, count in ranked if count >= 2]
    rare = seen_twice[-max(len(seen_twice) // 3, 1) :]
    return rare, common


def query_mix(count: int, rare: list[str], common: list[str]) -> list[dict]:
    rng = random.Random(2015)  # noqa: S311 (the same queries on every run; no secret)
    areas = list(ChallengeArea.objects.values_list("slug", flat=True))
    kinds = ["rare", "common", "two words"]
    mix = []
    for n in range(count):
        kind = kinds[n % 3]
        text = {
            "rare": lambda: rng.choice(rare),
            "common": lambda: rng.choice(common),
            "two words": lambda: f"{rng.choice(common)} {rng.choice(rare + common)}",
        }[kind]()
        facet = {}
        if (n // 3) % 2:
            facet = (
                {"type": rng.choice(list(MODELS))}
                if rng.random() < 0.5
                else {"challenge_area": rng.choice(areas)}
            )
        mix.append({"kind": kind + (" + facet" if facet else ""), "q": text, **facet})
    return mix


def timed(functions: dict, mix) -> dict[str, dict[str, list[float]]]:
    """Each query of the mix through each function in turn, so that a slow spell of a shared
    machine falls on all of them alike, not on whichever ran during it. Each is also timed in
    the process's CPU time (as "<name> (CPU)", all its threads: the embedded engine walks the
    index on several): what a query costs a busy machine, without the wait for a core."""
    samples = {key: collections.defaultdict(list) for name in functions for key in (name, f"{name} (CPU)")}
    for params in mix:
        for name, function in functions.items():
            started, used = time.perf_counter(), time.process_time()
            function(params)
            took = {name: time.perf_counter() - started, f"{name} (CPU)": time.process_time() - used}
            for key, seconds in took.items():
                samples[key][params["kind"]].append(seconds * 1000)
                samples[key]["all"].append(seconds * 1000)
    return samples


def get(application: WSGIHandler, path: str, params: dict) -> bytes:
    """One GET through Django's WSGI handler as a server makes it: the body read, the response
    closed (which ends the request: its signals, the database connection's end of life)."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": urlencode(params),
        "SCRIPT_NAME": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "localhost",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    statuses = []
    response = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        body = b"".join(response)
    finally:
        response.close()
    assert statuses == ["200 OK"], statuses
    return body


def shares(endpoint: dict[str, list[float]], engine: dict[str, list[float]]) -> dict:
    """Django's share per kind: the median of (endpoint − engine) over the same queries, and
    that share as a part of the engine's median."""
    report = {}
    for kind in sorted(endpoint):
        share = statistics.median(e - o for e, o in zip(endpoint[kind], engine[kind], strict=True))
        engine_p50 = statistics.median(engine[kind])
        report[kind] = {"share_p50": round(share, 2), "share_per_engine_p50": round(share / engine_p50, 2)}
    return report


def profile(function, mix: list[dict], top: int = 40) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for params in mix:
        function(params)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--sizes", type=int, nargs="*", default=[25_000, 50_000, 100_000])
    parser.add_argument(
        "--wagtail-queries",
        type=int,
        help="Run only this many of the mix on Wagtail's database search (16-56 s a common word at 100k); "
        "0 skips it.",
    )
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="Query the index in SEARCH_INDEX_DIR as it is (with --similar: its private part beside it).",
    )
    parser.add_argument(
        "--profile", type=int, default=0, help="Then profile this many warm /search/ requests (cProfile)."
    )
    parser.add_argument(
        "--helpers",
        type=int,
        nargs="*",
        default=sorted({0, settings.SEARCH_REBUILD_HELPERS}),
        help="Rebuild with each of these numbers of helper processes (default: none, and the setting's).",
    )
    parser.add_argument(
        "--engine", choices=["embedded", "opensearch"], default="embedded", help="The engine measured."
    )
    parser.add_argument(
        "--similar",
        action="store_true",
        help="Measure only the reviewers' similar-ideas query, over the ideas in the database "
        "(generate_content --ideas N), --queries of them.",
    )
    parser.add_argument("--rebuild-one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.similar:
        print(json.dumps(similar_ideas(args.queries, args.reuse_index)))
        return
    if args.rebuild_one:
        print(json.dumps(rebuild_one(args.rebuild_one, args.helpers[0])))
        return
    if args.engine == "opensearch":
        with tempfile.TemporaryDirectory() as directory:
            backend, node = opensearch(directory)
            try:
                measure(args, backend)
            finally:
                node.stop()
    else:
        # The site's own backend, which /search/ below uses too: one cache of counts for both.
        measure(args, get_backend())


def measure(args, backend):
    report = {"documents": Page.objects.live().type(*MODELS.values()).count(), "rebuild": []}
    if args.engine == "opensearch":
        # Each size, then everything: the index that /search/ reads below.
        for size in [*args.sizes, None]:
            report["rebuild"].append(rebuild_on(backend, size))
            print("rebuild", report["rebuild"][-1], flush=True)
    else:
        for size, helpers in itertools.product(args.sizes, args.helpers):
            out = subprocess.run(
                [sys.executable, __file__, "--rebuild-one", str(size), "--helpers", str(helpers)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            report["rebuild"].append(json.loads(out.strip().splitlines()[-1]))
            print("rebuild", report["rebuild"][-1], flush=True)
        # The configured index (SEARCH_INDEX_DIR) with the whole corpus, as /search/ reads it.
        if not args.reuse_index:
            indexing.rebuild(backend=backend)
    rare, common = vocabulary()
    mix = query_mix(args.queries, rare, common)

    def ours(params):
        # What the view asks of the engine: the search, and completions when nothing matched.
        filters = {name: [params[name]] for name in ("type", "challenge_area") if name in params}
        query = SearchQuery(text=params["q"], language="sv", filters=filters).cleaned()
        if not backend.search(query).total and query.text:
            backend.suggest(query.text, query.language)

    application = WSGIHandler()

    def endpoint(params):
        get(application, "/search/", {key: value for key, value in params.items() if key != "kind"})

    def wagtail(params):
        # What a Wagtail site does instead: the database backend's ranked search, top 20 and the count.
        # It has no facet counts; a type facet is a search on that model, a challenge area is not
        # filterable (many-to-many), so it is a plain search there.
        model = MODELS.get(params.get("type"))
        queryset = (model or Page).objects.live()
        if model is None:
            queryset = queryset.type(*MODELS.values())
        results = queryset.search(params["q"])
        list(results[:20])
        results.count()

    # Warm: the engine's files in the page cache, the site's cached fragments and labels.
    for params in mix:
        ours(params)
        endpoint(params)

    def computed(function):
        # The same with the counts and hits computed, as on the first such search after the index changed.
        def without_kept_results(params):
            backend.counts.clear()
            backend.pages.clear()
            function(params)

        return without_kept_results

    functions = {"our backend": ours, "/search/ endpoint": endpoint}
    if hasattr(backend, "counts"):
        # Computed first: each query is then timed once as the first of its kind since the index
        # changed, and once as a repeat, whose counts and hits (if it matched many documents) are kept.
        functions = {f"{name}, computed": computed(function) for name, function in functions.items()} | {
            f"{name}, kept": function for name, function in functions.items()
        }
    samples = timed(functions, mix)
    if args.wagtail_queries != 0:
        wagtail(mix[0])
        samples |= timed({"wagtail database search": wagtail}, mix[: args.wagtail_queries])
    for name, found in samples.items():
        report[name] = {
            kind: {**percentiles(values), "n": len(values)} for kind, values in sorted(found.items())
        }
        print(name, json.dumps(report[name]["all"]), flush=True)
    kept = ", kept" if hasattr(backend, "counts") else ""
    report["django share"] = shares(samples[f"/search/ endpoint{kept}"], samples[f"our backend{kept}"])
    print("django share", json.dumps(report["django share"]["all"]), flush=True)
    if args.profile:
        print(profile(endpoint, mix[: args.profile]), flush=True)
    report["recommendations"] = recommendations(backend, args.queries)
    # As a part of the public search's p95 in this run: a figure that a busy machine moves less.
    report["recommendations"]["p95_per_search_p95"] = round(
        report["recommendations"]["p95"] / report[f"our backend{kept}"]["all"]["p95"], 2
    )
    print("recommendations", json.dumps(report["recommendations"]), flush=True)

    print(json.dumps(report, indent=1))


# The reviewers' "similar ideas" (search/private.py, workflows/backoffice/similar.py)


def similar_ideas(queries: int, reuse_index: bool = False) -> dict:
    """The private part rebuilt from every idea in the database (unless `reuse_index`), then
    `queries` ideas drawn with a fixed seed, each asking the engine for its five most similar
    ideas as the idea page does (the document built from the database, the query, the ids; not
    the page's three small database reads)."""
    from search import private
    from workflows.models import Idea
    from workflows.similar_documents import build, listed

    started = time.perf_counter()
    count = private.backend().status().count if reuse_index else indexing.rebuild_private().count
    rebuild_s = None if reuse_index else round(time.perf_counter() - started, 1)
    rng = random.Random(2015)  # noqa: S311 (the same ideas on every run; no secret)
    pks = rng.sample(list(Idea.objects.values_list("pk", flat=True)), min(queries, count))
    documents = [build(idea) for idea in listed().filter(pk__in=pks)]
    backend = private.backend()
    for document in documents[:50]:  # warm: the index's files in the page cache
        backend.similar(document)
    # Wall time, and the process's CPU time: on a busy shared machine the wall time is mostly
    # waiting for a core, the CPU time what the query itself costs.
    wall, cpu = [], []
    for document in documents:
        started, used = time.perf_counter(), time.process_time()
        backend.similar(document)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return {
        "ideas": count,
        "rebuild_s": rebuild_s,
        **percentiles(wall),
        "cpu": percentiles(cpu),
        "n": len(wall),
    }


def recommendations(backend, count: int) -> dict:
    """Resources recommended for `count` ideas (workflows/recommendations.py), as the status page
    asks for them: each idea's text is a document's title and lead from the corpus, in its
    language, with one or two challenge areas, at each stage in turn."""
    from workflows.recommendations import STAGE_FIT, recommend

    rng = random.Random(2016)  # noqa: S311 (the same ideas on every run; no secret)
    areas = sorted(ChallengeArea.objects.values_list("slug", "name"))
    texts = [
        (document.title, document.summary, document.language)
        for document in itertools.islice(all_documents(), 0, 20_000, 7)
    ]
    ideas = []
    for n in range(count):
        title, summary, language = rng.choice(texts)
        chosen = dict(rng.sample(areas, rng.choice((1, 2))))
        ideas.append((title, summary, chosen, list(STAGE_FIT)[n % len(STAGE_FIT)], language))
    for idea in ideas[:100]:  # warm
        recommend(*idea, backend=backend)
    samples, cpu, shown = [], [], []
    for idea in ideas:
        started, used = time.perf_counter(), time.process_time()
        shown.append(len(recommend(*idea, backend=backend)))
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return {
        **percentiles(samples),
        "cpu": percentiles(cpu),
        "n": count,
        "mean_shown": round(statistics.mean(shown), 2),
    }


if __name__ == "__main__":
    main()
