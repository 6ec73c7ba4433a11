"""The stage spells agree with the audit log after every kind of stage change made by the actions:
each spell starts at the entry that brought the idea to its stage and ends at the one that moved
it on or ended it."""

import pytest

from workflows import actions
from workflows.models import STAGE_EVENTS, AuditEntry, StageSpell

from .helpers import claim_and_decide

pytestmark = pytest.mark.django_db


def spells(idea) -> list[tuple]:
    return list(
        StageSpell.objects.filter(idea=idea)
        .order_by("entered", "pk")
        .values_list("stage", "entered", "left", "exit", "exit_stage")
    )


def changes(idea) -> list:
    """The times of the idea's stage changes in the audit log, in order."""
    return list(
        AuditEntry.objects.filter(idea=idea, event__in=STAGE_EVENTS)
        .order_by("created", "pk")
        .values_list("created", flat=True)
    )


def test_a_submitted_idea_has_one_open_spell_in_submitted(applicant):
    [submitted] = changes(applicant.idea)
    assert spells(applicant.idea) == [("submitted", submitted, None, "", "")]


def test_each_stage_moved_to_closes_the_last_spell_and_opens_the_next(
    applicant, screener, advisor, coordinator
):
    idea = applicant.idea
    claim_and_decide(idea, screener, "advance")
    claim_and_decide(idea, advisor, "advance")
    claim_and_decide(idea, coordinator, "market")
    submitted, support, pilot, market = changes(idea)
    assert spells(idea) == [
        ("submitted", submitted, support, "", ""),
        ("support", support, pilot, "", ""),
        ("pilot", pilot, market, "", ""),
        ("market", market, None, "", ""),
    ]


def test_graduation_ends_the_market_spell(applicant, screener, advisor, coordinator):
    idea = applicant.idea
    for user, code in ((screener, "advance"), (advisor, "advance"), (coordinator, "market")):
        claim_and_decide(idea, user, code)
    claim_and_decide(idea, coordinator, "graduate")
    *_, market, graduated = changes(idea)
    assert spells(idea)[-1] == ("market", market, graduated, "graduated", "graduated")
    assert not StageSpell.objects.filter(idea=idea, left__isnull=True).exists()


def test_hold_and_a_request_for_information_keep_the_idea_in_its_spell(applicant, screener):
    idea = applicant.idea
    claim_and_decide(idea, screener, "request_information", public_feedback="Berätta mer.")
    actions.answer_information_request(applicant.secret, "Här är mer.")
    claim_and_decide(idea, screener, "hold")
    submitted, asked, held = changes(idea)
    # A screening decision that keeps the idea leaves it at least at screening.
    assert spells(idea) == [("submitted", submitted, asked, "", ""), ("screening", asked, None, "", "")]
    assert held > asked


def test_a_rejection_ends_the_spell_with_the_stage_it_was_recorded_at(applicant, screener):
    idea = applicant.idea
    claim_and_decide(idea, screener, "reject", reason="Utanför programmet.")
    submitted, rejected = changes(idea)
    assert spells(idea) == [("submitted", submitted, rejected, "rejected", "screening")]


def test_a_withdrawal_ends_the_spell_without_a_stage(applicant, screener):
    claim_and_decide(applicant.idea, screener, "advance")
    actions.withdraw_idea(applicant.secret, "Vi har gått vidare.")
    submitted, support, withdrawn = changes(applicant.idea)
    assert spells(applicant.idea) == [
        ("submitted", submitted, support, "", ""),
        ("support", support, withdrawn, "withdrawn", ""),
    ]
