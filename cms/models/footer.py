from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="mail")
class FooterSettings(BaseSiteSetting):
    """What every page's footer says besides its links: whom to contact, the accessibility
    statement that Swedish law asks of a publicly funded site, and the EU emblem for a programme
    the European Regional Development Fund co-finances (its publicity rules ask for both)."""

    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page that says how accessible the site is and how to report a barrier."),
    )
    co_financed_by_erdf = models.BooleanField(
        _("co-financed by the European Regional Development Fund"),
        default=False,
        help_text=_("Shows the EU emblem with the words the fund's publicity rules ask for."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("postal_address")],
            heading=_("Contact"),
        ),
        FieldPanel("accessibility_statement"),
        FieldPanel("co_financed_by_erdf"),
    ]

    class Meta:
        verbose_name = _("footer")
