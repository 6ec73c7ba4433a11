"""Elasticsearch down mid-run: publishing goes on, the outbox keeps what the index missed, and
once the server is back the database and the index agree again.

The server here is a dedicated osmem-server: stopped with SIGSTOP (it accepts connections and
never answers, as a hung node does) and continued with SIGCONT; or killed and started again on
the same port, empty, as an in-memory server comes back.
"""

import os
import signal
import socket

import pytest
from django.core.management import call_command
from osmem_server import OsmemServer

from cms.models import NewsPage, OutboxMessage
from search import indexing
from search.backends import get_backend
from search.backends.base import SearchUnavailable
from tests.conftest import SiteTree, publish

from .test_indexing import due_now, fresh, news, pending

pytestmark = pytest.mark.django_db


def free_address() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def server(settings):
    address = free_address()
    running = OsmemServer.start(japanese=False, addr=address)
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = running.url
    settings.ELASTICSEARCH_INDEX = "sis-outage"
    settings.ELASTICSEARCH_COMPAT_HEADERS = False
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    box = {"server": running, "address": address}
    yield box
    os.kill(box["server"].pid, signal.SIGCONT)
    box["server"].close()


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
    assert len(pending()) >= 3 and all(row.last_error for row in pending())
    return article


def test_a_hung_server_fails_no_publish_and_the_outbox_catches_up(
    site, server, django_capture_on_commit_callbacks
):
    os.kill(server["server"].pid, signal.SIGSTOP)
    changes_while_down(site, django_capture_on_commit_callbacks)
    with pytest.raises(SearchUnavailable):
        get_backend().status()

    # The server may yet carry out requests that it took in while stopped; the client never
    # heard back, so the rows stay pending, and applying them again is harmless.
    os.kill(server["server"].pid, signal.SIGCONT)
    due_now()
    call_command("deliver_outbox")
    assert pending() == []
    assert not indexing.differences()


def test_a_restarted_empty_server_is_refilled_by_update_and_the_outbox(
    site, server, django_capture_on_commit_callbacks
):
    server["server"].close()
    changes_while_down(site, django_capture_on_commit_callbacks)

    server["server"] = OsmemServer.start(japanese=False, addr=server["address"])
    get_backend.cache_clear()  # the old client remembers that the alias existed
    due_now()
    call_command("deliver_outbox")
    assert pending() == []
    assert indexing.differences()  # what was indexed before the restart is gone with its memory
    call_command("search_index", "update", "--no-progress")
    assert not indexing.differences()
    assert OutboxMessage.objects.filter(done_at__isnull=True).count() == 0
