"""What the programme's page types share."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BaseStreamBlock


class ContentPage(Page):
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
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("image"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        return self.search_description or self.lead


class IndexPage(Page):
    """A listing of its children, a page at a time."""

    intro = RichTextField(_("introduction"), blank=True)
    per_page = 12

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True

    def get_listing(self, request):
        raise NotImplementedError

    def get_meta_description(self) -> str:
        return self.search_description

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # get_page() turns a malformed or out-of-range ?page= into the nearest real page.
        context["listing"] = Paginator(self.get_listing(request), self.per_page).get_page(
            request.GET.get("page")
        )
        return context
