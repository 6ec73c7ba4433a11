from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The public search over pages (with their attachments), partners and showcased ideas."""

    name = "search"

    def ready(self):
        # indexing registers the outbox handler of "index" rows, in every process (the worker's too).
        from infra import health

        from . import attachments, indexing, signals  # noqa: F401
        from .backends import get_backend

        signals.connect()
        attachments.connect()
        health.register("search", lambda timeout: get_backend().ping(timeout))
