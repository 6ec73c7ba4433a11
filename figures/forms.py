"""The period selector: programme to date, a year, a quarter or any two dates."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .counting import Period

YEARS = (2000, 2100)


class PeriodForm(forms.Form):
    KINDS = [
        ("programme", _("Programme to date")),
        ("year", _("A year")),
        ("quarter", _("A quarter")),
        ("dates", _("Between two dates")),
    ]
    kind = forms.ChoiceField(label=_("Period"), choices=KINDS, initial="programme")
    year = forms.IntegerField(label=_("Year"), required=False, min_value=YEARS[0], max_value=YEARS[1])
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), (1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")],
    )
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(
        label=_("To (included)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data, targets, today: datetime.date | None = None):
        # No choice yet means the programme to date, not an error.
        super().__init__(data if data.get("kind") else None)
        self.targets = targets
        self.today = today

    def period(self) -> Period:
        """The chosen period; call once `is_valid()` (an unbound form gives the programme to date)."""
        if not self.is_bound:
            return Period.programme_to_date(self.targets, self.today)
        return self.cleaned_data["period"]

    def clean(self):
        data = super().clean()
        kind, year = data.get("kind"), data.get("year")
        if kind in ("year", "quarter") and year is None and "year" not in self.errors:
            self.add_error("year", _("Give the year."))
        if kind == "quarter" and data.get("quarter") is None:
            self.add_error("quarter", _("Choose the quarter."))
        if kind == "dates":
            for name in ("start", "end"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Give both dates, as YYYY-MM-DD."))
            for name in ("start", "end"):
                if data.get(name) and not YEARS[0] <= data[name].year <= YEARS[1]:
                    self.add_error(name, _("Choose a date between the years 2000 and 2100."))
            if data.get("start") and data.get("end") and data["end"] < data["start"]:
                self.add_error("end", _("The end date must not be before the start date."))
        if self.errors:
            return data
        data["period"] = {
            "programme": lambda: Period.programme_to_date(self.targets, self.today),
            "year": lambda: Period.year(year),
            "quarter": lambda: Period.quarter(year, data["quarter"]),
            "dates": lambda: Period(data["start"], data["end"]),
        }[kind]()
        return data
