"""Support activities, the pilot plan and the market outcome: recorded in their stage only."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from workflows import actions, errors
from workflows.models import AuditEvent, Decision, MarketOutcome, PilotPlan, SupportActivity

from .helpers import claim_and_decide, effects, open_task, save_a_pilot_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_support(applicant, screener):
    claim_and_decide(applicant.idea, screener, "advance")
    return applicant.refresh()


@pytest.fixture
def in_pilot(in_support, advisor):
    claim_and_decide(in_support, advisor, "advance")
    in_support.refresh_from_db()
    return in_support


@pytest.fixture
def in_market(in_pilot, coordinator):
    claim_and_decide(in_pilot, coordinator, "market")
    in_pilot.refresh_from_db()
    return in_pilot


def test_an_advisor_logs_support_activities(in_support, advisor):
    with effects() as found:
        activity = actions.log_support_activity(
            in_support.pk,
            advisor,
            date=datetime.date(2016, 3, 14),
            activity_type="financing_advice",
            hours=Decimal("2.5"),
            notes="Gick igenom Almis villkor.",
        )
    assert activity.logged_by == advisor
    assert activity.hours == Decimal("2.5")
    [entry] = found.audit
    assert entry.event == AuditEvent.SUPPORT_ACTIVITY_LOGGED
    assert entry.new_value == {"activity": activity.pk, "type": "financing_advice", "hours": "2.5"}
    assert found.outbox == []


def test_a_support_activity_with_bad_input_or_in_the_wrong_stage_changes_nothing(
    applicant, in_support, advisor, coordinator
):
    good = {"date": datetime.date(2016, 3, 14), "activity_type": "coaching", "hours": Decimal("1")}
    for bad in ({"hours": Decimal("0")}, {"activity_type": "party"}, {"hours": Decimal("5000")}):
        with effects() as found, pytest.raises(errors.InvalidInput):
            actions.log_support_activity(in_support.pk, advisor, **{**good, **bad})
        assert found.audit == []
    with pytest.raises(errors.NotAllowed):
        actions.log_support_activity(in_support.pk, coordinator, **good)
    assert not SupportActivity.objects.exists()


def test_a_pilot_plan_is_saved_then_its_results_added(in_pilot, coordinator):
    with effects() as found:
        actions.save_pilot_plan(
            in_pilot.pk,
            coordinator,
            partners="Malmö stadsbibliotek",
            start=datetime.date(2016, 9, 1),
            end=datetime.date(2017, 6, 1),
            budget=Decimal("150000"),
            success_criteria="100 elever deltar",
        )
    [entry] = found.audit
    assert entry.new_value["created"] is True
    assert "partners" in entry.new_value["fields"]
    assert "Malmö" not in str(entry.new_value)
    with effects() as found:
        plan = actions.save_pilot_plan(in_pilot.pk, coordinator, results="120 elever deltog.")
    assert plan.results == "120 elever deltog."
    assert plan.budget == Decimal("150000")
    assert [e.new_value["fields"] for e in found.audit] == [["results"]]


def test_a_pilot_that_ends_before_it_starts_is_refused(in_pilot, coordinator):
    with pytest.raises(errors.InvalidInput):
        actions.save_pilot_plan(
            in_pilot.pk,
            coordinator,
            start=datetime.date(2017, 1, 1),
            end=datetime.date(2016, 1, 1),
            success_criteria="x",
        )
    assert not PilotPlan.objects.exists()


def test_a_new_company_needs_a_valid_organisation_number_and_date(in_market, coordinator):
    with pytest.raises(errors.InvalidInput) as error:
        actions.record_market_outcome(in_market.pk, coordinator, outcome_type="new_company")
    assert {"organisation_number", "registration_date"} <= set(error.value.errors)
    with pytest.raises(errors.InvalidInput) as error:
        actions.record_market_outcome(
            in_market.pk,
            coordinator,
            outcome_type="new_company",
            organisation_number="556036-0794",
            registration_date=datetime.date(2017, 8, 1),
        )
    assert set(error.value.errors) == {"organisation_number"}
    assert not MarketOutcome.objects.exists()

    with effects() as found:
        outcome = actions.record_market_outcome(
            in_market.pk,
            coordinator,
            outcome_type="new_company",
            organisation_number="5560360793",
            registration_date=datetime.date(2017, 8, 1),
        )
    assert outcome.organisation_number == "556036-0793"
    assert [e.event for e in found.audit] == [AuditEvent.MARKET_OUTCOME_RECORDED]


def test_a_market_outcome_cannot_be_recorded_before_the_market_stage(in_pilot, coordinator):
    with pytest.raises(errors.WrongStage):
        actions.record_market_outcome(in_pilot.pk, coordinator, outcome_type="licensing")
    assert not MarketOutcome.objects.exists()


def test_the_market_outcome_points_to_its_organisation_in_the_register(in_market, coordinator):
    outcome = actions.record_market_outcome(
        in_market.pk,
        coordinator,
        outcome_type="new_company",
        organisation_number="5590169883",
        organisation_name="Läxhjälpen AB",
        registration_date=datetime.date(2026, 1, 15),
        product_new_to_firm=datetime.date(2026, 2, 1),
    )
    organisation = outcome.organisation
    assert (organisation.organisation_number, organisation.name) == ("559016-9883", "Läxhjälpen AB")
    assert (organisation.is_enterprise, organisation.registration_date) == (True, datetime.date(2026, 1, 15))
    assert outcome.product_new_to_firm == datetime.date(2026, 2, 1)
    # Without a number of its own, the outcome is the idea's organisation's.
    outcome = actions.record_market_outcome(in_market.pk, coordinator, outcome_type="scaled_within")
    assert outcome.organisation == in_market.organisation
    assert outcome.product_new_to_firm is None


def test_a_product_new_to_the_firm_cannot_come_out_in_the_future(in_market, coordinator):
    with pytest.raises(errors.InvalidInput) as error:
        actions.record_market_outcome(
            in_market.pk,
            coordinator,
            outcome_type="licensing",
            product_new_to_firm=datetime.date.today() + datetime.timedelta(days=2),
        )
    assert set(error.value.errors) == {"product_new_to_firm"}
    assert not MarketOutcome.objects.exists()


def test_taking_an_idea_to_market_without_a_pilot_plan_is_refused_and_changes_nothing(in_pilot, coordinator):
    task = open_task(in_pilot)
    actions.claim_task(task.pk, coordinator)
    refusals = {}
    with effects() as found:
        for language in ("sv", "en"):
            with translation.override(language), pytest.raises(errors.InvalidInput) as refusal:
                actions.decide(task.pk, coordinator, "market")
            refusals[language] = refusal.value.errors
    assert refusals == {
        "sv": {"code": ["Spara pilotplanen först: en idé går till marknaden på det som piloten visade."]},
        "en": {"code": ["Save the pilot plan first: an idea goes to market on what its pilot showed."]},
    }
    assert (found.audit, found.outbox) == ([], [])
    in_pilot.refresh_from_db()
    assert (in_pilot.stage, open_task(in_pilot).pk) == ("pilot", task.pk)
    assert not Decision.objects.filter(idea=in_pilot, code="market").exists()

    save_a_pilot_plan(in_pilot, coordinator)
    actions.decide(task.pk, coordinator, "market")
    in_pilot.refresh_from_db()
    assert in_pilot.stage == "market"


def test_the_pilots_results_are_added_in_the_market_stage(in_market, coordinator):
    plan = actions.save_pilot_plan(in_market.pk, coordinator, results="Tjugoåtta elever fick godkänt.")
    assert plan.results == "Tjugoåtta elever fick godkänt."
    assert plan.success_criteria == "Trettio elever med godkänt betyg."
