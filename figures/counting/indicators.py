"""The Regional Development Fund's common output indicators for a support programme.

Each counts enterprises, never supports: an enterprise (an organisation counted as one, with an
organisation number) supported twice is one. Every function returns the counted organisations,
so the screen's number and the report's list behind it come from the same query.
"""

import datetime

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    DateField,
    Exists,
    ExpressionWrapper,
    Func,
    OuterRef,
    Q,
    QuerySet,
    When,
)
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
    """An organisation one of whose ideas was in a support stage, or got a support activity.
    Looked up from each organisation through its ideas' indexes: a list of the organisations of
    every supported idea (most of them not enterprises) took SQLite twice as long."""
    spells = spells_in_support(period).filter(idea=OuterRef("pk"))
    activities = SupportActivity.objects.filter(period.days("date"), idea=OuterRef("pk"))
    return Q(
        Exists(Idea.objects.filter(organisation=OuterRef("pk")).filter(Exists(spells) | Exists(activities)))
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


class _DateDaysBefore(Func):
    """The date (in UTC) `days` days before a date and time, in the database's own arithmetic:
    Django's `F() - timedelta` on SQLite calls back into Python once a row."""

    output_field = DateField()

    def __init__(self, expression, days: int):
        super().__init__(expression)
        self.days = days

    def as_sqlite(self, compiler, connection, **extra):
        moment, params = compiler.compile(self.source_expressions[0])
        return f"date({moment}, %s)", (*params, f"-{self.days} days")

    def as_postgresql(self, compiler, connection, **extra):
        # The connection's time zone is UTC (Django sets it), the date `is_new` reads.
        moment, params = compiler.compile(self.source_expressions[0])
        return f"(({moment}) - %s::interval)::date", (*params, f"{self.days} days")


def may_be_new() -> Q:
    """A superset of `is_new` in SQL, for the exact rule on the few it leaves: registered less
    than 1 097 days (more than three years) before first reached."""
    return Q(registration_date__gt=_DateDaysBefore("created", 1097))


def is_new(registration_date: datetime.date | None, first_reached: datetime.datetime) -> bool:
    return registration_date is not None and registration_date > three_years_before(first_reached.date())


@rule(
    _(
        "Enterprises of CO01 registered less than three years before the programme first reached them "
        "(a change of legal form alone does not make one new; without a registration date, not new)."
    )
)
def co05(period: Period) -> list[dict]:
    rows = co01(period).filter(may_be_new()).values(*ORGANISATION_FIELDS, "created")
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


#: Grouped on the flags directly, SQLite would build the subqueries' lists again: they are
#: computed once an organisation, in a materialised step, then grouped.
SUPPORTED_SQL = """
WITH flagged AS MATERIALIZED ({flagged})
SELECT non_financial, events, registered, first_reached, COUNT(*) FROM flagged GROUP BY 1, 2, 3, 4
"""


#: The report's lists of CO01, CO04 and CO05 from the same pass: the flagged enterprises themselves.
SUPPORTED_ROWS_SQL = """
WITH flagged AS MATERIALIZED ({flagged})
SELECT * FROM flagged WHERE non_financial OR events ORDER BY organisation_number, pk
"""


def _flagged(period: Period, *fields: str, **expressions):
    """The countable enterprises with whether they got non-financial support and whether their
    people came to an event in the period, as SQL and its parameters."""
    return (
        Organisation.objects.filter(countable_enterprise())
        .values(
            *fields,
            non_financial=ExpressionWrapper(non_financial_support(period), output_field=BooleanField()),
            events=ExpressionWrapper(at_events(period), output_field=BooleanField()),
            **expressions,
        )
        .order_by()
        .query.sql_with_params()
    )


def supported_enterprise_lists(period: Period) -> dict[str, list[dict]]:
    """The organisations behind CO01, CO04 and CO05 (each as `co01`, `co04` and `co05` would list
    them), from one query: the three rules would each find CO04's enterprises again."""
    sql, params = _flagged(period, *ORGANISATION_FIELDS, "created")
    with connection.cursor() as cursor:
        cursor.execute(SUPPORTED_ROWS_SQL.format(flagged=sql), params)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    lists = {"co01": [], "co04": [], "co05": []}
    for row in rows:
        row["registration_date"] = _date(row["registration_date"])
        row["created"] = _moment(row["created"])
        lists["co01"].append(row)
        if row["non_financial"]:
            lists["co04"].append(row)
        if is_new(row["registration_date"], row["created"]):
            lists["co05"].append(row)
    return lists


def supported_enterprises(period: Period) -> dict[str, int]:
    """The numbers of CO01, CO04 and CO05 from one pass over the countable enterprises (the screen
    shows the three; each rule alone would find CO04's enterprises again), grouped in SQL: only
    those that may be new (CO05's superset) come back one by one, for the exact rule."""
    new = may_be_new()
    sql, params = _flagged(
        period,
        registered=Case(When(new, then="registration_date")),
        first_reached=Case(When(new, then="created")),
    )
    with connection.cursor() as cursor:
        cursor.execute(SUPPORTED_SQL.format(flagged=sql), params)
        rows = cursor.fetchall()
    counted = {"co01": 0, "co04": 0, "co05": 0}
    for non_financial, events, registered, first_reached, number in rows:
        if non_financial or events:
            counted["co01"] += number
            counted["co04"] += number if non_financial else 0
            counted["co05"] += number if is_new(_date(registered), _moment(first_reached)) else 0
    return counted


def _date(value) -> datetime.date | None:
    """A date read without Django's converters: SQLite gives its text."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _moment(value) -> datetime.datetime | None:
    """A date and time (in UTC) read without Django's converters: SQLite gives its text."""
    return datetime.datetime.fromisoformat(value) if isinstance(value, str) else value
