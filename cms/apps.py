from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The programme's public content: pages, snippets and taxonomies in Wagtail."""

    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        from infra.page_cache_tags import watch_models

        from .models import ChallengeArea, Municipality, Partner
        from .search_documents import register_pages
        from .workflow_names import translate_default_names

        register_pages()
        translate_default_names()
        watch_models(Partner, ChallengeArea, Municipality)
