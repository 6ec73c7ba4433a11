"""The search parameters of /search/ and /api/search/, parsed by a django-filter FilterSet.

Each filter adds its part to a `SearchQuery` instead of narrowing a queryset: the FilterSet
declares the parameters once (names, labels, form fields) for the HTML form and the JSON API,
and the engine does the filtering. The fields accept anything: what is out of bounds (a page
of 10**9, an unknown sort or facet value, a query of 10 000 characters) is bounded by
`SearchQuery.cleaned()`, so no input can fail the request.
"""

import dataclasses

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .query import MAX_FILTER_VALUES, SORTS, SearchQuery

FACET_LABELS = {
    "type": _("Type"),
    "challenge_area": _("Challenge area"),
    "municipality": _("Municipality"),
    "stage": _("Stage"),
    "language": _("Language"),
    "year": _("Year"),
}
SORT_LABELS = {"relevance": _("Relevance"), "date": _("Date, newest first")}


class ValuesField(forms.Field):
    """Every value given for the parameter (?type=news&type=event), as strings; never invalid."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        if value in (None, ""):
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(item) for item in values if item not in (None, "")][:MAX_FILTER_VALUES]


class LenientCharField(forms.CharField):
    """Text that is kept whatever it holds; bounds are applied by SearchQuery.cleaned()."""

    def to_python(self, value) -> str:
        # A NUL character is the one thing a form would refuse; it is no word either.
        return super().to_python(value).replace("\x00", " ")


class _QueryFilter(django_filters.Filter):
    """A filter that sets a field of the SearchQuery being built."""

    field_class = LenientCharField

    def __init__(self, *args, attribute: str, **kwargs):
        self.attribute = attribute
        super().__init__(*args, **kwargs)

    def filter(self, query: SearchQuery, value) -> SearchQuery:
        if value in (None, "", []):
            return query
        return dataclasses.replace(query, **{self.attribute: value})


class _AsTypedFilter(_QueryFilter):
    """?as_typed=1: the text as typed, not the correction that would be searched instead."""

    field_class = forms.BooleanField


class FacetFilter(django_filters.Filter):
    """The values chosen for one facet: alternatives to each other."""

    field_class = ValuesField

    def filter(self, query: SearchQuery, value) -> SearchQuery:
        if not value:
            return query
        return dataclasses.replace(query, filters={**query.filters, self.field_name: tuple(value)})


class _Start:
    """What the FilterSet filters: not a queryset but the empty query in the visitor's language."""

    model = None

    def __init__(self, language: str):
        self.language = language

    def all(self) -> SearchQuery:
        return SearchQuery(language=self.language)


class SearchFilterSet(django_filters.FilterSet):
    q = _QueryFilter(attribute="text", label=_("Search for"), required=False)
    sort = _QueryFilter(attribute="sort", label=_("Sort by"), required=False)
    page = _QueryFilter(attribute="page", label=_("Page"), required=False)
    as_typed = _AsTypedFilter(attribute="as_typed", label=_("Search as typed"), required=False)
    type = FacetFilter(label=FACET_LABELS["type"], required=False)
    challenge_area = FacetFilter(label=FACET_LABELS["challenge_area"], required=False)
    municipality = FacetFilter(label=FACET_LABELS["municipality"], required=False)
    stage = FacetFilter(label=FACET_LABELS["stage"], required=False)
    language = FacetFilter(label=FACET_LABELS["language"], required=False)
    year = FacetFilter(label=FACET_LABELS["year"], required=False)

    def __init__(self, data, language: str, request=None):
        super().__init__(data, queryset=_Start(language), request=request)

    def filter_queryset(self, query: SearchQuery) -> SearchQuery:
        # Every field is lenient, so cleaned_data has them all; each filter adds its part.
        for name, value in self.form.cleaned_data.items():
            query = self.filters[name].filter(query, value)
        return query

    @property
    def query(self) -> SearchQuery:
        """The visitor's search, cleaned: safe to hand to any backend."""
        return self.qs.cleaned()


SORT_CHOICES = [(sort, SORT_LABELS[sort]) for sort in SORTS]
