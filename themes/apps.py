from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    """The public site's look: templates and static files per theme, chosen per Site."""

    name = "themes"
    verbose_name = _("Themes")
