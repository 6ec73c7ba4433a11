"""The funders' report for a period, as the sheets the page, the XLSX and the CSV are made of.

Persons appear only as counts and anonymous ids (`P` and the register's row number), never by
e-mail or name; organisations by their number and name, which are not personal data."""

import datetime
from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from reach.models import AgeBand, Gender, OrganisationType, SizeClass
from workflows.models import Stage

from . import counting, summary
from .counting import RULES, Period
from .counting.indicators import ORGANISATION_FIELDS
from .kept import counted as kept_count

#: Rows read from the database at a time for the long sheets.
CHUNK_SIZE = 2_000

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


def summary_rows(period: Period, targets, counted: dict[str, int] | None = None) -> list[list]:
    """Code, figure, number, target: the indicators, then persons reached by gender. `counted`: the
    indicators' numbers already counted, as `summary.indicators` takes them."""
    # Whom the period reached and its persons by gender from the same two grouped queries.
    totals, breakdowns = summary.reach_profile(period)
    rows = [
        [row["code"].upper(), row["name"], row["number"], row["target"]]
        for row in summary.indicators(period, targets, counted, totals)
    ]
    by_gender = breakdowns["gender"]
    labels = {**dict(Gender.choices), counting.NOT_STATED: summary.NOT_STATED_LABEL}
    rows += [
        ["GENDER", _("Persons reached: %(gender)s") % {"gender": label}, by_gender.get(value, 0), None]
        for value, label in labels.items()
    ]
    return rows


def _person_rows(period: Period, limit: int | None) -> Iterator[list]:
    """Read as the sheet is written, a chunk at a time: the sheet may list a hundred thousand persons."""
    # Translated once, not once a row.
    not_stated = str(summary.NOT_STATED_LABEL)
    genders = {value: str(label) for value, label in Gender.choices}
    ages = {value: str(label) for value, label in AgeBand.choices}
    for pk, gender, age_band, municipality in counting.persons_counted(period)[:limit].iterator(
        chunk_size=CHUNK_SIZE
    ):
        yield [
            f"P{pk}",
            genders.get(gender, not_stated),
            ages.get(age_band, not_stated),
            municipality or not_stated,
        ]


def _not_countable_rows(period: Period, limit: int | None) -> Iterator[list]:
    stages = {value: str(label) for value, label in Stage.choices}
    rows = counting.not_countable(period).values_list(
        "reference", "organisation__name", "organisation_name", "stage"
    )[:limit]
    for reference, organisation, typed, stage in rows.iterator(chunk_size=CHUNK_SIZE):
        yield [reference, organisation or typed or "", stages.get(stage, stage)]


def sheets(period: Period, targets, made: datetime.datetime, limit: int | None = None) -> list[tuple]:
    """(title, header, rows) of each sheet. The enterprises behind each indicator are read first, and
    their numbers are the summary's: each indicator is counted once. The persons and the ideas that
    cannot be counted are read while their sheets are written. `limit`: the most rows a list shows
    (the page's), whatever the numbers count."""
    found = {
        # Not kept: each change an idea or a reach makes counts them again, and kept they were a
        # pickle of 1.5 MB (55 ms) at 100 000 ideas for a hit only after other changes.
        **counting.supported_enterprise_lists(period),
        "co29": kept_count(
            "co29_list",
            period,
            lambda: list(counting.co29(period).values(*ORGANISATION_FIELDS)),
            follows=summary.ENTERPRISES,
        ),
    }
    counted = {code: len(rows) for code, rows in found.items()}
    enterprises = {code: _organisation_rows(rows[:limit]) for code, rows in found.items()}
    return [
        (
            _("Summary"),
            [_("Code"), _("Figure"), _("Number"), _("Target")],
            summary_rows(period, targets, counted),
        ),
        (
            _("Persons reached"),
            [_("Anonymous id"), _("Gender"), _("Age"), _("Municipality")],
            _person_rows(period, limit),
        ),
        *((code.upper(), ORGANISATION_HEADER, rows) for code, rows in enterprises.items()),
        (_("Not countable"), [_("Idea"), _("Organisation"), _("Stage")], _not_countable_rows(period, limit)),
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
