"""The backends under the contract, named in the test ids with their engine and version:
embedded (tantivy); the Elasticsearch backend on osmem-server (an in-memory imitation of the
OpenSearch API), on OpenSearch 2.19.6 (a real Lucene engine, see engines.py), and on a real
Elasticsearch when ELASTICSEARCH_URL is set."""

import pytest
from osmem_server import OsmemServer

from search.backends.embedded import EmbeddedBackend
from tests.helpers import SiteTree

from .corpus import CORPUS
from .engines import opensearch_node  # noqa: F401
from .ideas import Pipeline
from .servers import ENGINES, served


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
