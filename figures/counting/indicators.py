"""The Regional Development Fund's common output indicators for a support programme.

Each counts enterprises, never supports: an enterprise (an organisation counted as one, with an
organisation number) supported twice is one. Every function returns the counted organisations,
so the screen's number and the report's list behind it come from the same query.
"""

import datetime

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from reach.models import Channel, Organisation, Reach, countable_enterprise
from workflows.models import Idea, MarketOutcome, Stage, StageSpell, SupportActivity

from .period import Period
from .rules import rule

#: The stages in which an idea gets the programme's non-financial support.
SUPPORT_STAGES = [Stage.SCREENING, Stage.SUPPORT, Stage.PILOT, Stage.MARKET]


ORGANISATION_FIELDS = (
    "pk",
    "organisation_number",
    "name",
    "organisation_type",
    "size_class",
    "registration_date",
)


def spells_in_support(period: Period) -> QuerySet[StageSpell]:
    """The stage spells behind `ideas_in_support`: a spell in screening, support, pilot or market
    that overlaps the period, or one that ended in it with the idea finished at one of those
    stages (a screening decision may reject an idea that still stood as submitted)."""
    start, after = period.bounds
    return StageSpell.objects.filter(
        Q(stage__in=SUPPORT_STAGES, entered__lt=after) & (Q(left__isnull=True) | Q(left__gte=start))
        | Q(exit_stage__in=SUPPORT_STAGES, left__gte=start, left__lt=after)
    )


def ideas_in_support(period: Period) -> QuerySet[Idea]:
    """Ideas that stood in screening, support, pilot or market at some moment of the period: moved
    there during it, or were there, still open, when it began (read from the stage spells, so a
    later withdrawal changes nothing)."""
    return Idea.objects.filter(pk__in=spells_in_support(period).values("idea"))


@rule(
    _(
        "Ideas the programme worked on in the period: those that stood in screening, support, pilot or "
        "market at some moment of it, each once; a later withdrawal changes nothing."
    )
)
def ideas_in_programme(period: Period) -> int:
    return ideas_in_support(period).count()


def non_financial_support(period: Period) -> Q:
    """An organisation one of whose ideas was in a support stage, or got a support activity."""
    activities = SupportActivity.objects.filter(period.days("date"))
    return Q(pk__in=spells_in_support(period).values("idea__organisation")) | Q(
        pk__in=activities.values("idea__organisation")
    )


def at_events(period: Period) -> Q:
    """An organisation whose people took part in one of the programme's events."""
    return Q(
        pk__in=Reach.objects.filter(period.moments("reached"), channel=Channel.EVENT).values("organisation")
    )


def _enterprises(condition: Q) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(countable_enterprise())
        .filter(condition)
        .order_by("organisation_number", "pk")
    )


@rule(
    _(
        "Enterprises with non-financial support in the period: an idea of theirs was in screening, "
        "support, pilot or market, or a support activity was logged for it. Each enterprise once, by its "
        "organisation number."
    )
)
def co04(period: Period) -> QuerySet[Organisation]:
    return _enterprises(non_financial_support(period))


@rule(
    _(
        "Enterprises supported in any form in the period: those of CO04, and those whose people took "
        "part in one of the programme's events. Each enterprise once, by its organisation number."
    )
)
def co01(period: Period) -> QuerySet[Organisation]:
    return _enterprises(non_financial_support(period) | at_events(period))


def three_years_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 3)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 3, day=28)


def is_new(registration_date: datetime.date | None, first_reached: datetime.datetime) -> bool:
    return registration_date is not None and registration_date > three_years_before(first_reached.date())


@rule(
    _(
        "Enterprises of CO01 registered less than three years before the programme first reached them "
        "(a change of legal form alone does not make one new; without a registration date, not new)."
    )
)
def co05(period: Period) -> list[dict]:
    # Those registered under 1 097 days (more than three years) before: a superset in SQL, then
    # the exact rule on the few left.
    recent = F("created") - datetime.timedelta(days=1097)
    rows = co01(period).filter(registration_date__gt=recent).values(*ORGANISATION_FIELDS, "created")
    return [row for row in rows if is_new(row["registration_date"], row["created"])]


@rule(
    _(
        "Enterprises that brought out a product new to the firm in the period (the date the coordinator "
        "set on the market outcome), each once."
    )
)
def co29(period: Period) -> QuerySet[Organisation]:
    new_product = MarketOutcome.objects.filter(period.days("product_new_to_firm"))
    return _enterprises(
        Q(Exists(new_product.filter(organisation=OuterRef("pk"))))
        | Q(Exists(new_product.filter(organisation__isnull=True, idea__organisation=OuterRef("pk"))))
    )


@rule(
    _(
        "Ideas supported in the period whose organisation has no organisation number: listed as "
        '"cannot be counted as an enterprise", never guessed.'
    )
)
def not_countable(period: Period) -> QuerySet[Idea]:
    supported = Q(pk__in=ideas_in_support(period).values("pk")) | Q(
        Exists(SupportActivity.objects.filter(period.days("date"), idea=OuterRef("pk")))
    )
    return (
        Idea.objects.filter(supported)
        .filter(
            Q(organisation__isnull=True)
            | Q(organisation__organisation_number__isnull=True, organisation__erased__isnull=True)
        )
        .order_by("reference")
    )


def supported_enterprises(period: Period) -> dict[str, int]:
    """The numbers of CO01, CO04 and CO05 from one pass over the countable enterprises (the
    screen shows the three; each rule alone would find CO04's enterprises again)."""
    flags = {"non_financial": non_financial_support(period), "events": at_events(period)}
    rows = (
        Organisation.objects.filter(countable_enterprise())
        .annotate(**{name: ExpressionWrapper(q, output_field=BooleanField()) for name, q in flags.items()})
        .order_by()
        .values_list("registration_date", "created", *flags)
    )
    counted = {"co01": 0, "co04": 0, "co05": 0}
    for registration_date, first_reached, non_financial, events in rows:
        if non_financial or events:
            counted["co01"] += 1
            counted["co04"] += bool(non_financial)
            counted["co05"] += is_new(registration_date, first_reached)
    return counted
