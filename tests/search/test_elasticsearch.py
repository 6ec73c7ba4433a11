"""The Elasticsearch backend's own promises: its analyzers match the embedded ones, it swaps
aliases, and it fails clearly when the server refuses or cannot be reached."""

import pytest

from search.analysis import ANALYZERS
from search.backends.base import SearchError, SearchUnavailable
from search.backends.elasticsearch import ElasticsearchBackend
from search.query import SearchQuery

from .corpus import CORPUS

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


@pytest.fixture
def osmem(osmem_clone):
    return ElasticsearchBackend(osmem_clone.url, index="sis-test", compat_headers=False)


def test_the_servers_analyzers_make_the_same_terms_as_the_embedded_ones(osmem):
    osmem.index(CORPUS[:1])
    for name, analyzer in ANALYZERS.items():
        served = osmem.client.indices.analyze(index="sis-test", analyzer=name, text=" ".join(WORDS))
        assert [token["token"] for token in served["tokens"]] == analyzer.analyze(" ".join(WORDS)), name


def test_the_index_has_explicit_strict_mappings(osmem):
    osmem.index(CORPUS[:1])
    (mapping,) = osmem.client.indices.get_mapping(index="sis-test").values()
    assert mapping["mappings"]["dynamic"] in ("strict", False, "false")
    assert mapping["mappings"]["properties"]["exact"]["fields"]["folded"]["analyzer"] == "folded"
    assert mapping["mappings"]["properties"]["municipality"]["type"] == "keyword"


def test_a_rebuild_moves_the_alias_and_keeps_only_the_previous_index(osmem):
    osmem.index(CORPUS)
    names = []
    for _ in range(3):
        osmem.rebuild(CORPUS)
        names.append(osmem.status().name)
    assert list(osmem.client.indices.get_alias(name="sis-test")) == [names[-1]]
    assert sorted(osmem.client.indices.get(index="sis-test-*")) == sorted(names[-2:])


def test_servers_that_refuse_the_compatibility_headers_need_the_option(osmem_clone):
    strict = ElasticsearchBackend(osmem_clone.url, index="sis-test", compat_headers=True)
    with pytest.raises(SearchError):
        strict.index(CORPUS)


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


def test_writes_are_refused_rather_than_creating_an_unmapped_index_when_the_alias_is_gone(osmem):
    osmem.index(CORPUS[:1])
    (name,) = osmem.client.indices.get_alias(name="sis-test")
    osmem.client.indices.delete_alias(index=name, name="sis-test")
    with pytest.raises(SearchError):
        osmem.index(CORPUS[1:2])
    assert not osmem.client.indices.exists(index="sis-test")


def test_a_failed_rebuild_leaves_no_index_behind(osmem):
    osmem.index(CORPUS)

    def failing():
        yield CORPUS[0]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        osmem.rebuild(failing())
    assert list(osmem.client.indices.get(index="sis-test-*")) == [osmem.status().name]
