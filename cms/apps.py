from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The programme's public content: pages, snippets and taxonomies in Wagtail."""

    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        from infra.page_cache_tags import watch_models
        from infra.sites import watch_chrome

        from .models import ChallengeArea, FooterSettings, Municipality, Partner, PrivacySettings
        from .search_documents import register_pages
        from .workflow_names import translate_default_names

        register_pages()
        translate_default_names()
        watch_models(Partner, ChallengeArea, Municipality)
        # The footer, drawn from the chrome cache on every page, shows these.
        watch_chrome(Partner, FooterSettings, PrivacySettings)
