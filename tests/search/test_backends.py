"""The configured backend comes from settings."""

from search.backends import get_backend
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.embedded import EmbeddedBackend


def test_the_embedded_backend_is_the_default_in_search_index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    backend = get_backend()
    assert isinstance(backend, EmbeddedBackend)
    assert backend.store.root == tmp_path / "index"
    assert get_backend() is backend


def test_elasticsearch_is_chosen_by_setting(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
    settings.ELASTICSEARCH_INDEX = "sis-other"
    backend = get_backend()
    assert isinstance(backend, ElasticsearchBackend)
    assert backend.alias == "sis-other"
