"""The backends under the contract: embedded (tantivy), osmem-server (an in-memory
OpenSearch-compatible server), and a real Elasticsearch when ELASTICSEARCH_URL is set."""

import os
import secrets

import pytest
from osmem_server import OsmemServer

from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.embedded import EmbeddedBackend
from tests.conftest import SiteTree

from .corpus import CORPUS
from .ideas import Pipeline

ENGINES = ["embedded", "osmem"] + (["elasticsearch"] if os.environ.get("ELASTICSEARCH_URL") else [])


@pytest.fixture(scope="session")
def osmem_server():
    """The plugin's server without its Japanese analysis, which nothing here uses."""
    server = OsmemServer.start(japanese=False)
    yield server
    server.close()


@pytest.fixture(params=ENGINES)
def backend(request, tmp_path):
    if request.param == "embedded":
        yield EmbeddedBackend(tmp_path / "index", lock_timeout=5)
    elif request.param == "osmem":
        clone = request.getfixturevalue("osmem_clone")
        yield ElasticsearchBackend(clone.url, index="sis-test", compat_headers=False)
    else:
        alias = f"sis-test-{secrets.token_hex(4)}"
        real = ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"], index=alias)
        yield real
        real.client.indices.delete(index=f"{alias}-*", ignore_unavailable=True)


@pytest.fixture
def indexed(backend):
    """The backend with the contract's corpus in it."""
    backend.index(CORPUS)
    return backend


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    """The configured backend: an embedded index of the test's own, and writers that give up soon."""
    settings.SEARCH_BACKEND = "embedded"
    settings.SEARCH_INDEX_DIR = tmp_path / "site-index"
    settings.SEARCH_LOCK_TIMEOUT = 0.2


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Runs what the code under it leaves for after commit (the outbox deliveries) at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def site(after_commit) -> SiteTree:
    """The test site, indexed through the outbox as its pages were published."""
    with after_commit():
        return SiteTree()


@pytest.fixture
def pipeline(db) -> Pipeline:
    """Reviewers and a way to take ideas to any stage through the pipeline's actions."""
    return Pipeline.with_cast()
