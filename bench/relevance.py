"""hits@3 of the Swedish relevance set (bench/relevance_set.py) on both backends.

Run against a database with the demo loaded, e.g.:

    rm -f /tmp/rel.sqlite3
    DATABASE_URL=sqlite:////tmp/rel.sqlite3 .venv/bin/python manage.py migrate -v0
    DATABASE_URL=sqlite:////tmp/rel.sqlite3 SEARCH_INDEX_DIR=/tmp/rel-index \
        .venv/bin/python manage.py load_demo
    DATABASE_URL=sqlite:////tmp/rel.sqlite3 .venv/bin/python bench/relevance.py [--verbose]

The documents are built from the database once and indexed into a fresh embedded index, a
fresh osmem-server (in-memory OpenSearch-compatible) index and an OpenSearch 2.19.6 node (the
tests' node and transport, tests/search/engines.py; it needs Java 17 and Maven); each query runs
as the search page runs it (no filters, relevance order).
"""

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django

django.setup()

from osmem_server import OsmemServer  # noqa: E402

from bench.relevance_set import QUERIES  # noqa: E402
from search.backends.elasticsearch import ElasticsearchBackend  # noqa: E402
from search.backends.embedded import EmbeddedBackend  # noqa: E402
from search.documents import all_documents  # noqa: E402
from search.query import SearchQuery  # noqa: E402
from tests.search.engines import OPENSEARCH_VERSION, ElasticsearchOnOpenSearch, OpenSearchNode  # noqa: E402


def hits_at_3(backend, verbose: bool) -> tuple[int, int]:
    found = 0
    for text, wanted in QUERIES:
        top = [hit.url for hit in backend.search(SearchQuery(text=text, language="sv", per_page=3)).hits]
        hit = any(url in wanted for url in top)
        found += hit
        if verbose and not hit:
            print(f"  miss: {text!r}: got {top}, wanted one of {wanted}")
    return found, len(QUERIES)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="List the queries that missed.")
    args = parser.parse_args()
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    documents = list(all_documents())
    print(f"{len(documents)} documents, {len(QUERIES)} queries")
    with tempfile.TemporaryDirectory() as directory, OsmemServer.start(japanese=False) as server:
        node = OpenSearchNode(Path(directory) / "opensearch").start()
        backends = {
            "embedded (tantivy 0.27)": EmbeddedBackend(Path(directory) / "index"),
            "elasticsearch backend on osmem-server 0.1.6": ElasticsearchBackend(
                server.url, index="relevance", compat_headers=False
            ),
            f"elasticsearch backend on OpenSearch {OPENSEARCH_VERSION}": ElasticsearchOnOpenSearch(
                node.url, index="relevance"
            ),
        }
        try:
            for name, backend in backends.items():
                backend.rebuild(documents)
                found, total = hits_at_3(backend, args.verbose)
                print(f"{name}: hits@3 = {found}/{total} = {found / total:.0%}")
        finally:
            node.stop()


if __name__ == "__main__":
    main()
