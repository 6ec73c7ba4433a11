"""The Elasticsearch backend's own promises, on each server (osmem-server, OpenSearch 2.19.6, and
Elasticsearch when ELASTICSEARCH_URL is set): its analyzers match the embedded ones, it swaps
aliases, and it fails clearly when the server refuses or cannot be reached."""

import pytest

from search.analysis import ANALYZERS
from search.backends.base import SearchError, SearchUnavailable
from search.backends.elasticsearch import ElasticsearchBackend
from search.query import SearchQuery

from .corpus import CORPUS
from .engines import ElasticsearchOnOpenSearch
from .servers import SERVERS, served

WORDS = [
    "Cyklar",
    "cykeln",
    "Arbetsmarknaden",
    "ungdomsarbetslösheten",
    "Malmö",
    "kören",
    "innovations",
    "Cycling",
]


@pytest.fixture(params=SERVERS)
def server(request):
    yield from served(request, request.param)


def test_the_servers_analyzers_make_the_same_terms_as_the_embedded_ones(server):
    server.index(CORPUS[:1])
    for name, analyzer in ANALYZERS.items():
        made = server.client.indices.analyze(index=server.alias, analyzer=name, text=" ".join(WORDS))
        assert [token["token"] for token in made["tokens"]] == analyzer.analyze(" ".join(WORDS)), name


def test_the_index_has_explicit_strict_mappings(server):
    server.index(CORPUS[:1])
    (mapping,) = server.client.indices.get_mapping(index=server.alias).values()
    assert mapping["mappings"]["dynamic"] in ("strict", False, "false")
    assert mapping["mappings"]["properties"]["exact"]["fields"]["folded"]["analyzer"] == "folded"
    assert mapping["mappings"]["properties"]["municipality"]["type"] == "keyword"


def test_a_rebuild_moves_the_alias_and_keeps_only_the_previous_index(server):
    server.index(CORPUS)
    names = []
    for _ in range(3):
        server.rebuild(CORPUS)
        names.append(server.status().name)
    assert list(server.client.indices.get_alias(name=server.alias)) == [names[-1]]
    assert sorted(server.client.indices.get(index=f"{server.alias}-*")) == sorted(names[-2:])


def test_servers_that_refuse_the_compatibility_headers_need_the_option(osmem_clone):
    strict = ElasticsearchBackend(osmem_clone.url, index="sis-test", compat_headers=True)
    with pytest.raises(SearchError):
        strict.index(CORPUS)


def test_the_elasticsearch_client_refuses_opensearch_outside_the_tests_transport(opensearch_node):
    """OpenSearch answers 406 to Elastic's compatibility media type, and the client refuses its
    answers to plain JSON for want of `X-Elastic-Product: Elasticsearch`."""
    for compat_headers in (True, False):
        plain = ElasticsearchBackend(opensearch_node.url, index="sis-refused", compat_headers=compat_headers)
        with pytest.raises(SearchError):
            plain.index(CORPUS[:1])
    # The refused answer came after the server had made the first index.
    ElasticsearchOnOpenSearch(opensearch_node.url).client.indices.delete(index="sis-refused-*")


def test_an_unreachable_server_is_reported_as_unavailable():
    nowhere = ElasticsearchBackend("http://127.0.0.1:9", index="sis-test", timeout=1)
    for call in (
        lambda: nowhere.search(SearchQuery(text="cykel")),
        lambda: nowhere.index(CORPUS),
        nowhere.status,
        lambda: nowhere.suggest("cy"),
    ):
        with pytest.raises(SearchUnavailable):
            call()


def test_writes_are_refused_rather_than_creating_an_unmapped_index_when_the_alias_is_gone(server):
    server.index(CORPUS[:1])
    (name,) = server.client.indices.get_alias(name=server.alias)
    server.client.indices.delete_alias(index=name, name=server.alias)
    with pytest.raises(SearchError):
        server.index(CORPUS[1:2])
    assert not server.client.indices.exists(index=server.alias)


def test_a_failed_rebuild_leaves_no_index_behind(server):
    server.index(CORPUS)

    def failing():
        yield CORPUS[0]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        server.rebuild(failing())
    assert list(server.client.indices.get(index=f"{server.alias}-*")) == [server.status().name]
