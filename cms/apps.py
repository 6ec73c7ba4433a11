from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The programme's public content: pages, snippets and taxonomies in Wagtail."""

    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        # Registers the outbox's own handlers ("email") in every process, worker included.
        from . import outbox  # noqa: F401
        from .search_documents import register_pages
        from .site_address import default_site_follows_base_url
        from .templatetags import site_tags  # noqa: F401  (the cached site header's invalidation)

        register_pages()

        post_migrate.connect(default_site_follows_base_url, sender=self)
