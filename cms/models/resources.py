from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail.search import index

from infra import page_cache
from infra.page_cache_tags import model_tag

from ..serving import public
from .base import ContentPage, IndexPage, taxonomy_api_field
from .taxonomy import ChallengeArea


class ResourceIndexPage(IndexPage):
    """The resource library; `?type=` and `?challenge=` narrow it."""

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ResourcePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("resource library")

    def get_listing(self, request):
        resources = public(ResourcePage.objects.child_of(self).live()).order_by("title", "pk")
        resource_type = request.GET.get("type")
        if resource_type in dict(ResourcePage.TYPE_CHOICES):
            resources = resources.filter(resource_type=resource_type)
        challenge = request.GET.get("challenge", "")[:80]
        if challenge:
            page_cache.shows(model_tag(ChallengeArea))  # the list changes with the areas' slugs
            resources = resources.filter(challenge_areas__slug=challenge)
        return resources.select_related("image")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["resource_types"] = ResourcePage.TYPE_CHOICES
        page_cache.shows(model_tag(ChallengeArea))
        context["challenge_areas"] = ChallengeArea.objects.all()
        return context


class ResourcePage(ContentPage):
    """A guide, toolkit, report, template or video, with its documents."""

    TYPE_CHOICES = [
        ("guide", _("Guide")),
        ("toolkit", _("Toolkit")),
        ("report", _("Report")),
        ("template", _("Template")),
        ("video", _("Video")),
    ]
    AUDIENCE_CHOICES = [
        ("everyone", _("Everyone")),
        ("entrepreneurs", _("Entrepreneurs")),
        ("idea_driven", _("Idea-driven organisations")),
        ("public_actors", _("Public actors")),
    ]
    LANGUAGE_CHOICES = [("sv", _("Swedish")), ("en", _("English")), ("other", _("Other"))]

    resource_type = models.CharField(_("type"), max_length=20, choices=TYPE_CHOICES, default="guide")
    audience = models.CharField(_("audience"), max_length=20, choices=AUDIENCE_CHOICES, default="everyone")
    resource_language = models.CharField(
        _("language of the material"), max_length=10, choices=LANGUAGE_CHOICES, default="sv"
    )
    challenge_areas = ParentalManyToManyField(
        "cms.ChallengeArea", blank=True, related_name="resources", verbose_name=_("challenge areas")
    )
    municipality = models.ForeignKey(
        "cms.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
        help_text=_("Leave empty for resources that concern all of Skåne."),
    )

    content_panels = [
        *ContentPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("resource_type"),
                FieldPanel("audience"),
                FieldPanel("resource_language"),
                FieldPanel("challenge_areas"),
                FieldPanel("municipality"),
            ],
            heading=_("Classification"),
        ),
        InlinePanel("documents", label=_("Documents")),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.FilterField("resource_type"),
        index.FilterField("audience"),
    ]

    api_fields = [
        *ContentPage.api_fields,
        APIField("resource_type"),
        APIField("audience"),
        APIField("resource_language"),
        taxonomy_api_field("municipality"),
        taxonomy_api_field("challenge_areas", many=True),
    ]

    parent_page_types = ["cms.ResourceIndexPage"]
    subpage_types = []

    @property
    def material_language_code(self) -> str:
        """The language code of the material, "" when it is neither of the site's languages."""
        return "" if self.resource_language == "other" else self.resource_language

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")


class ResourceDocument(Orderable):
    resource = ParentalKey(ResourcePage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]
