"""The search engine in /healthz: every backend answers a ping; the configured one's failure,
a hung or killed server or an index that cannot be opened, fails the check by name, quickly."""

import time

import pytest

from .corpus import CORPUS
from .test_outage import server  # noqa: F401 (a server of the test's own, to hang and kill)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick(settings):
    settings.HEALTHZ_TIMEOUT = 0.5


def probe(client):
    started = time.monotonic()
    response = client.get("/healthz")
    return response, response.json(), time.monotonic() - started


def test_every_backend_answers_a_ping_with_its_number_of_documents(indexed):
    assert indexed.ping(1) == f"{len(CORPUS)} documents"


def test_the_embedded_index_answers_before_anything_is_indexed(client):
    response, body, _ = probe(client)

    assert response.status_code == 200
    assert body["checks"]["search"]["ok"]
    assert body["checks"]["search"]["detail"] == "0 documents"


def test_an_embedded_index_that_cannot_be_opened_fails_the_search_check(client, settings):
    generation = settings.SEARCH_INDEX_DIR / "20260101T000000-broken"
    generation.mkdir(parents=True)
    (generation / "meta.json").write_text("{ not an index")
    (settings.SEARCH_INDEX_DIR / "CURRENT").write_text(generation.name)

    response, body, _ = probe(client)

    assert response.status_code == 503
    assert body["failing"] == ["search"]


def test_a_search_server_that_hangs_or_dies_fails_the_search_check_until_it_is_back(client, server):  # noqa: F811
    response, body, _ = probe(client)
    assert response.status_code == 200
    assert body["checks"]["search"]["detail"] == "0 documents"

    server.hang()
    response, body, took = probe(client)
    assert response.status_code == 503
    assert body["failing"] == ["search"]
    assert took < 1.5

    server.go_on()
    server.kill()
    response, body, took = probe(client)
    assert response.status_code == 503
    assert body["failing"] == ["search"]
    assert took < 1.5

    server.restart()
    response, _, _ = probe(client)
    assert response.status_code == 200
