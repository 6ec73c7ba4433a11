"""The counting rules against numbers worked out by hand (the programme is in conftest.py)."""

import pytest

from figures import counting
from figures.counting import Period
from infra import personal_data
from reach.actions import erase_organisation, erase_person

from . import helpers as h

Q1 = Period.quarter(2026, 1)


def numbers(period: Period) -> dict:
    totals = counting.reached(period)
    return {
        "persons": totals.persons,
        "organisations": totals.organisations,
        "enterprises": totals.enterprises,
        "mobilised": counting.mobilised(period),
        "gender": counting.persons_by_gender(period),
        "co01": [row.name for row in counting.co01(period)],
        "co04": [row.name for row in counting.co04(period)],
        "co05": [row["name"] for row in counting.co05(period)],
        "co29": [row.name for row in counting.co29(period)],
        "not_countable": [idea.reference for idea in counting.not_countable(period)],
    }


def test_the_quarter_counts_as_worked_out_by_hand(programme):
    """Persons: anna (applicant and event participant: once), bo, cecilia (31 March 23:30, the
    last day: counted), erik = 4; david (1 April 00:00) and fia (October) are outside.
    Organisations reached: Alfa (two ideas and an event: once), Beta, Grannar = 3; enterprises
    among them with a number: Alfa, Beta = 2. Mobilised: 4 + 2 = 6.
    CO04: Alfa (ideas in support and screening), Delta (in market, open, when the quarter began).
    CO01: CO04 and Beta (an event) = 3. CO05: Alfa (2024-05-01 is after 2023-01-10) and Delta
    (2025-06-01 after 2022-10-01); Beta (2010) is not new. CO29: Delta (15 March).
    Grannar's idea has no organisation number: listed, not counted."""
    assert numbers(Q1) == {
        "persons": 4,
        "organisations": 3,
        "enterprises": 2,
        "mobilised": 6,
        "gender": {"woman": 1, "man": 1, "not_stated": 1, "undisclosed": 1},
        "co01": ["Alfa AB", "Beta ek. för.", "Delta AB"],
        "co04": ["Alfa AB", "Delta AB"],
        "co05": ["Alfa AB", "Delta AB"],
        "co29": ["Delta AB"],
        "not_countable": ["SIS-2026-00003"],
    }


def test_a_reach_on_the_day_after_the_period_is_not_counted(programme):
    """April's first day holds only david (Gamma, a public actor): 1 person, 1 organisation, no
    enterprise; nobody is counted twice across the two periods."""
    totals = counting.reached(Period(h.at(2026, 4, 1).date(), h.at(2026, 4, 1).date()))
    assert (totals.persons, totals.organisations, totals.enterprises) == (1, 1, 0)


def test_an_enterprise_in_two_ideas_counts_once(programme):
    """Alfa's two ideas, its support activity and anna's event: one row in CO01 and one in CO04."""
    assert [row.name for row in counting.co01(Q1)].count("Alfa AB") == 1
    assert [row.name for row in counting.co04(Q1)].count("Alfa AB") == 1


def test_erasing_a_person_changes_no_number_of_a_closed_period(programme):
    """Count, erase anna (applicant and participant) and erik, count again: the same numbers."""
    before = numbers(Q1)
    erase_person(programme["anna"])
    erase_person(programme["erik"])
    assert numbers(Q1) == before


def test_erasing_a_sole_trader_changes_no_number_of_a_closed_period(programme):
    """Alfa, erased as a sole trader's row would be (name and number gone), was still supported:
    the totals stay, and Alfa stays in CO01, CO04 and CO05 as one anonymous row."""
    before = numbers(Q1)
    erase_organisation(programme["alfa"])
    after = numbers(Q1)
    assert {key: len(value) if isinstance(value, list) else value for key, value in after.items()} == {
        key: len(value) if isinstance(value, list) else value for key, value in before.items()
    }
    assert after["not_countable"] == before["not_countable"]


def test_an_erased_person_counts_once(programme):
    """erik is erased before anything is counted: still one of the 4 persons, and still one
    who prefers not to say his gender."""
    erase_person(programme["erik"])
    assert counting.reached(Q1).persons == 4
    assert counting.persons_by_gender(Q1)["undisclosed"] == 1


def test_the_funnel_and_time_in_stage(programme):
    """Submitted in Q1: A1 (support), A2 (screening, rejected), G1 (support). Funnel: 3 submitted,
    3 reached screening, 2 support (2/3), none further. Spells in 'submitted' ending in Q1:
    A1 10 days, A2 14, G1 36 → median 14, 90th percentile (nearest rank, the 3rd of 3) 36.
    Delta's idea changed nothing in Q1: not read."""
    steps = {step.stage: (step.reached, step.conversion) for step in counting.funnel(Q1)}
    assert steps["submitted"] == (3, None)
    assert steps["screening"] == (3, 1.0)
    assert steps["support"] == (2, pytest.approx(2 / 3))
    assert steps["pilot"] == (0, 0.0)
    submitted = next(row for row in counting.time_in_stage(Q1) if row.stage == "submitted")
    assert (submitted.spells, submitted.median_days, submitted.p90_days) == (3, 14, 36)


def test_support_hours_and_outcomes(programme):
    """3.5 hours of coaching, no partner, on one idea; one new company recorded on 15 March."""
    assert [
        (row["partner_name"], row["activity_type"], float(row["hours"])) for row in counting.support_hours(Q1)
    ] == [(None, "coaching", 3.5)]
    assert counting.outcomes(Q1) == {"new_company": 1}


def test_the_pace_needed_by_the_end_of_the_programme(programme, settings):
    """Programme 2025-07-01 to 2028-06-30 (1 096 days), target 1 300. To the end of Q1 2026:
    persons anna, bo, cecilia, erik, fia = 5, enterprises Alfa, Beta, Delta = 3 → 8 mobilised.
    Straight line: 1 300 × 274 / 1 096 = 325 expected. Left: 1 292 over 821 days (26.97 months)
    → 48 a month."""
    from figures.models import ProgrammeTargets

    pace = counting.pace(Q1, ProgrammeTargets())
    assert (pace.reached, pace.expected, pace.remaining, pace.needed_per_month) == (8, 325, 1292, 48)
    assert pace.on_track is False


def test_erasing_a_person_through_the_registry_changes_no_number_of_a_closed_period(programme, manager):
    """anna is an applicant and an event participant: the registry erases her row in the
    register (the anonymous tally stays), and Q1 counts the same."""
    before = numbers(Q1)
    assert personal_data.erase("Anna@example.org", manager)["register"] == 1
    assert numbers(Q1) == before


@pytest.mark.parametrize(
    "period",
    [
        Q1,
        Period.quarter(2026, 2),
        Period.year(2026),
        Period(h.at(2026, 3, 31).date(), h.at(2026, 4, 1).date()),
    ],
)
def test_the_reports_one_pass_lists_what_each_rule_lists(programme, period):
    """The report takes CO01's, CO04's and CO05's enterprises from one pass: the same rows, in the
    same order, as the rules give one by one."""
    lists = counting.supported_enterprise_lists(period)
    assert {code: [row["name"] for row in rows] for code, rows in lists.items()} == {
        "co01": [row.name for row in counting.co01(period)],
        "co04": [row.name for row in counting.co04(period)],
        "co05": [row["name"] for row in counting.co05(period)],
    }
