"""The backends under the contract, named in the test ids with their engine and version:
embedded (tantivy); the Elasticsearch backend on osmem-server (an in-memory imitation of the
OpenSearch API), on OpenSearch 2.19.6 (a real Lucene engine, see engines.py), and on a real
Elasticsearch when ELASTICSEARCH_URL is set."""

import os
import secrets
from importlib.metadata import version

import pytest
from osmem_server import OsmemServer

from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.embedded import EmbeddedBackend
from tests.conftest import SiteTree

from .corpus import CORPUS
from .engines import OPENSEARCH_VERSION, ElasticsearchOnOpenSearch, opensearch_node  # noqa: F401
from .ideas import Pipeline

OSMEM = f"osmem-server-{version('osmem-server')}"
OPENSEARCH = f"opensearch-{OPENSEARCH_VERSION}"
ELASTICSEARCH = "elasticsearch-at-ELASTICSEARCH_URL"
SERVERS = [OSMEM, OPENSEARCH] + ([ELASTICSEARCH] if os.environ.get("ELASTICSEARCH_URL") else [])
ENGINES = ["embedded", *SERVERS]


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
    else:
        yield from served(request, request.param)


def served(request, engine: str):
    """The Elasticsearch backend on one of the SERVERS, under an alias of the test's own."""
    if engine == OSMEM:
        clone = request.getfixturevalue("osmem_clone")
        yield ElasticsearchBackend(clone.url, index="sis-test", compat_headers=False)
        return
    alias = f"sis-test-{secrets.token_hex(4)}"
    if engine == OPENSEARCH:
        server = ElasticsearchOnOpenSearch(request.getfixturevalue("opensearch_node").url, index=alias)
    else:
        server = ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"], index=alias)
    yield server
    server.client.indices.delete(index=f"{alias}-*", ignore_unavailable=True)


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
