"""Time in stage is computed in SQL: it agrees with a plain walk over the audit entries, idea by
idea, on generated ideas of every scenario (withdrawn, rejected, on hold, graduated)."""

import datetime
from itertools import groupby

import pytest
from django.db.models import CharField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from figures.counting import Period, time_in_stage
from fixtures.generate_ideas import SCENARIOS, IdeaGenerator
from workflows.models import STAGE_EVENTS, AuditEntry, Stage, Status


def recorded(key: str) -> Cast:
    """A key of the audit entry's `new_value` as text."""
    return Cast(KT(f"new_value__{key}"), CharField())


def walked(period: Period) -> dict[str, list[float]]:
    """The days of each spell left in the period, from the entries in order (the rule's words)."""
    start, after = period.bounds
    ideas = AuditEntry.objects.filter(period.moments("created"), event__in=STAGE_EVENTS).values("idea")
    changes = (
        AuditEntry.objects.filter(event__in=STAGE_EVENTS, created__lt=after, idea__in=ideas)
        .annotate(to=recorded("stage"), status=recorded("status"))
        .order_by("idea", "created", "pk")
        .values_list("idea", "created", "to", "status")
    )
    days: dict[str, list[float]] = {stage: [] for stage in Stage.values}
    for _idea, entries in groupby(changes, key=lambda entry: entry[0]):
        stage = entered = None
        for _same, moment, to, status in entries:
            if stage is not None and (to != stage or status in Status.finished()) and moment >= start:
                days[stage].append((moment - entered).total_seconds() / 86400)
            if to and to != stage:
                stage, entered = to, moment
            if status in Status.finished():
                stage = None
    return days


def nearest_rank(values: list[float], share: float) -> float | None:
    ordered = sorted(values)
    return ordered[int(max(1, -(-len(ordered) * share // 1))) - 1] if ordered else None


@pytest.mark.django_db
def test_time_in_stage_agrees_with_a_walk_over_the_audit_entries(screener, advisor, coordinator, taxonomy):
    IdeaGenerator(8, SCENARIOS).run(400, lambda n: None)
    today = datetime.date.today()
    for period in (Period(today - datetime.timedelta(days=3 * 366), today), Period.year(today.year - 1)):
        spells = walked(period)
        computed = {row.stage: row for row in time_in_stage(period)}
        for stage, days in spells.items():
            if stage == Stage.GRADUATED:
                continue
            row = computed[stage]
            assert (row.spells, row.median_days, row.p90_days) == pytest.approx(
                (len(days), nearest_rank(days, 0.5), nearest_rank(days, 0.9)), abs=1e-5
            ), stage
        assert sum(len(days) for days in spells.values()) > 100
