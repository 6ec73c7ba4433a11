"""Every path through IdeaFlow, driven only through the actions, as the screens will drive it."""

import pytest
from viewflow.workflow.status import PROCESS, STATUS

from workflows import actions, errors
from workflows.models import AuditEvent, Decision, IdeaProcess, Stage, Status

from .helpers import claim_and_decide, effects, emails_to, flow_nodes, open_nodes, open_task

pytestmark = pytest.mark.django_db


def process_of(idea):
    return IdeaProcess.objects.get(pk=idea.process_id)


def test_a_submitted_idea_waits_in_the_screening_queue(applicant):
    idea = applicant.refresh()
    assert idea.stage == Stage.SUBMITTED
    assert idea.status == Status.ACTIVE
    assert open_nodes(idea) == ["screen"]
    assert process_of(idea).flow_class.__name__ == "IdeaFlow"


def test_an_idea_advances_through_every_stage_to_graduation(applicant, screener, advisor, coordinator):
    idea = applicant.idea
    claim_and_decide(idea, screener, "advance")
    assert (applicant.refresh().stage, idea.status, open_nodes(idea)) == ("support", "active", ["support"])
    claim_and_decide(idea, advisor, "advance")
    assert (applicant.refresh().stage, open_nodes(idea)) == ("pilot", ["pilot"])
    claim_and_decide(idea, coordinator, "market")
    assert (applicant.refresh().stage, open_nodes(idea)) == ("market", ["market"])

    with effects() as found:
        decision = claim_and_decide(idea, coordinator, "graduate", public_feedback="Grattis!")

    idea = applicant.refresh()
    assert (idea.stage, idea.status) == (Stage.GRADUATED, Status.GRADUATED)
    assert open_nodes(idea) == []
    assert flow_nodes(idea)[-1] == ("graduated", STATUS.DONE)
    assert process_of(idea).status == PROCESS.DONE
    assert [entry.event for entry in found.audit] == [AuditEvent.TASK_CLAIMED, AuditEvent.DECISION_MADE]
    assert found.audit[-1].new_value == {
        "stage": "graduated",
        "status": "graduated",
        "decision": "graduate",
        "decision_id": decision.pk,
    }
    [mail] = emails_to(found, "amina@example.org")
    assert "Grattis" in mail.payload["subject"]
    assert "Grattis!" in mail.payload["body"]
    assert list(Decision.objects.filter(idea=idea).values_list("code", flat=True)) == [
        "advance",
        "advance",
        "market",
        "graduate",
    ]


def test_a_request_for_information_waits_for_the_applicant_then_returns_to_screening(applicant, screener):
    idea = applicant.idea
    with effects() as found:
        claim_and_decide(idea, screener, "request_information", public_feedback="Hur många elever når ni?")
    idea = applicant.refresh()
    assert idea.status == Status.AWAITING_APPLICANT
    assert idea.stage == Stage.SCREENING
    assert open_nodes(idea) == ["awaiting_applicant"]
    [mail] = emails_to(found, "amina@example.org")
    assert mail.payload["template"] == "information_requested"
    assert "Hur många elever når ni?" in mail.payload["body"]

    with effects() as found:
        answer = actions.answer_information_request(applicant.secret, "Ungefär 120 elever per termin.")

    idea = applicant.refresh()
    assert idea.status == Status.ACTIVE
    assert open_nodes(idea) == ["screen"]
    assert answer.request.code == "request_information"
    [entry] = found.audit
    assert entry.event == AuditEvent.INFORMATION_ANSWERED
    assert entry.acting_user is None
    # The screening committee hears that the idea is back in its queue.
    assert {row.payload["template"] for row in found.outbox} == {"task_in_queue"}
    claim_and_decide(idea, screener, "advance")
    assert applicant.refresh().stage == Stage.SUPPORT


def test_an_idea_on_hold_resumes_screening(applicant, screener, second_screener):
    idea = applicant.idea
    claim_and_decide(idea, screener, "hold", public_feedback="Vi återkommer efter sommaren.")
    assert applicant.refresh().status == Status.ON_HOLD
    assert open_nodes(idea) == ["on_hold"]
    claim_and_decide(idea, second_screener, "resume")
    assert applicant.refresh().status == Status.ACTIVE
    assert open_nodes(idea) == ["screen"]


def test_an_idea_on_hold_can_be_rejected(applicant, screener):
    claim_and_decide(applicant.idea, screener, "hold")
    claim_and_decide(applicant.idea, screener, "reject", reason="Outside the programme's scope")
    idea = applicant.refresh()
    assert idea.status == Status.REJECTED
    assert flow_nodes(idea)[-1] == ("rejected", STATUS.DONE)


def test_an_idea_rejected_at_screening_ends_the_process(applicant, screener):
    with effects() as found:
        decision = claim_and_decide(
            applicant.idea, screener, "reject", reason="Not a social innovation", public_feedback="Tack ändå."
        )
    idea = applicant.refresh()
    assert (idea.stage, idea.status) == (Stage.SCREENING, Status.REJECTED)
    assert open_nodes(idea) == []
    assert process_of(idea).status == PROCESS.DONE
    assert decision.reason == "Not a social innovation"
    assert [e.event for e in found.audit].count(AuditEvent.DECISION_MADE) == 1
    assert len(emails_to(found, "amina@example.org")) == 1


@pytest.mark.parametrize("stage", ["support", "pilot"])
def test_an_exit_at_support_or_pilot_closes_the_idea(applicant, screener, advisor, coordinator, stage):
    idea = applicant.idea
    claim_and_decide(idea, screener, "advance")
    if stage == "pilot":
        claim_and_decide(idea, advisor, "advance")
    claim_and_decide(idea, advisor if stage == "support" else coordinator, "exit", reason="No capacity")
    idea = applicant.refresh()
    assert (idea.stage, idea.status) == (stage, Status.CLOSED)
    assert flow_nodes(idea)[-1] == ("closed", STATUS.DONE)


def test_continued_support_and_an_extended_pilot_stay_in_their_stage(
    applicant, screener, advisor, coordinator
):
    idea = applicant.idea
    claim_and_decide(idea, screener, "advance")
    claim_and_decide(idea, advisor, "continue")
    assert applicant.refresh().stage == Stage.SUPPORT
    assert open_nodes(idea) == ["support"]
    claim_and_decide(idea, advisor, "advance")
    claim_and_decide(idea, coordinator, "extend")
    assert applicant.refresh().stage == Stage.PILOT
    assert open_nodes(idea) == ["pilot"]


def test_closing_at_market_ends_the_idea(applicant, screener, advisor, coordinator):
    idea = applicant.idea
    for user, code in [(screener, "advance"), (advisor, "advance"), (coordinator, "market")]:
        claim_and_decide(idea, user, code)
    claim_and_decide(idea, coordinator, "close", reason="The market did not take it up")
    idea = applicant.refresh()
    assert (idea.stage, idea.status) == (Stage.MARKET, Status.CLOSED)
    assert flow_nodes(idea)[-1] == ("closed", STATUS.DONE)


STEPS_TO = {
    "screening": [],
    "awaiting_applicant": [("screener", "request_information")],
    "on_hold": [("screener", "hold")],
    "support": [("screener", "advance")],
    "pilot": [("screener", "advance"), ("advisor", "advance")],
    "market": [("screener", "advance"), ("advisor", "advance"), ("coordinator", "market")],
}


@pytest.mark.parametrize("where", list(STEPS_TO))
def test_a_withdrawal_cancels_the_open_tasks_and_ends_the_process(applicant, cast, where):
    idea = applicant.idea
    for who, code in STEPS_TO[where]:
        claim_and_decide(idea, cast[who], code)
    if where == "screening":
        actions.claim_task(open_task(idea).pk, cast["screener"])  # withdrawn while someone works on it
    assert open_nodes(idea)

    with effects() as found:
        actions.withdraw_idea(applicant.secret, reason="Vi har fått annan finansiering.")

    idea = applicant.refresh()
    assert idea.status == Status.WITHDRAWN
    assert idea.withdrawal_reason
    assert open_nodes(idea) == []
    assert flow_nodes(idea)[-1][1] == STATUS.CANCELED
    assert process_of(idea).status == PROCESS.CANCELED
    [entry] = found.audit
    assert entry.event == AuditEvent.IDEA_WITHDRAWN
    assert entry.new_value["status"] == "withdrawn"
    assert [row.payload.get("template", row.kind) for row in found.outbox] == ["withdrawn", "index"]


def test_nothing_can_be_decided_on_a_withdrawn_idea(applicant, screener):
    task = open_task(applicant.idea)
    actions.claim_task(task.pk, screener)
    actions.withdraw_idea(applicant.secret)
    with effects() as found, pytest.raises(errors.IdeaFinished):
        actions.decide(task.pk, screener, "advance")
    assert found.audit == []
    assert found.outbox == []
    assert not Decision.objects.exists()
    with pytest.raises(errors.IdeaFinished):
        actions.withdraw_idea(applicant.secret)


def test_every_reviewer_task_has_a_title_a_group_permission_and_the_real_lock():
    from viewflow.workflow.lock import select_for_update_lock

    from workflows.flows import IdeaFlow
    from workflows.pipeline import TASKS

    assert IdeaFlow.lock_impl is select_for_update_lock
    for name in TASKS:
        node = getattr(IdeaFlow, name)
        assert node.task_title
        assert node._owner_permission.startswith("workflows.")
        assert node._owner is None  # never pre-assigned: tasks land in the group's queue


def test_the_gateway_after_each_reviewer_task_has_a_case_for_each_of_its_decisions_in_order():
    from workflows.flows import IdeaFlow
    from workflows.pipeline import TASKS

    for name, task in TASKS.items():
        gateway = getattr(IdeaFlow, name)._next
        cases = [condition.__name__ for _, condition in gateway._activate_next]
        assert cases == [f"decided_{decision}" for decision in task.decisions]


def test_the_flow_draws_as_a_diagram_with_every_stage():
    from django.utils import translation
    from viewflow.workflow import chart

    from workflows.flows import IdeaFlow

    with translation.override("en"):
        svg = chart.grid_to_svg(chart.calc_layout_data(IdeaFlow.instance))
    titles = ("Screen the idea", "Idea on hold", "Support the idea", "Run the pilot", "Take it to market")
    for title in titles:
        assert title.lower() in svg.lower()
