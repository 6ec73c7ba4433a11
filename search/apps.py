from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The public search over resources, news, events and showcased ideas."""

    name = "search"

    def ready(self):
        # indexing registers the outbox handler of "index" rows, in every process (the worker's too).
        from . import indexing, signals  # noqa: F401

        signals.connect()
