"""The servers of the Elasticsearch backend's tests, named in the test ids with their engine and
version: osmem-server (an in-memory imitation of the OpenSearch API), OpenSearch 2.19.6 (a real
Lucene engine, see engines.py), and a real Elasticsearch when ELASTICSEARCH_URL is set."""

import os
import secrets
from importlib.metadata import version

from search.backends.elasticsearch import ElasticsearchBackend

from .engines import OPENSEARCH_VERSION, ElasticsearchOnOpenSearch

OSMEM = f"osmem-server-{version('osmem-server')}"
OPENSEARCH = f"opensearch-{OPENSEARCH_VERSION}"
ELASTICSEARCH = "elasticsearch-at-ELASTICSEARCH_URL"
SERVERS = [OSMEM, OPENSEARCH] + ([ELASTICSEARCH] if os.environ.get("ELASTICSEARCH_URL") else [])
ENGINES = ["embedded", *SERVERS]


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
