"""The all-ideas list's filters, shared by the list and its exports.

The list is read newest first (by id) and stops at its page's end, so each filter is written as
a test of one row that an index answers: a challenge area as `EXISTS` on the (idea, area)
unique index rather than a join (`queries.in_challenge_area`), a date as a range of `created`
rather than the date of each row in the local time zone (a function call per row that no index
serves: 1-2 s). With a text search, the challenge area, stage and status go to the search
(`queries.containing`), whose index answers them with the text.
"""

import datetime

import django_filters
from django import forms
from django.utils import timezone
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
        method="in_challenge_area",
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
        method="submitted_between",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    submitted_to = django_filters.DateFilter(
        label=_("Submitted to"),
        method="submitted_between",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    #: The filters a text search answers itself, from the index it reads (`queries.containing`).
    SEARCHED_WITH = ("stage", "status", "challenge_area")

    def search(self, queryset, _name, text: str):
        given = {name: self.form.cleaned_data.get(name) for name in self.SEARCHED_WITH}
        area = given["challenge_area"]
        return queries.containing(
            queryset, text.strip(), stage=given["stage"], status=given["status"], area=area and area.pk
        )

    def in_challenge_area(self, queryset, _name, area: ChallengeArea):
        return queries.in_challenge_area(queryset, area.pk)

    def submitted_between(self, queryset, _name, _day):
        """Both dates at once, as one range (`queries.submitted_between` reads it by its ends)."""
        since, until = (self.form.cleaned_data.get(name) for name in ("submitted_from", "submitted_to"))
        return queries.submitted_between(
            queryset, since and _midnight(since), until and _midnight(until + datetime.timedelta(days=1))
        )

    def filter_queryset(self, queryset):
        if not self.is_valid():
            return queryset.none()
        values = self.form.cleaned_data
        # Filters another one answers with its own: a search its challenge area, stage and
        # status; "submitted from" the range up to "submitted to".
        answered = set(self.SEARCHED_WITH) if values.get("q", "").strip() else set()
        if values.get("submitted_from"):
            answered.add("submitted_to")
        for name, value in values.items():
            if name not in answered:
                queryset = self.filters[name].filter(queryset, value)
        return queryset


def _midnight(day: datetime.date) -> datetime.datetime:
    """The start of `day` in the site's time zone (the dates reviewers read on the list)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
