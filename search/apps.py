from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The public search over resources, news, events and showcased ideas."""

    name = "search"

    def ready(self):
        from .pages import register_pages

        register_pages()
