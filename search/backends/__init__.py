"""The configured search backend: setting SEARCH_BACKEND, "embedded" (default) or "elasticsearch"."""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from .base import SearchBackend

BACKENDS = {
    "embedded": "search.backends.embedded.EmbeddedBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}


@functools.cache
def get_backend() -> SearchBackend:
    """One backend per process: each keeps its open index or client connections."""
    name = getattr(settings, "SEARCH_BACKEND", "embedded")
    return import_string(BACKENDS[name])()


@receiver(setting_changed)
def _forget_backend(setting, **kwargs):
    if setting.startswith(("SEARCH_", "ELASTICSEARCH_")):
        get_backend.cache_clear()
