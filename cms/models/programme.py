from django.utils.translation import gettext_lazy as _

from infra import fragment_cache, page_cache

from ..serving import public
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
        context["children"] = fragment_cache.cached(request, "children", self.pk, self._children)
        return context

    def _children(self) -> list[int]:
        page_cache.shows(f"children:{self.path}")
        return list(public(self.get_children().live()).values_list("pk", flat=True))
