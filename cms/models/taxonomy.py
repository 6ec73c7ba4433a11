"""Shared taxonomies: the programme's challenge areas and Skåne's municipalities.

They are not translated per locale like pages: each term has one row with a stable
slug (what search facets and URLs use) and its name in both languages.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class ChallengeArea(index.Indexed, models.Model):
    """A societal challenge the programme addresses, such as youth unemployment."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name (Swedish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("name_en")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("challenge area")
        verbose_name_plural = _("challenge areas")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language."""
        return self.name_en if get_language() == "en" else self.name


class Municipality(index.Indexed, models.Model):
    """One of Skåne's 33 municipalities; `code` is the official kommunkod."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)
    code = models.CharField(_("municipality code"), max_length=4, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("code")]
    search_fields = [index.SearchField("name"), index.FilterField("code")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        return self.name
