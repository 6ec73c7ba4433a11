"""The ideas' way through the pipeline: stages and exits, the funnel, time in each stage, the
support given and what came of it."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, Sum
from django.utils.translation import gettext_lazy as _

from workflows.models import Idea, MarketOutcome, Stage, StageSpell, Status, SupportActivity

from .period import Period
from .rules import rule, with_not_stated

STAGES = list(Stage.values)
EXIT_STATUSES = [Status.REJECTED, Status.WITHDRAWN, Status.CLOSED]


def submitted(period: Period):
    return Idea.objects.filter(period.moments("created"))


@rule(
    _("Ideas submitted in the period by the stage they have reached and, for those that left, how they left.")
)
def stages_and_exits(period: Period, rows: list[dict] | None = None) -> dict[tuple[str, str], int]:
    """`rows`: `submitted_grouped` with "stage" and "status" among its fields, when already read."""
    counted: dict[tuple[str, str], int] = {}
    for row in submitted_grouped(period, "stage", "status") if rows is None else rows:
        counted[row["stage"], row["status"]] = counted.get((row["stage"], row["status"]), 0) + row["n"]
    return counted


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    reached: int
    conversion: float | None  # share of the previous step's ideas that reached this one


@rule(
    _(
        "Of the ideas submitted in the period, how many reached each stage (an idea never moves back), "
        "and the share of the previous stage's ideas that went on to this one."
    )
)
def funnel(period: Period, rows: list[dict] | None = None) -> list[FunnelStep]:
    """`rows`: `submitted_grouped` with "stage" among its fields, when already read."""
    at = with_not_stated(submitted_grouped(period, "stage") if rows is None else rows, "stage")
    steps, previous = [], None
    for position, stage in enumerate(STAGES):
        reached = sum(at.get(later, 0) for later in STAGES[position:])
        conversion = reached / previous if previous else None
        steps.append(FunnelStep(stage, reached, conversion))
        previous = reached
    return steps


@dataclass(frozen=True)
class TimeInStage:
    stage: str
    spells: int
    median_days: float | None
    p90_days: float | None


#: The seconds of each stage spell left in the period ([%s, %s)). Ranked in Python: SQL's window
#: functions over the same rows took two to three times as long on either database.
SPELLS_LEFT_SQL = 'SELECT stage, {seconds} FROM {table} WHERE "left" >= %s AND "left" < %s'
SECONDS = {
    "postgresql": 'EXTRACT(EPOCH FROM "left" - entered)',
    "sqlite": 'CAST(ROUND((julianday("left") - julianday(entered)) * 86400) AS INTEGER)',
}


@rule(
    _(
        "For each stage left in the period, the days an idea spent in it, from the audit entry that "
        "brought it there to the one that moved it on or ended it: the median and the 90th percentile "
        "(nearest rank)."
    )
)
def time_in_stage(period: Period) -> list[TimeInStage]:
    sql = SPELLS_LEFT_SQL.format(seconds=SECONDS[connection.vendor], table=StageSpell._meta.db_table)
    seconds_in: dict[str, list] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [connection.ops.adapt_datetimefield_value(moment) for moment in period.bounds])
        for stage, seconds in cursor.fetchall():
            seconds_in.setdefault(stage, []).append(seconds)
    rows = []
    for stage in STAGES:
        if stage == Stage.GRADUATED:
            continue
        ranked = sorted(seconds_in.get(stage, ()))
        rows.append(
            TimeInStage(
                stage, len(ranked), _days(_nearest_rank(ranked, 1, 2)), _days(_nearest_rank(ranked, 9, 10))
            )
        )
    return rows


def _nearest_rank(ranked: list, part: int, whole: int):
    """The ceil(n x part / whole)-th smallest of the n sorted values (None when there are none)."""
    if not ranked:
        return None
    return ranked[-(-len(ranked) * part // whole) - 1]


def _days(seconds) -> float | None:
    return None if seconds is None else float(seconds) / 86400


@rule(_("Hours of support activities dated in the period, by partner organisation and activity type."))
def support_hours(period: Period) -> list[dict]:
    return list(
        SupportActivity.objects.filter(period.days("date"))
        .values("activity_type", partner_name=F("partner__name"))
        .annotate(hours=Sum("hours"), activities=Count("pk"), ideas=Count("idea", distinct=True))
        .order_by("partner_name", "activity_type")
    )


@rule(_("Market outcomes recorded in the period, by type (new companies, partnerships and the others)."))
def outcomes(period: Period) -> dict[str, int]:
    rows = (
        MarketOutcome.objects.filter(period.moments("recorded"))
        .values("outcome_type")
        .annotate(n=Count("pk"))
    )
    return {row["outcome_type"]: row["n"] for row in rows}


#: What an idea is broken down by on the Figures screen: the breakdown's name and the idea's field.
IDEA_FIELDS = {
    "municipality": "municipality__code",
    "organisation_type": "organisation_type",
    "gender": "contact_person__gender",
}


def submitted_grouped(period: Period, *fields: str) -> list[dict]:
    """The ideas submitted in the period, counted (`n`) per combination of the fields (each a
    single value per idea): one query however many breakdowns are read from it."""
    return list(submitted(period).values(*fields).annotate(n=Count("pk")).order_by())


def _ideas_by(period: Period, field: str) -> dict[str, int]:
    return with_not_stated(submitted_grouped(period, field), field)


@rule(_("Ideas submitted in the period by challenge area (an idea in two areas counts in both)."))
def ideas_by_challenge_area(period: Period) -> dict[str, int]:
    # Not in `IDEA_FIELDS`: an idea has several areas, so its rows are counted apart (once per area).
    rows = submitted(period).values("challenge_areas__slug").annotate(n=Count("pk", distinct=True))
    return with_not_stated(rows, "challenge_areas__slug")


@rule(_("Ideas submitted in the period by the municipality the applicant gave (its code)."))
def ideas_by_municipality(period: Period) -> dict[str, int]:
    return _ideas_by(period, "municipality__code")


@rule(_("Ideas submitted in the period by the type of organisation behind them."))
def ideas_by_organisation_type(period: Period) -> dict[str, int]:
    return _ideas_by(period, "organisation_type")


@rule(_("Ideas submitted in the period by the gender their contact person declared."))
def ideas_by_gender(period: Period) -> dict[str, int]:
    return _ideas_by(period, "contact_person__gender")
