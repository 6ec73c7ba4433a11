"""The funders' report for a period, as the sheets the page, the XLSX and the CSV are made of.

Persons appear only as counts and anonymous ids (`P` and the register's row number), never by
e-mail or name; organisations by their number and name, which are not personal data."""

import datetime

from django.utils.translation import gettext_lazy as _

from reach.models import AgeBand, Gender, OrganisationType, SizeClass
from workflows.models import Stage

from . import counting, summary
from .counting import RULES, Period
from .counting.indicators import ORGANISATION_FIELDS

ORGANISATION_HEADER = [
    _("Organisation number"),
    _("Name"),
    _("Organisation type"),
    _("Size"),
    _("Registration date"),
]


def _organisation_rows(rows) -> list[list]:
    types = {value: str(label) for value, label in OrganisationType.choices}
    sizes = {value: str(label) for value, label in SizeClass.choices}
    return [
        [
            row["organisation_number"],
            row["name"],
            types.get(row["organisation_type"], row["organisation_type"]),
            sizes.get(row["size_class"], ""),
            row["registration_date"],
        ]
        for row in rows
    ]


def summary_rows(period: Period, targets) -> list[list]:
    """Code, figure, number, target: the indicators, then persons reached by gender."""
    rows = [
        [row["code"].upper(), row["name"], row["number"], row["target"]]
        for row in summary.indicators(period, targets)
    ]
    by_gender = counting.persons_by_gender(period)
    labels = {**dict(Gender.choices), counting.NOT_STATED: summary.NOT_STATED_LABEL}
    rows += [
        ["GENDER", _("Persons reached: %(gender)s") % {"gender": label}, by_gender.get(value, 0), None]
        for value, label in labels.items()
    ]
    return rows


def sheets(period: Period, targets, made: datetime.datetime) -> list[tuple]:
    fields = ORGANISATION_FIELDS
    # Translated once, not once a row: the sheet may list a hundred thousand persons.
    not_stated = str(summary.NOT_STATED_LABEL)
    genders = {value: str(label) for value, label in Gender.choices}
    ages = {value: str(label) for value, label in AgeBand.choices}
    persons = [
        [
            f"P{row['pk']}",
            genders.get(row["gender"], not_stated),
            ages.get(row["age_band"], not_stated),
            row["municipality__name"] or not_stated,
        ]
        for row in counting.persons_counted(period)
    ]
    stages = dict(Stage.choices)
    return [
        (_("Summary"), [_("Code"), _("Figure"), _("Number"), _("Target")], summary_rows(period, targets)),
        (_("Persons reached"), [_("Anonymous id"), _("Gender"), _("Age"), _("Municipality")], persons),
        ("CO01", ORGANISATION_HEADER, _organisation_rows(counting.co01(period).values(*fields))),
        ("CO04", ORGANISATION_HEADER, _organisation_rows(counting.co04(period).values(*fields))),
        ("CO05", ORGANISATION_HEADER, _organisation_rows(counting.co05(period))),
        ("CO29", ORGANISATION_HEADER, _organisation_rows(counting.co29(period).values(*fields))),
        (
            _("Not countable"),
            [_("Idea"), _("Organisation"), _("Stage")],
            [
                [reference, organisation or typed or "", stages.get(stage, stage)]
                for reference, organisation, typed, stage in counting.not_countable(period).values_list(
                    "reference", "organisation__name", "organisation_name", "stage"
                )
            ],
        ),
        (
            _("Definitions"),
            [_("Rule"), _("How it is counted")],
            [[name, rule.how] for name, rule in RULES.items()],
        ),
        (
            _("Period"),
            [_("Field"), _("Value")],
            [
                [_("From"), period.start],
                [_("To (included)"), period.end],
                [_("Programme period"), f"{targets.start} – {targets.end}"],
                [_("Made"), made],
            ],
        ),
    ]


def filename(period: Period, extension: str) -> str:
    return f"funders-report-{period.start}-{period.end}.{extension}"
