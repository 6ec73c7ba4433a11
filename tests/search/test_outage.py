"""Elasticsearch down mid-run: publishing goes on, the outbox keeps what the index missed, and
once the server is back the database and the index agree again.

On each server: stopped with SIGSTOP (it accepts connections and never answers, as a hung node
does) and continued with SIGCONT; or killed with SIGKILL and started again on the same port.
osmem-server comes back empty, as an in-memory server does; OpenSearch comes back with what it
had acknowledged (its translog is written before it answers), as a real engine does.
"""

import os
import secrets
import signal
import socket

import pytest
from django.core.management import call_command
from osmem_server import OsmemServer

from cms.models import NewsPage
from infra.models import OutboxMessage
from search import indexing
from search.backends import BACKENDS, get_backend
from search.backends.base import SearchUnavailable
from tests.helpers import SiteTree, publish

from .servers import OPENSEARCH, OSMEM
from .test_indexing import due_now, fresh, news, pending

pytestmark = pytest.mark.django_db


def free_address() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{sock.getsockname()[1]}"


class Osmem:
    """A dedicated osmem-server of the test's own."""

    backend, timeout, remembers = "elasticsearch", 0.5, False

    def __init__(self, request):
        self.address = free_address()
        self.server = OsmemServer.start(japanese=False, addr=self.address)
        self.url = self.server.url
        request.addfinalizer(self.close)

    def hang(self):
        os.kill(self.server.pid, signal.SIGSTOP)

    def go_on(self):
        os.kill(self.server.pid, signal.SIGCONT)

    def kill(self):
        self.server.close()

    def restart(self):
        self.server = OsmemServer.start(japanese=False, addr=self.address)

    def close(self):
        self.go_on()
        self.server.close()


class OpenSearch:
    """The session's OpenSearch node, under an alias of the test's own. Creating an index and
    waiting for a refresh take longer than the rest, hence its longer timeout."""

    backend, timeout, remembers = "opensearch-test", 2, True

    def __init__(self, request):
        self.node = request.getfixturevalue("opensearch_node")
        self.url = self.node.url
        request.getfixturevalue("monkeypatch").setitem(
            BACKENDS, self.backend, "tests.search.engines.ElasticsearchOnOpenSearch"
        )
        self.hang, self.go_on, self.kill, self.restart = (
            self.node.pause,
            self.node.resume,
            self.node.kill,
            self.node.start,
        )


@pytest.fixture(params=[OSMEM, OPENSEARCH])
def server(request, settings):
    running = (Osmem if request.param == OSMEM else OpenSearch)(request)
    settings.SEARCH_BACKEND = running.backend
    settings.ELASTICSEARCH_URL = running.url
    settings.ELASTICSEARCH_INDEX = f"sis-outage-{secrets.token_hex(4)}"
    settings.ELASTICSEARCH_COMPAT_HEADERS = False
    settings.ELASTICSEARCH_TIMEOUT = running.timeout
    yield running
    running.go_on()
    if running.remembers:
        get_backend().client.indices.delete(index=f"{settings.ELASTICSEARCH_INDEX}-*")


@pytest.fixture
def site(server, django_capture_on_commit_callbacks) -> SiteTree:
    with django_capture_on_commit_callbacks(execute=True):
        tree = SiteTree()
    assert not indexing.differences()
    return tree


def changes_while_down(site, django_capture_on_commit_callbacks) -> NewsPage:
    """A publish, an unpublish and a delete, each of which must succeed."""
    with django_capture_on_commit_callbacks(execute=True):
        article = publish(news(site, "Cykelkök i Lund", "Ett kök för cyklar."))
        fresh(site.article).unpublish()
        fresh(site.resource).delete()
    assert NewsPage.objects.get(pk=article.pk).live
    assert len(pending()) >= 3
    assert all(row.last_error for row in pending())
    return article


def test_a_hung_server_fails_no_publish_and_the_outbox_catches_up(
    site, server, django_capture_on_commit_callbacks
):
    server.hang()
    changes_while_down(site, django_capture_on_commit_callbacks)
    with pytest.raises(SearchUnavailable):
        get_backend().status()

    # The server may yet carry out requests that it took in while stopped; the client never
    # heard back, so the rows stay pending, and applying them again is harmless.
    server.go_on()
    due_now()
    call_command("deliver_outbox")
    assert pending() == []
    assert not indexing.differences()


def test_a_killed_server_is_brought_up_to_date_by_the_outbox_and_update(
    site, server, django_capture_on_commit_callbacks
):
    server.kill()
    changes_while_down(site, django_capture_on_commit_callbacks)

    server.restart()
    get_backend.cache_clear()  # the old client remembers that the alias existed
    due_now()
    call_command("deliver_outbox")
    assert pending() == []
    # A real engine kept what it had acknowledged; an in-memory one lost it with its memory.
    assert bool(indexing.differences()) is not server.remembers
    call_command("search_index", "update", "--no-progress")
    assert not indexing.differences()
    assert OutboxMessage.objects.filter(done_at__isnull=True).count() == 0
