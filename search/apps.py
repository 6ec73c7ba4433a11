from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The public search over resources, news, events and showcased ideas."""

    name = "search"

    def ready(self):
        # indexing registers the outbox handler of "index" rows, in every process (the worker's too).
        from infra import health

        from . import indexing, signals  # noqa: F401
        from .backends import get_backend

        signals.connect()
        health.register("search", lambda timeout: get_backend().ping(timeout))
