"""`/healthz`: whether this app server and the services it needs answer, for a load balancer.

A middleware placed first in MIDDLEWARE answers it, before anything reads the request's host or
redirects: a load balancer probes each server by its address (a Host that ALLOWED_HOSTS refuses),
over plain HTTP (which SECURE_SSL_REDIRECT would redirect) and without a language prefix. The
answer depends on no host, sets no cookie, reads no session and holds no personal data, so
skipping those steps is safe. 200 when every check passes, 503 otherwise, the same JSON both
times; `Cache-Control: no-store`, so no cache in between keeps an old answer.

Checks are registered by name. Infra registers the database, the cache, the outbox and the task
queue; apps above register theirs in their AppConfig.ready (search: its engine), so infra
imports none of them. A check takes the time it may use and returns a short, impersonal detail,
or raises `Unhealthy` (or anything else: only the exception's class is shown, the full error
goes to the log). Each check is bounded by HEALTHZ_TIMEOUT: the others run in threads that the
answer stops waiting for, the database's run in the request (they share its connection) under a
statement timeout on PostgreSQL.
"""

import contextlib
import dataclasses
import logging
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import Case, F, Min, When
from django.db.models.functions import Greatest
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import OutboxMessage

logger = logging.getLogger(__name__)

PATH = "/healthz"


class Unhealthy(Exception):
    """A check's service answered, but not well; the message says how (no personal data)."""


@dataclasses.dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[float], str]
    database: bool


_checks: dict[str, Check] = {}


def register(name: str, run: Callable[[float], str], *, database: bool = False) -> None:
    """Add (or replace) the check `name`: `run(timeout)` returns a short detail or raises.
    `database=True` runs it in the request, on its connection, under the statement timeout."""
    _checks[name] = Check(name, run, database)


@dataclasses.dataclass(frozen=True)
class Result:
    ok: bool
    detail: str
    ms: float


def _result(check: Check, timeout: float) -> Result:
    started = time.perf_counter()
    # Inside a transaction, a savepoint keeps one failed check from spoiling the next.
    savepoint = check.database and connection.in_atomic_block
    try:
        with transaction.atomic() if savepoint else contextlib.nullcontext():
            detail, ok = check.run(timeout), True
    except Unhealthy as unhealthy:
        detail, ok = str(unhealthy), False
    except Exception as error:  # the service failed: show its kind, log the details
        logger.warning("Health check %s failed", check.name, exc_info=True)
        detail, ok = type(error).__name__, False
    return Result(ok, detail, round((time.perf_counter() - started) * 1000, 1))


def _in_thread(check: Check, timeout: float) -> Result:
    try:
        return _result(check, timeout)
    finally:
        connections.close_all()  # this thread's own, should a check have opened one


@contextlib.contextmanager
def _statement_timeout(timeout: float):
    """On PostgreSQL one transaction whose statements give up after `timeout`; SQLite's readers
    never wait (WAL), and a transaction there would take the write lock."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = %s", [max(1, int(timeout * 1000))])
        yield


def _database_results(checks: list[Check], timeout: float) -> dict[str, Result]:
    results = {}
    try:
        with _statement_timeout(timeout):
            for check in checks:
                results[check.name] = _result(check, timeout)
    except DatabaseError as error:  # no connection at all
        logger.warning("Health check: the database cannot be reached", exc_info=True)
        failed = Result(False, type(error).__name__, 0.0)
        results = {check.name: results.get(check.name, failed) for check in checks}
    return results


def run_checks() -> dict[str, Result]:
    """Every registered check's result, in registration order, within about HEALTHZ_TIMEOUT."""
    timeout = settings.HEALTHZ_TIMEOUT
    threaded = [check for check in _checks.values() if not check.database]
    pool = ThreadPoolExecutor(max_workers=max(1, len(threaded)), thread_name_prefix="healthz")
    started = time.monotonic()
    futures = {check.name: pool.submit(_in_thread, check, timeout) for check in threaded}
    results = _database_results([check for check in _checks.values() if check.database], timeout)
    for name, future in futures.items():
        try:
            results[name] = future.result(timeout=max(0.0, timeout - (time.monotonic() - started)))
        except FutureTimeout:
            results[name] = Result(False, f"no answer within {timeout:g} s", round(timeout * 1000, 1))
    # A hung check's thread is left to its service's own timeout; the answer does not wait for it.
    pool.shutdown(wait=False, cancel_futures=True)
    return {name: results[name] for name in _checks}


def health_response(results: dict[str, Result]) -> JsonResponse:
    failing = [name for name, result in results.items() if not result.ok]
    body = {
        "status": "failing" if failing else "ok",
        "failing": failing,
        "checks": {name: dataclasses.asdict(result) for name, result in results.items()},
    }
    response = JsonResponse(body, status=503 if failing else 200)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers GET and HEAD /healthz before the rest of the stack; first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return health_response(run_checks())


# Infra's own checks.


def database(timeout: float) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def shared_cache(timeout: float) -> str:
    # A key of this probe's own: probes of several servers at once never read each other's.
    configured = caches["default"]
    # The optional Redis cache hides an outage from the pages; the probe must see it.
    cache = getattr(configured, "strict", configured)
    key, token = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, token, timeout=10)
    if cache.get(key) != token:
        raise Unhealthy("a value written was not read back")
    return type(configured).__name__


def outbox_backlog(timeout: float) -> str:
    limit = settings.HEALTHZ_OUTBOX_LIMIT
    # Counted no further than the limit: a large backlog costs no more than a small one.
    waiting = OutboxMessage.objects.filter(done_at__isnull=True)[: limit + 1].count()
    if waiting > limit:
        raise Unhealthy(f"more than {limit} messages waiting")
    return f"{waiting} waiting"


def task_queue(timeout: float) -> str:
    """The oldest task a worker could run now: a worker that died, or hangs while its process
    lives on, leaves it waiting."""
    backends = [backend.alias for backend in task_backends.all() if isinstance(backend, DatabaseBackend)]
    if not backends:
        return "no database task backend"
    due = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")), default=Greatest("enqueued_at", "run_after")
    )
    oldest = DBTaskResult.objects.ready().filter(backend_name__in=backends).aggregate(due=Min(due))["due"]
    if oldest is None:
        return "nothing waiting"
    age = (timezone.now() - oldest).total_seconds()
    limit = settings.HEALTHZ_QUEUE_MAX_AGE
    if age > limit:
        raise Unhealthy(f"a task has waited {age:.0f} s (limit {limit:g} s)")
    return f"oldest waiting {age:.0f} s"


register("database", database, database=True)
register("cache", shared_cache)
register("outbox", outbox_backlog, database=True)
register("task_queue", task_queue, database=True)
