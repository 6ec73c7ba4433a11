"""Everything the Figures screen and the funders' report show for a period, from the counting
rules, with the labels a reader needs. A fixed number of queries, whatever the data."""

import functools
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from cms.models import ChallengeArea, Municipality
from reach.models import AgeBand, Gender, OrganisationType
from workflows.models import ActivityType, OutcomeType, Stage, Status

from . import counting
from .counting import NOT_STATED, Period
from .kept import counted as kept_count
from .tiles import tile_map

NOT_STATED_LABEL = _("Not stated")

#: What the enterprises' rules see of the organisations and the ideas (`figures.kept.counted`):
#: an organisation or an idea inserted has nothing yet that would make it counted.
ENTERPRISES = ("reach_organisation:changed", "workflows_idea:organisation")


@dataclass
class Breakdown:
    """One figure split by one dimension: (label, number) rows, "not stated" always among them."""

    title: str
    how: str
    rows: list[tuple[str, int]]
    code_of: dict[str, int] = field(default_factory=dict)

    @property
    def largest(self) -> int:
        return max((number for _label, number in self.rows), default=0)


def _labelled(counted: dict[str, int], labels: dict[str, str]) -> list[tuple[str, int]]:
    """Every known label in order (zeros included), then any unknown value, then "not stated"."""
    rows = [(label, counted.get(value, 0)) for value, label in labels.items()]
    rows += [
        (value, number) for value, number in counted.items() if value not in labels and value != NOT_STATED
    ]
    return [*rows, (NOT_STATED_LABEL, counted.get(NOT_STATED, 0))]


def _breakdown(title, rule, counted: dict[str, int], labels) -> Breakdown:
    """`counted`: what `rule` counts for the period (read with the other breakdowns)."""
    return Breakdown(str(title), rule.how, _labelled(counted, labels), counted)


def indicators(
    period: Period, targets, counted: dict[str, int] | None = None, totals: counting.ReachTotals | None = None
) -> list[dict]:
    """The funders' indicators and the programme's own figure: code, name, number, target, rule.
    `counted` holds indicators' numbers already counted by code (the report's lists behind them),
    and `totals` what `reached` counts for the period, which are then not counted again."""
    counted = counted or {}
    totals = totals or reached(period)
    # CO01, CO04 and CO05 come from one pass over the supported enterprises, made only if needed.
    supported = functools.cache(
        lambda: kept_count(
            "supported_enterprises",
            period,
            lambda: counting.supported_enterprises(period),
            follows=(*ENTERPRISES, "workflows_stagespell:support", "reach_reach:event"),
        )
    )
    rows = [
        ("mobilised", _("Persons and companies mobilised"), lambda: totals.mobilised, counting.mobilised),
        ("co01", _("CO01 Enterprises receiving support"), lambda: supported()["co01"], counting.co01),
        (
            "co04",
            _("CO04 Enterprises receiving non-financial support"),
            lambda: supported()["co04"],
            counting.co04,
        ),
        ("co05", _("CO05 New enterprises supported"), lambda: supported()["co05"], counting.co05),
        (
            "co29",
            _("CO29 Enterprises introducing products new to the firm"),
            lambda: kept_count("co29", period, lambda: counting.co29(period).count(), follows=ENTERPRISES),
            counting.co29,
        ),
    ]
    rows = [
        (code, name, counted[code] if code in counted else count(), rule) for code, name, count, rule in rows
    ]
    return [
        {"code": code, "name": name, "number": number, "target": targets.target_of(code), "how": rule.how}
        for code, name, number, rule in rows
    ] + [
        {
            "code": "persons",
            "name": _("Persons reached"),
            "number": totals.persons,
            "target": None,
            "how": counting.reached.how,
        },
        {
            "code": "organisations",
            "name": _("Organisations reached"),
            "number": totals.organisations,
            "target": None,
            "how": counting.reached.how,
        },
    ]


def reached(period: Period) -> counting.ReachTotals:
    return kept_count("reached", period, lambda: counting.reached(period))


def reach_profile(period: Period) -> tuple[counting.ReachTotals, dict[str, dict[str, int]]]:
    return kept_count("reach_profile", period, lambda: counting.reach_profile(period))


def _submitted_ideas(period: Period) -> tuple[list[dict], dict[str, dict[str, int]]]:
    """The period's ideas from one grouped query: their rows by stage and status (`n` each), and
    their numbers by each of `IDEA_FIELDS`. Summed up before they are kept: the rows of every
    combination of the five number as many as the ideas of a few days."""
    rows = counting.submitted_grouped(period, "stage", "status", *counting.IDEA_FIELDS.values())
    stages: dict[tuple[str, str], int] = {}
    for row in rows:
        stages[row["stage"], row["status"]] = stages.get((row["stage"], row["status"]), 0) + row["n"]
    by_stage = [{"stage": stage, "status": status, "n": n} for (stage, status), n in stages.items()]
    return by_stage, {
        name: counting.with_not_stated(rows, field) for name, field in counting.IDEA_FIELDS.items()
    }


def screen(period: Period, targets) -> dict:
    municipalities = dict(Municipality.objects.values_list("code", "name"))
    areas = {area.slug: area.label for area in ChallengeArea.objects.all()}  # in the reader's language
    stage_labels = dict(Stage.choices)
    # Every breakdown of the period's ideas (and their stages) from one grouped query, and of
    # whom it reached from two: a fixed few queries, each reading its table once.
    ideas, idea_counts = kept_count("submitted_ideas", period, lambda: _submitted_ideas(period))
    ideas_by = [
        _breakdown(
            _("Ideas by challenge area"),
            counting.ideas_by_challenge_area,
            kept_count(
                "ideas_by_challenge_area",
                period,
                lambda: counting.ideas_by_challenge_area(period),
                follows=("workflows_idea:created",),
            ),
            areas,
        ),
        _breakdown(
            _("Ideas by municipality"),
            counting.ideas_by_municipality,
            idea_counts["municipality"],
            municipalities,
        ),
        _breakdown(
            _("Ideas by organisation type"),
            counting.ideas_by_organisation_type,
            idea_counts["organisation_type"],
            dict(OrganisationType.choices),
        ),
        _breakdown(
            _("Ideas by the contact person's gender"),
            counting.ideas_by_gender,
            idea_counts["gender"],
            dict(Gender.choices),
        ),
    ]
    totals, reach_counts = reach_profile(period)
    reach_by = [
        _breakdown(
            _("Persons reached by gender"),
            counting.persons_by_gender,
            reach_counts["gender"],
            dict(Gender.choices),
        ),
        _breakdown(
            _("Persons reached by age"), counting.persons_by_age, reach_counts["age"], dict(AgeBand.choices)
        ),
        _breakdown(
            _("Persons reached by municipality"),
            counting.persons_by_municipality,
            reach_counts["municipality"],
            municipalities,
        ),
        _breakdown(
            _("Organisations reached by type"),
            counting.organisations_by_type,
            reach_counts["organisations"],
            dict(OrganisationType.choices),
        ),
    ]
    # The pace reads the programme to the period's end: the period itself when it starts with the programme.
    to_end = period.until_end(targets.start)
    exits = counting.stages_and_exits(period, ideas)
    exit_statuses = [Status.REJECTED, Status.WITHDRAWN, Status.CLOSED]
    return {
        "indicators": indicators(period, targets, totals=totals),
        "pace": counting.pace(period, targets, totals if to_end == period else reached(to_end)),
        "pace_how": counting.pace.how,
        "stages": [
            {
                "label": label,
                "in_progress": sum(
                    n for (s, status), n in exits.items() if s == stage and status not in exit_statuses
                ),
                "exits": [exits.get((stage, status), 0) for status in exit_statuses],
            }
            for stage, label in stage_labels.items()
        ],
        "exit_labels": [Status(status).label for status in exit_statuses],
        "stages_how": counting.stages_and_exits.how,
        "funnel": [
            (stage_labels[step.stage], step.reached, step.conversion)
            for step in counting.funnel(period, ideas)
        ],
        "funnel_how": counting.funnel.how,
        "time_in_stage": [
            (stage_labels[row.stage], row)
            for row in kept_count(
                "time_in_stage",
                period,
                lambda: counting.time_in_stage(period),
                follows=("workflows_stagespell:left",),
            )
        ],
        "time_in_stage_how": counting.time_in_stage.how,
        "support_hours": [
            {**row, "activity": ActivityType(row["activity_type"]).label}
            for row in kept_count("support_hours", period, lambda: counting.support_hours(period))
        ],
        "support_hours_how": counting.support_hours.how,
        "outcomes": _labelled(
            kept_count("outcomes", period, lambda: counting.outcomes(period)), dict(OutcomeType.choices)
        )[:-1],
        "outcomes_how": counting.outcomes.how,
        "ideas_by": ideas_by,
        "reach_by": reach_by,
        "map": tile_map(municipalities, reach_by[2].code_of, ideas_by[1].code_of),
    }
