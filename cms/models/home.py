from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import BaseStreamBlock, KeyFigureBlock


class HomePage(Page):
    """The programme's front page: introduction, key figures, news, events, resources."""

    intro = RichTextField(_("introduction"), blank=True)
    key_figures = StreamField(
        [("figure", KeyFigureBlock())], verbose_name=_("key figures"), blank=True, max_num=6
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("key_figures"),
        InlinePanel("featured_resources", label=_("Featured resources"), max_num=6),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.NewsIndexPage", "cms.EventIndexPage", "cms.ResourceIndexPage", "cms.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_meta_description(self) -> str:
        return self.search_description

    def get_context(self, request, *args, **kwargs):
        from .events import EventPage
        from .news import NewsPage

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            NewsPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .select_related("image")
            .order_by("-date", "-pk")[:3]
        )
        context["upcoming_events"] = (
            EventPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, end__gte=timezone.now())
            .select_related("municipality")
            .order_by("start", "pk")[:3]
        )
        context["featured_resources"] = [
            item.resource
            for item in self.featured_resources.select_related("resource__image")
            if item.resource.live
        ]
        return context


class HomeFeaturedResource(Orderable):
    home = ParentalKey(HomePage, related_name="featured_resources", on_delete=models.CASCADE)
    resource = models.ForeignKey(
        "cms.ResourcePage", verbose_name=_("resource"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("resource")]
