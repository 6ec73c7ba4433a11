from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="lock")
class PrivacySettings(BaseSiteSetting):
    """Which page is the site's privacy notice: every consent box of the public forms links to it,
    in the visitor's language when the page has a translation."""

    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page that says what personal data is kept, why and for how long."),
    )

    panels = [FieldPanel("privacy_notice")]

    class Meta:
        verbose_name = _("privacy notice")
