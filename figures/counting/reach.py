"""Whom the programme reached, counted from the register alone (`reach`): never from the ideas or
registrations, so a withdrawn idea, a cancelled registration or an erased person changes nothing."""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper
from django.utils.translation import gettext_lazy as _

from reach.models import Organisation, Person, Reach, countable_enterprise

from .period import Period
from .rules import rule, with_not_stated


@dataclass(frozen=True)
class ReachTotals:
    persons: int
    organisations: int
    enterprises: int

    @property
    def mobilised(self) -> int:
        return self.persons + self.enterprises


@rule(
    _(
        "Persons: everyone with at least one reach in the period (an idea's contact person or team "
        "member, an event participant who came), once by their e-mail address; an erased person counts "
        "once as an anonymous row. Organisations: each organisation reached in the period, once."
    )
)
def reached(period: Period) -> ReachTotals:
    in_period = Reach.objects.filter(period.moments("reached"))
    totals = in_period.aggregate(
        persons=Count("person", distinct=True),
        organisations=Count("organisation", distinct=True),
        enterprises=Count(
            "organisation",
            distinct=True,
            filter=countable_enterprise("organisation__"),
        ),
    )
    return ReachTotals(**totals)


@rule(
    _(
        "Persons reached plus enterprises reached (organisations counted as enterprises, with an "
        "organisation number), each once: the programme's target of 1 300 persons and companies."
    )
)
def mobilised(period: Period) -> int:
    return reached(period).mobilised


@dataclass(frozen=True)
class Pace:
    target: int
    reached: int  # from the programme's start to the period's end
    expected: int  # on a straight line from 0 at the start to the target at the end
    months_left: float

    @property
    def remaining(self) -> int:
        return max(self.target - self.reached, 0)

    @property
    def needed_per_month(self) -> int | None:
        if not self.remaining:
            return 0
        return round(self.remaining / self.months_left) if self.months_left > 0 else None

    @property
    def on_track(self) -> bool:
        return self.reached >= self.expected


@rule(
    _(
        "Persons and companies mobilised from the programme's start to the period's end, against the "
        "target; the pace needed is what is left divided by the months left until the programme ends."
    )
)
def pace(period: Period, targets, so_far: ReachTotals | None = None) -> Pace:
    """`so_far`: `reached` from the programme's start to the period's end, when already counted."""
    mobilised_so_far = (so_far or reached(period.until_end(targets.start))).mobilised
    length = (targets.end - targets.start).days + 1
    elapsed = min(max((period.end - targets.start).days + 1, 0), length)
    left = max((targets.end - max(period.end, targets.start - datetime.timedelta(days=1))).days, 0)
    return Pace(
        target=targets.mobilised_target,
        reached=mobilised_so_far,
        expected=round(targets.mobilised_target * elapsed / length),
        months_left=left / (365.25 / 12),
    )


def _reached_in(period: Period, who: str):
    """The ids of the persons (or organisations) reached in the period: each counted once by
    grouping their own rows, not by a COUNT(DISTINCT) over every reach."""
    return Reach.objects.filter(period.moments("reached")).values(who)


#: What a person reached is broken down by: the breakdown's name and the person's field.
PERSON_FIELDS = {"gender": "gender", "age": "age_band", "municipality": "municipality__code"}


def persons_grouped(period: Period, *fields: str) -> list[dict]:
    """The persons reached in the period, counted (`n`) per combination of the fields: one query
    however many breakdowns are read from it."""
    return list(
        Person.objects.filter(pk__in=_reached_in(period, "person"))
        .values(*fields)
        .annotate(n=Count("pk"))
        .order_by()
    )


def _persons_by(period: Period, field: str) -> dict[str, int]:
    return with_not_stated(persons_grouped(period, field), field)


@rule(_('Persons reached in the period by the gender they declared; "not stated" when they did not say.'))
def persons_by_gender(period: Period) -> dict[str, int]:
    return _persons_by(period, "gender")


@rule(_('Persons reached in the period by the age band they declared; "not stated" when they did not say.'))
def persons_by_age(period: Period) -> dict[str, int]:
    return _persons_by(period, "age_band")


@rule(_('Persons reached in the period by the municipality they gave (its code); "not stated" otherwise.'))
def persons_by_municipality(period: Period) -> dict[str, int]:
    return _persons_by(period, "municipality__code")


def organisations_grouped(period: Period) -> list[dict]:
    """The organisations reached in the period, counted (`n`) by type and by whether they count
    as an enterprise."""
    return list(
        Organisation.objects.filter(pk__in=_reached_in(period, "organisation"))
        .values(
            "organisation_type",
            enterprise=ExpressionWrapper(countable_enterprise(), output_field=BooleanField()),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )


@rule(_("Organisations reached in the period by their type, each once."))
def organisations_by_type(period: Period) -> dict[str, int]:
    return with_not_stated(organisations_grouped(period), "organisation_type")


def reach_profile(period: Period) -> tuple[ReachTotals, dict[str, dict[str, int]]]:
    """`reached` and every breakdown of whom the programme reached, from two grouped queries (the
    Figures screen shows them all): the persons by each of `PERSON_FIELDS`, and the organisations
    by type ("organisations")."""
    persons = persons_grouped(period, *PERSON_FIELDS.values())
    organisations = organisations_grouped(period)
    totals = ReachTotals(
        persons=sum(row["n"] for row in persons),
        organisations=sum(row["n"] for row in organisations),
        enterprises=sum(row["n"] for row in organisations if row["enterprise"]),
    )
    breakdowns = {name: with_not_stated(persons, field) for name, field in PERSON_FIELDS.items()}
    breakdowns["organisations"] = with_not_stated(organisations, "organisation_type")
    return totals, breakdowns


def persons_counted(period: Period):
    """The persons behind the count, for the report: (id, gender, age band, municipality's name)
    tuples, what they declared and no e-mail. Tuples: the report lists up to every person reached,
    and a dict a row cost more than writing its cells."""
    return (
        Person.objects.filter(pk__in=_reached_in(period, "person"))
        .order_by("pk")
        .values_list("pk", "gender", "age_band", "municipality__name")
    )
