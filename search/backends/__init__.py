"""The configured search backend: setting SEARCH_BACKEND, "embedded" (default) or "elasticsearch".

The index has two parts, each an index of its own on the same engine: the public one ("") that
the search page, its API and its suggestions read, and the private one (`PRIVATE`) with every
idea, which only the back office's "similar ideas" reads (search/private.py). Being separate
indices, no query of the public search can reach a private document.
"""

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


PRIVATE = "private"


@functools.cache
def get_backend(part: str = "") -> SearchBackend:
    """One backend per part and process: each keeps its open index or client connections."""
    name = getattr(settings, "SEARCH_BACKEND", "embedded")
    return import_string(BACKENDS[name])(part=part)


@receiver(setting_changed)
def _forget_backend(setting, **kwargs):
    if setting.startswith(("SEARCH_", "ELASTICSEARCH_")):
        get_backend.cache_clear()
