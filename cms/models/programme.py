from django.utils.translation import gettext_lazy as _

from ..serving import public, specific_in_order
from .base import ContentPage


class StandardPage(ContentPage):
    """A programme page: about, funding, partners, contact and the like."""

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("programme page")
        verbose_name_plural = _("programme pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = specific_in_order(public(self.get_children().live()))
        return context
