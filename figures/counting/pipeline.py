"""The ideas' way through the pipeline: stages and exits, the funnel, time in each stage, the
support given and what came of it."""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, F, Sum
from django.utils.translation import gettext_lazy as _

from workflows.models import AuditEntry, Idea, MarketOutcome, Stage, Status, SupportActivity

from .indicators import STAGE_EVENTS, recorded
from .period import Period
from .rules import rule, with_not_stated

STAGES = list(Stage.values)
EXIT_STATUSES = [Status.REJECTED, Status.WITHDRAWN, Status.CLOSED]


def submitted(period: Period):
    return Idea.objects.filter(period.moments("created"))


@rule(
    _("Ideas submitted in the period by the stage they have reached and, for those that left, how they left.")
)
def stages_and_exits(period: Period) -> dict[tuple[str, str], int]:
    rows = submitted(period).values("stage", "status").annotate(n=Count("pk"))
    return {(row["stage"], row["status"]): row["n"] for row in rows}


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
def funnel(period: Period) -> list[FunnelStep]:
    at = {row["stage"]: row["n"] for row in submitted(period).values("stage").annotate(n=Count("pk"))}
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


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile: the smallest value with at least `share` of them at or below."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


@rule(
    _(
        "For each stage left in the period, the days an idea spent in it, from the audit entry that "
        "brought it there to the one that moved it on or ended it: the median and the 90th percentile "
        "(nearest rank)."
    )
)
def time_in_stage(period: Period) -> list[TimeInStage]:
    start, after = period.bounds
    changes = (
        AuditEntry.objects.filter(event__in=STAGE_EVENTS, created__lt=after)
        .filter(
            idea__in=AuditEntry.objects.filter(period.moments("created"), event__in=STAGE_EVENTS).values(
                "idea"
            )
        )
        .annotate(to=recorded("stage"), status=recorded("status"))
        .order_by("idea", "created", "pk")
        .values_list("idea", "created", "to", "status")
    )
    days: dict[str, list[float]] = {stage: [] for stage in STAGES}
    for _idea, entries in groupby(changes, key=lambda entry: entry[0]):
        stage = entered = None
        for _same, moment, to, status in entries:
            leaves = stage is not None and (to != stage or status in Status.finished())
            if leaves and moment >= start:
                days[stage].append((moment - entered).total_seconds() / 86400)
            if to and to != stage:
                stage, entered = to, moment
            if status in Status.finished():
                stage = None
    return [
        TimeInStage(stage, len(spent), percentile(spent, 0.5), percentile(spent, 0.9))
        for stage, spent in days.items()
        if stage != Stage.GRADUATED
    ]


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


def _ideas_by(period: Period, field: str) -> dict[str, int]:
    return with_not_stated(
        submitted(period).values(key=F(field)).annotate(n=Count("pk", distinct=True)), "key"
    )


@rule(_("Ideas submitted in the period by challenge area (an idea in two areas counts in both)."))
def ideas_by_challenge_area(period: Period) -> dict[str, int]:
    return _ideas_by(period, "challenge_areas__slug")


@rule(_("Ideas submitted in the period by the municipality the applicant gave (its code)."))
def ideas_by_municipality(period: Period) -> dict[str, int]:
    return _ideas_by(period, "municipality__code")


@rule(_("Ideas submitted in the period by the type of organisation behind them."))
def ideas_by_organisation_type(period: Period) -> dict[str, int]:
    return _ideas_by(period, "organisation_type")


@rule(_("Ideas submitted in the period by the gender their contact person declared."))
def ideas_by_gender(period: Period) -> dict[str, int]:
    return _ideas_by(period, "contact_person__gender")
