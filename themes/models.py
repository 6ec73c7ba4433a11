from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from .registry import DEFAULT_THEME, available_themes


def theme_choices():
    return [(name, name.capitalize()) for name in available_themes()]


@register_setting(icon="view")
class ThemeSettings(BaseSiteSetting):
    """The public site's theme, chosen per Wagtail Site in Settings → Theme."""

    theme = models.CharField(
        _("theme"),
        max_length=50,
        default=DEFAULT_THEME,
        choices=theme_choices,
        help_text=_("The look of the public site. Each theme is a folder under themes/."),
    )

    panels = [FieldPanel("theme")]

    class Meta:
        verbose_name = _("theme")

    @staticmethod
    def cache_key(site_id: int) -> str:
        return f"themes:site:{site_id}"

    @classmethod
    def theme_for_request(cls, request) -> str:
        # Every request asks for this: cached, cleared on save (and at most 5 minutes stale
        # in another process whose local-memory cache the save cannot reach).
        site = Site.find_for_request(request)
        if site is None:
            return DEFAULT_THEME
        key = cls.cache_key(site.pk)
        theme = cache.get(key)
        if theme is None:
            theme = cls.for_site(site).theme
            cache.set(key, theme, 300)
        return theme

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self.cache_key(self.site_id))
