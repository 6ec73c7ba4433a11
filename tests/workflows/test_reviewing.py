"""Claiming, releasing, reassigning, conflicts of interest, scoring and deciding: the preconditions."""

import pytest
from viewflow.workflow.status import STATUS

from workflows import actions, errors
from workflows.models import AuditEvent, ConflictOfInterest, Decision, Score, Stage
from workflows.queries import inbox, queue, visible_scores

from .helpers import claim_and_decide, effects, open_task

pytestmark = pytest.mark.django_db

RUBRIC = {"social_impact": 5, "innovation": 4, "feasibility": 3, "scalability": 2, "team_capacity": 4}


def test_claiming_a_task_moves_it_from_the_queue_to_the_inbox_and_starts_screening(applicant, screener):
    task = open_task(applicant.idea)
    assert list(queue(screener)) == [task]
    assert list(inbox(screener)) == []
    with effects() as found:
        actions.claim_task(task.pk, screener)
    task.refresh_from_db()
    assert task.status == STATUS.ASSIGNED
    assert task.owner == screener
    assert task.assigned
    assert applicant.refresh().stage == Stage.SCREENING
    assert list(inbox(screener)) == [task]
    assert list(queue(screener)) == []
    [entry] = found.audit
    assert (entry.event, entry.old_value, entry.new_value) == (
        AuditEvent.TASK_CLAIMED,
        {"stage": "submitted"},
        {"stage": "screening", "owner": screener.pk},
    )
    assert found.outbox == []


def test_a_task_claimed_by_someone_else_cannot_be_claimed(applicant, screener, second_screener):
    task = open_task(applicant.idea)
    actions.claim_task(task.pk, screener)
    with effects() as found, pytest.raises(errors.TaskAlreadyClaimed):
        actions.claim_task(task.pk, second_screener)
    assert found.audit == []
    # A replayed claim by the holder changes nothing and logs nothing.
    with effects() as found:
        actions.claim_task(task.pk, screener)
    assert found.audit == []


def test_a_reviewer_of_another_group_can_neither_see_nor_claim_the_task(applicant, advisor):
    task = open_task(applicant.idea)
    assert list(queue(advisor)) == []
    with pytest.raises(errors.NotAllowed):
        actions.claim_task(task.pk, advisor)
    task.refresh_from_db()
    assert task.owner is None


def test_without_the_view_permission_the_queue_is_empty(applicant, screener):
    from django.contrib.auth.models import Permission

    screener.groups.first().permissions.remove(Permission.objects.get(codename="view_ideaprocess"))
    screener = type(screener).objects.get(pk=screener.pk)
    assert list(queue(screener)) == []


def test_a_released_task_returns_to_the_queue(applicant, screener, second_screener):
    task = open_task(applicant.idea)
    actions.claim_task(task.pk, screener)
    with pytest.raises(errors.TaskNotYours):
        actions.release_task(task.pk, second_screener)
    with effects() as found:
        actions.release_task(task.pk, screener)
    task.refresh_from_db()
    assert task.status == STATUS.NEW
    assert task.owner is None
    assert [entry.event for entry in found.audit] == [AuditEvent.TASK_RELEASED]
    assert list(queue(second_screener)) == [task]


def test_a_manager_reassigns_a_task_to_a_member_of_its_group_only(
    applicant, screener, second_screener, advisor, manager
):
    task = open_task(applicant.idea)
    actions.claim_task(task.pk, screener)
    with pytest.raises(errors.NotAllowed):
        actions.reassign_task(task.pk, screener, second_screener)  # not a manager
    with pytest.raises(errors.NotAllowed):
        actions.reassign_task(task.pk, manager, advisor)  # not in the screening committee
    with effects() as found:
        actions.reassign_task(task.pk, manager, second_screener)
    task.refresh_from_db()
    assert task.owner == second_screener
    assert task.status == STATUS.ASSIGNED
    [entry] = found.audit
    assert entry.event == AuditEvent.TASK_REASSIGNED
    assert entry.acting_user == manager
    assert (entry.old_value, entry.new_value) == ({"owner": screener.pk}, {"owner": second_screener.pk})


def test_a_declared_conflict_returns_the_task_to_the_queue_and_excludes_the_reviewer(
    applicant, screener, second_screener
):
    task = open_task(applicant.idea)
    actions.claim_task(task.pk, screener)
    with effects() as found:
        actions.declare_conflict(applicant.idea.pk, screener, reason="My sister runs the association.")
    task.refresh_from_db()
    assert task.status == STATUS.NEW
    assert task.owner is None
    [entry] = found.audit
    assert entry.event == AuditEvent.CONFLICT_DECLARED
    assert entry.new_value["returned_tasks"] == [task.pk]
    assert "sister" not in str(entry.new_value)
    # The group hears the task is back, the reviewer in conflict does not.
    assert [row.payload["to"] for row in found.outbox] == [["screener2@example.org"]]
    assert list(queue(screener)) == []
    assert list(queue(second_screener)) == [task]
    for attempt in (
        lambda: actions.claim_task(task.pk, screener),
        lambda: actions.score_idea(applicant.idea.pk, screener, RUBRIC),
    ):
        with pytest.raises(errors.InConflict):
            attempt()
    assert ConflictOfInterest.objects.count() == 1


def test_a_reviewer_sees_the_others_scores_only_after_submitting_their_own(
    applicant, screener, second_screener
):
    idea = applicant.idea
    with effects() as found:
        weighted = actions.score_idea(idea.pk, screener, RUBRIC)
    assert weighted == round((5 * 3 + 4 * 2 + 3 * 2 + 2 * 1 + 4 * 1) / 9, 2)
    [entry] = found.audit
    # The fact of scoring; the scores themselves show only where `visible_scores` lets them.
    assert (entry.event, entry.new_value) == (AuditEvent.SCORES_SUBMITTED, {"stage": "screening"})

    assert list(visible_scores(idea, second_screener, "screening")) == []
    assert visible_scores(idea, screener, "screening").count() == 5
    actions.score_idea(idea.pk, second_screener, {**RUBRIC, "innovation": 1})
    assert visible_scores(idea, second_screener, "screening").count() == 10


def test_scores_are_submitted_once_complete_and_on_the_scale(applicant, screener, advisor):
    idea = applicant.idea
    for bad in (
        {**RUBRIC, "innovation": 6},
        {**RUBRIC, "innovation": 0},
        {"innovation": 3},
        {**RUBRIC, "x": 3},
    ):
        with effects() as found, pytest.raises(errors.InvalidInput):
            actions.score_idea(idea.pk, screener, bad)
        assert found.audit == []
        assert not Score.objects.exists()
    with pytest.raises(errors.NotAllowed):
        actions.score_idea(idea.pk, advisor, RUBRIC)
    actions.score_idea(idea.pk, screener, RUBRIC)
    with pytest.raises(errors.AlreadyScored):
        actions.score_idea(idea.pk, screener, {**RUBRIC, "innovation": 1})
    assert Score.objects.filter(criterion__code="innovation").get().value == 4


def test_a_decision_needs_the_task_to_be_claimed_by_the_decider(applicant, screener, second_screener):
    task = open_task(applicant.idea)
    with pytest.raises(errors.TaskNotYours):
        actions.decide(task.pk, screener, "advance")
    actions.claim_task(task.pk, screener)
    with effects() as found, pytest.raises(errors.TaskNotYours):
        actions.decide(task.pk, second_screener, "advance")
    assert found.audit == []
    assert found.outbox == []
    assert not Decision.objects.exists()


def test_a_decision_not_offered_by_the_task_is_refused(applicant, screener):
    task = open_task(applicant.idea)
    actions.claim_task(task.pk, screener)
    for code in ("graduate", "resume", "nonsense"):
        with pytest.raises(errors.InvalidDecision):
            actions.decide(task.pk, screener, code)
    with pytest.raises(errors.InvalidInput):
        actions.decide(task.pk, screener, "reject", reason="  ")
    task.refresh_from_db()
    assert task.status == STATUS.ASSIGNED
    assert not Decision.objects.exists()


def test_a_second_decision_on_a_closed_task_is_refused(applicant, screener):
    task = open_task(applicant.idea)
    actions.claim_task(task.pk, screener)
    actions.decide(task.pk, screener, "advance")
    with effects() as found, pytest.raises(errors.TaskNotOpen):
        actions.decide(task.pk, screener, "reject", reason="Changed my mind")
    assert found.audit == []
    assert found.outbox == []
    assert list(Decision.objects.values_list("code", flat=True)) == ["advance"]
    assert applicant.refresh().stage == Stage.SUPPORT


def test_each_decision_e_mails_the_applicant_and_the_next_group(applicant, screener, advisor):
    with effects() as found:
        claim_and_decide(applicant.idea, screener, "advance", public_feedback="Välkommen till stödfasen!")
    applicant_mail, advisor_mail = [row for row in found.outbox if row.kind == "email"]
    assert applicant_mail.payload["to"] == ["amina@example.org"]
    assert "går vidare" in applicant_mail.payload["subject"]
    assert "stöd" in applicant_mail.payload["body"]
    assert "Välkommen till stödfasen!" in applicant_mail.payload["body"]
    assert advisor_mail.payload["to"] == ["advisor@example.org"]
    assert advisor_mail.payload["template"] == "task_in_queue"


def test_an_unknown_task_or_idea_is_a_clear_error(screener):
    with pytest.raises(errors.NotFound):
        actions.claim_task(999999, screener)
    with pytest.raises(errors.NotFound):
        actions.declare_conflict(999999, screener)


def test_a_manager_may_release_anyones_task(applicant, screener, manager):
    task = open_task(applicant.idea)
    actions.claim_task(task.pk, screener)
    with effects() as found:
        actions.release_task(task.pk, manager)
    task.refresh_from_db()
    assert task.owner is None
    assert [e.acting_user for e in found.audit] == [manager]
