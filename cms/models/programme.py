from django.utils.translation import gettext_lazy as _

from .base import ContentPage


class StandardPage(ContentPage):
    """A programme page: about, funding, partners, contact and the like."""

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("programme page")
        verbose_name_plural = _("programme pages")
