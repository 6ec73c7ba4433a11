"""The all-ideas list's filters, shared by the list and its exports."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import ChallengeArea, Municipality

from .. import queries
from ..models import OrganisationType, Stage, Status

ANY = _("Any")


class IdeaFilter(django_filters.FilterSet):
    """Bad input filters out everything rather than being ignored: the form shows why."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=200,
        help_text=_("Reference number, title or organisation."),
    )
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices, empty_label=ANY)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=ANY)
    challenge_area = django_filters.ModelChoiceFilter(
        label=_("Challenge area"),
        field_name="challenge_areas",
        queryset=ChallengeArea.objects.all(),
        empty_label=ANY,
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), queryset=Municipality.objects.all(), empty_label=ANY
    )
    organisation_type = django_filters.ChoiceFilter(
        label=_("Organisation type"), choices=OrganisationType.choices, empty_label=ANY
    )
    submitted_from = django_filters.DateFilter(
        label=_("Submitted from"),
        field_name="created",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    submitted_to = django_filters.DateFilter(
        label=_("Submitted to"),
        field_name="created",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def search(self, queryset, _name, text: str):
        return queries.containing(queryset, text.strip())

    def filter_queryset(self, queryset):
        if not self.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)
