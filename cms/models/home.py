from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from infra import fragment_cache, page_cache

from ..blocks import BaseStreamBlock, KeyFigureBlock
from ..serving import CachedViewRestrictions, public, route
from .events import EventIndexPage, EventPage, next_end
from .news import NewsIndexPage, NewsPage
from .resources import ResourceIndexPage, ResourcePage


class HomePage(CachedViewRestrictions, Page):
    """The programme's front page: introduction, key figures, news, events, resources."""

    intro = RichTextField(_("introduction"), blank=True)
    key_figures = StreamField(
        [("figure", KeyFigureBlock())], verbose_name=_("key figures"), blank=True, max_num=6
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("key_figures"),
        InlinePanel("featured_resources", label=_("Featured resources"), max_num=6),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("key_figures"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.NewsIndexPage",
        "cms.EventIndexPage",
        "cms.ResourceIndexPage",
        "cms.StandardPage",
        "workflows.IdeaSubmissionPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_meta_description(self) -> str:
        return self.search_description

    def route(self, request, path_components):
        return route(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(fragment_cache.cached(request, "home-lists", self.pk, self._lists))
        return context

    def _lists(self) -> dict:
        """The indexes, and the ids of the latest news, the upcoming events and the featured resources."""
        # Deferred: the links to the indexes need only the fields every page has, in one query.
        indexes = public(self.get_children().live().type(NewsIndexPage, EventIndexPage, ResourceIndexPage))
        sections = {type(page): page for page in indexes.specific(defer=True)}
        page_cache.shows(
            f"children:{self.path}",
            f"page:{self.pk}",  # the featured resources are the home page's own rows
            *(
                f"type:{model._meta.label_lower}:{self.locale_id}"
                for model in (NewsPage, EventPage, ResourcePage)
            ),
        )
        news = public(NewsPage.objects.live()).filter(locale_id=self.locale_id).order_by("-date", "-pk")
        upcoming = public(EventPage.objects.live()).filter(locale_id=self.locale_id, end__gte=timezone.now())
        page_cache.valid_until(next_end(upcoming))
        # Editors choose the order; only what the public may see, in this page's language.
        visible = public(ResourcePage.objects.live()).filter(locale_id=self.locale_id)
        featured = self.featured_resources.filter(resource__in=visible).values_list("resource_id", flat=True)
        return {
            "news_index": sections.get(NewsIndexPage),
            "event_index": sections.get(EventIndexPage),
            "resource_index": sections.get(ResourceIndexPage),
            "latest_news": list(news.values_list("pk", flat=True)[:3]),
            "upcoming_events": list(upcoming.order_by("start", "pk").values_list("pk", flat=True)[:3]),
            "featured_resources": list(featured),
        }


class HomeFeaturedResource(Orderable):
    home = ParentalKey(HomePage, related_name="featured_resources", on_delete=models.CASCADE)
    resource = models.ForeignKey(
        "cms.ResourcePage", verbose_name=_("resource"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("resource")]
