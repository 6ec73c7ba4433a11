import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from infra import fragment_cache, page_cache

from ..serving import public
from .base import ContentPage, IndexPage, tags_api_field, taxonomy_api_field


class NewsIndexPage(IndexPage):
    """The news listing, newest first; `?tag=` narrows it to one tag."""

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def get_listing(self, request):
        articles = public(NewsPage.objects.child_of(self).live()).order_by("-date", "-pk")
        tag = request.GET.get("tag", "")[:100]
        if tag:
            articles = articles.filter(tags__name__iexact=tag)
        return articles.select_related("image")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("cms.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsPage(ContentPage):
    """A news article: dated, with a lead, body, image, tags and related pages."""

    date = models.DateField(_("date"), default=datetime.date.today)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    challenge_areas = ParentalManyToManyField(
        "cms.ChallengeArea", blank=True, related_name="news", verbose_name=_("challenge areas")
    )

    content_panels = [
        *ContentPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("tags"), FieldPanel("challenge_areas")],
            heading=_("About the article"),
        ),
        InlinePanel("related_pages", label=_("Related pages")),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    api_fields = [
        *ContentPage.api_fields,
        APIField("date"),
        tags_api_field(),
        taxonomy_api_field("challenge_areas", many=True),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = fragment_cache.cached(request, "related", self.pk, self._related)
        return context

    def _related(self) -> list[int]:
        page_cache.shows(f"page:{self.pk}")  # the related pages are the article's own rows
        return [item.page_id for item in self.related_pages.select_related("page") if item.page.live]


class NewsRelatedPage(Orderable):
    article = ParentalKey(NewsPage, related_name="related_pages", on_delete=models.CASCADE)
    page = models.ForeignKey(Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]
