from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    """The public site's look: templates and static files per theme, chosen per Site."""

    name = "themes"
    verbose_name = _("Themes")

    def ready(self):
        from infra import page_cache

        from .middleware import request_theme

        # The same address looks different in each theme.
        page_cache.key_parts.append(request_theme)
