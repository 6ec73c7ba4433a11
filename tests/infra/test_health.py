"""/healthz: 200 when the database, the cache, the search engine and the task queue answer and
nothing piles up; 503 naming what is wrong otherwise, in the same shape, and always quickly.

Each failure is a real one: a database that is not there, a cache on a closed port, a Redis
server stopped or killed, an outbox backlog, a task nobody ran. (The search engine's own cases
are in tests/search/test_health.py.)"""

import datetime
import os
import signal
import subprocess
import time

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from infra.models import OutboxMessage
from infra.outbox import deliver_outbox

pytestmark = pytest.mark.django_db

#: Ports of this project's health tests: nothing listens on CLOSED, REDIS_PORT is a test's Redis.
CLOSED, REDIS_PORT = 8661, 8663
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def redis_cache(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "infra.cache.OptionalRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }


def probe(client, **headers):
    response = client.get("/healthz", **headers)
    return response, response.json()


@pytest.fixture(autouse=True)
def quick(settings):
    settings.HEALTHZ_TIMEOUT = 0.5


def test_a_well_server_answers_200_naming_every_check(client):
    response, body = probe(client)

    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert list(body["checks"]) == ["database", "cache", "outbox", "task_queue", "search"]
    assert all(check["ok"] for check in body["checks"].values())
    assert response["Content-Type"] == "application/json"


def test_the_answer_is_never_stored_and_sets_no_cookie(client):
    response, _ = probe(client)

    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_the_answer_holds_nothing_personal(client, screener):
    client.force_login(screener)
    OutboxMessage.objects.create(kind="email", payload={"to": ["ada@example.org"], "subject": "Ada Lovelace"})

    response, _ = probe(client)

    assert response.status_code == 200
    assert b"@" not in response.content
    assert b"Ada" not in response.content
    assert screener.username.encode() not in response.content


def test_a_load_balancer_probing_by_address_over_http_is_answered(client, settings):
    settings.ALLOWED_HOSTS = ["sis.example.org"]
    settings.SECURE_SSL_REDIRECT = True

    response, _ = probe(client, HTTP_HOST="10.0.0.7")

    assert response.status_code == 200
    # Every other path still refuses the unknown host.
    assert client.get("/", HTTP_HOST="10.0.0.7").status_code == 400


def test_the_check_needs_no_language_prefix_and_no_sign_in(client):
    response, _ = probe(client, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200


def test_only_get_and_head_are_answered(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_the_database_checks_run_a_small_fixed_number_of_queries(client, settings):
    settings.TASKS = DATABASE_TASKS
    with CaptureQueriesContext(connection) as captured:
        response, _ = probe(client)

    assert response.status_code == 200
    # One query per database check (and, on PostgreSQL, the statement timeout), besides the
    # savepoints that keep the checks apart inside a transaction.
    statements = [query["sql"] for query in captured if "SAVEPOINT" not in query["sql"]]
    assert len(statements) == 3 + (connection.vendor == "postgresql")


@pytest.fixture
def database_not_there():
    """For the test's request, a default connection to a database that is not there; the tests'
    own connection comes back afterwards, its transaction untouched."""
    broken = connections.create_connection("default")
    where = {"NAME": "/nonexistent/healthz.sqlite3"} if broken.vendor == "sqlite" else {"PORT": str(CLOSED)}
    broken.settings_dict = {**broken.settings_dict, **where}
    ours, connections["default"] = connections["default"], broken
    yield
    connections["default"] = ours
    broken.close()


@pytest.mark.usefixtures("database_not_there")
def test_a_database_that_does_not_answer_fails_what_lives_in_it(client, settings):
    settings.TASKS = DATABASE_TASKS
    response, body = probe(client)

    assert response.status_code == 503
    assert body["status"] == "failing"
    assert body["failing"] == ["database", "outbox", "task_queue"]
    assert body["checks"]["database"]["detail"] == "OperationalError"


def test_a_cache_on_a_closed_port_fails_the_cache(client, settings):
    settings.CACHES = redis_cache(CLOSED)
    settings.HEALTHZ_TIMEOUT = 5  # a refusal is immediate: the detail must be the refusal's

    response, body = probe(client)

    assert response.status_code == 503
    assert body["failing"] == ["cache"]
    assert body["checks"]["cache"]["detail"] == "ConnectionError"


@pytest.fixture
def redis_server(tmp_path):
    """A Redis of the test's own, without persistence."""
    process = subprocess.Popen(
        ["/usr/bin/redis-server", "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        if subprocess.run(["/usr/bin/redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True).stdout:
            break
        time.sleep(0.05)
    yield process
    process.send_signal(signal.SIGCONT)
    process.kill()
    process.wait()


def test_a_redis_that_hangs_or_dies_fails_the_cache_within_the_timeout(client, settings, redis_server):
    settings.CACHES = redis_cache(REDIS_PORT)
    response, _ = probe(client)
    assert response.status_code == 200

    os.kill(redis_server.pid, signal.SIGSTOP)  # accepts connections, never answers
    started = time.monotonic()
    response, body = probe(client)
    took = time.monotonic() - started

    assert response.status_code == 503
    assert body["failing"] == ["cache"]
    assert body["checks"]["cache"]["detail"] == "no answer within 0.5 s"
    assert took < 1.5

    redis_server.kill()
    redis_server.wait()
    response, body = probe(client)
    assert response.status_code == 503
    assert body["failing"] == ["cache"]


def test_an_outbox_backlog_over_the_limit_fails_the_outbox(client, settings):
    settings.HEALTHZ_OUTBOX_LIMIT = 3
    OutboxMessage.objects.bulk_create(OutboxMessage(kind="email") for _ in range(3))
    OutboxMessage.objects.create(kind="email", done_at=timezone.now())  # delivered: not waiting

    response, body = probe(client)
    assert response.status_code == 200
    assert body["checks"]["outbox"]["detail"] == "3 waiting"

    OutboxMessage.objects.create(kind="email")
    response, body = probe(client)
    assert response.status_code == 503
    assert body["failing"] == ["outbox"]
    assert body["checks"]["outbox"]["detail"] == "more than 3 messages waiting"


def test_a_task_nobody_ran_fails_the_queue_until_a_worker_runs_it(client, settings, monkeypatch):
    settings.TASKS = DATABASE_TASKS
    settings.HEALTHZ_QUEUE_MAX_AGE = 120
    result = deliver_outbox.enqueue([])
    response, body = probe(client)
    assert response.status_code == 200
    assert body["checks"]["task_queue"]["detail"] == "oldest waiting 0 s"

    # As if the worker had died (or hung with its process alive) five minutes ago.
    five_minutes_ago = timezone.now() - datetime.timedelta(minutes=5)
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=five_minutes_ago)
    response, body = probe(client)
    assert response.status_code == 503
    assert body["failing"] == ["task_queue"]
    assert body["checks"]["task_queue"]["detail"] == "a task has waited 300 s (limit 120 s)"

    # The worker closes stale connections between tasks; here that one holds the test's transaction.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda **kwargs: None
    )
    call_command("db_worker", batch=True, interval=0, verbosity=0)
    response, body = probe(client)
    assert response.status_code == 200
    assert body["checks"]["task_queue"]["detail"] == "nothing waiting"
