"""What the programme's page types share."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework.relations import SlugRelatedField
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from infra import fragment_cache, page_cache

from ..blocks import BaseStreamBlock
from ..serving import CachedViewRestrictions


class ContentPage(CachedViewRestrictions, Page):
    """A page with a lead, an image and a StreamField body."""

    lead = models.TextField(_("lead"), blank=True, help_text=_("One or two sentences shown in listings."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # An image is shared by a page and its translations; what it shows is said in each page's language.
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, in this page's language, for people who cannot see it. "
            "Empty: the image's own description."
        ),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    api_fields = [
        APIField("lead"),
        APIField("image", serializer=ImageRenditionField("fill-1200x630")),
        APIField("body"),
    ]

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        return self.search_description or self.lead

    @property
    def image_description(self) -> str:
        """What the image shows, in this page's language: the page's own words, else the image's."""
        return self.image_alt or (self.image.default_alt_text if self.image else "")


# The taxonomies appear in the API by their stable slugs, the same in both languages.
def taxonomy_api_field(name: str, many: bool = False) -> APIField:
    return APIField(name, serializer=SlugRelatedField(slug_field="slug", many=many, read_only=True))


def tags_api_field() -> APIField:
    return APIField("tags", serializer=SlugRelatedField(slug_field="name", many=True, read_only=True))


class IndexPage(CachedViewRestrictions, Page):
    """A listing of its children, a page at a time."""

    intro = RichTextField(_("introduction"), blank=True)
    per_page = 12

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        abstract = True

    def get_listing(self, request):
        raise NotImplementedError

    def get_meta_description(self) -> str:
        return self.search_description

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The ids listed, kept as a fragment while no child changes; each card is one of its own.
        filters = tuple(sorted((name, value) for name, value in request.GET.items() if name != "page"))
        listed = fragment_cache.cached(request, "listing", (self.pk, filters), lambda: self._listed(request))
        # get_page() turns a malformed or out-of-range ?page= into the nearest real page.
        context["listing"] = Paginator(listed, self.per_page).get_page(request.GET.get("page"))
        return context

    def _listed(self, request) -> list[int]:
        page_cache.shows(f"children:{self.path}")
        return list(self.get_listing(request).values_list("pk", flat=True))
