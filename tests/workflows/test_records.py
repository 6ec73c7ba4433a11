"""Decisions and audit entries are written once; the rubric and deadlines are seeded; groups wired."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from workflows.groups import ensure_reviewer_groups
from workflows.models import AuditEntry, Criterion, Decision, ImmutableError, StageSettings, TaskDeadline
from workflows.queries import overdue, overdue_for_managers

from .helpers import claim_and_decide, effects, open_task

pytestmark = pytest.mark.django_db


def test_a_decision_is_never_changed_or_deleted(applicant, screener):
    decision = claim_and_decide(applicant.idea, screener, "advance", public_feedback="Bra!")
    decision.public_feedback = "Dålig."
    with pytest.raises(ImmutableError):
        decision.save()
    with pytest.raises(ImmutableError):
        decision.delete()
    assert Decision.objects.get().public_feedback == "Bra!"


def test_the_database_refuses_a_second_decision_on_the_same_task(applicant, screener):
    decision = claim_and_decide(applicant.idea, screener, "advance")
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            idea=decision.idea,
            task=decision.task,
            task_name="screen",
            stage="screening",
            code="reject",
            decided_by=screener,
        )
    assert Decision.objects.count() == 1


def test_the_unique_decision_per_task_is_the_backstop_when_no_lock_serialised_the_deciders(
    applicant, screener
):
    """On SQLite, SELECT ... FOR UPDATE locks nothing: if another decision slipped in, the constraint wins."""
    from workflows import actions, errors

    task = open_task(applicant.idea)
    actions.claim_task(task.pk, screener)
    Decision.objects.create(
        idea=applicant.idea,
        task=task,
        task_name="screen",
        stage="screening",
        code="hold",
        decided_by=screener,
    )
    audits = AuditEntry.objects.count()
    with pytest.raises(errors.TaskNotOpen):
        actions.decide(task.pk, screener, "advance")
    task.refresh_from_db()
    assert task.status == "ASSIGNED"
    assert AuditEntry.objects.count() == audits
    assert list(Decision.objects.values_list("code", flat=True)) == ["hold"]


def test_an_audit_entry_is_never_updated(applicant):
    entry = AuditEntry.objects.get(idea=applicant.idea)
    with translation.override("en"):
        assert entry.kind == 1
        assert entry.get_event_display() == "Idea submitted"
    entry.new_value = {"stage": "graduated"}
    with pytest.raises(ImmutableError):
        entry.save()


def test_every_reviewing_stage_has_the_default_rubric_and_a_deadline():
    for stage in ("screening", "support", "pilot", "market"):
        assert list(Criterion.objects.filter(stage=stage).values_list("code", flat=True)) == [
            "social_impact",
            "innovation",
            "feasibility",
            "scalability",
            "team_capacity",
        ]
        assert StageSettings.objects.get(stage=stage).deadline_days > 0


def test_a_stage_deadline_set_by_managers_applies_to_new_tasks(submit):
    StageSettings.objects.filter(stage="screening").update(deadline_days=3)
    applicant = submit()
    deadline = TaskDeadline.objects.get(idea=applicant.idea)
    assert deadline.due - deadline.task.created == datetime.timedelta(days=3)


def test_overdue_tasks_are_found_and_managers_told_only_past_the_stage_limit(applicant):
    deadline = TaskDeadline.objects.get(idea=applicant.idea)
    now = deadline.due + datetime.timedelta(days=1)
    assert list(overdue(now)) == [deadline]
    assert list(overdue_for_managers(now)) == []
    later = deadline.due + datetime.timedelta(days=8)
    assert list(overdue_for_managers(later)) == [deadline]
    assert list(overdue(timezone.now())) == []


def test_the_reviewer_groups_hold_their_task_permission_and_the_process_view_permission(db):
    groups = ensure_reviewer_groups()
    ensure_reviewer_groups()  # idempotent
    codenames = {name: set(g.permissions.values_list("codename", flat=True)) for name, g in groups.items()}
    assert {"view_ideaprocess", "screen_idea", "access_admin"} <= codenames["Screening committee"]
    assert "support_idea" not in codenames["Screening committee"]
    assert {"view_ideaprocess", "support_idea"} <= codenames["Advisors"]
    assert {"coordinate_pilot", "decide_market"} <= codenames["Pilot coordinators"]
    assert {"manage_ideaprocess", "change_criterion", "change_stagesettings"} <= codenames[
        "Programme managers"
    ]


def test_overdue_tasks_are_reminded_once_a_day_and_managers_told_once(applicant, screener, manager):
    from workflows import actions
    from workflows.deadlines import send_deadline_reminders

    deadline = TaskDeadline.objects.get(idea=applicant.idea)
    with effects() as found:
        assert send_deadline_reminders(deadline.due - datetime.timedelta(hours=1)) == (0, 0)
    assert found.outbox == []

    # Unclaimed: the whole group is reminded.
    with effects() as found:
        assert send_deadline_reminders(deadline.due + datetime.timedelta(days=1)) == (1, 0)
    assert [row.payload["to"] for row in found.outbox] == [["screener@example.org"]]
    assert send_deadline_reminders(deadline.due + datetime.timedelta(days=1, hours=2)) == (0, 0)

    # Claimed: its holder is reminded; past the stage's limit, managers hear of it once.
    actions.claim_task(deadline.task_id, screener)
    with effects() as found:
        assert send_deadline_reminders(deadline.due + datetime.timedelta(days=8)) == (1, 1)
    assert sorted(row.payload["template"] for row in found.outbox) == [
        "task_overdue",
        "task_overdue_managers",
    ]
    assert send_deadline_reminders(deadline.due + datetime.timedelta(days=10)) == (1, 0)


def test_the_deadline_job_is_a_periodic_command(applicant):
    from django.core.management import call_command

    from infra.management.commands.run_periodic_jobs import PERIODIC_JOBS

    assert "idea_deadlines" in dict(PERIODIC_JOBS)
    call_command("idea_deadlines")  # nothing is overdue yet: nothing happens
    assert not TaskDeadline.objects.filter(last_reminded__isnull=False).exists()


def test_a_reviewer_in_conflict_with_the_idea_is_not_reminded_of_its_overdue_task(
    applicant, screener, second_screener, manager
):
    from workflows import actions
    from workflows.deadlines import send_deadline_reminders

    actions.declare_conflict(applicant.idea.pk, second_screener, "Min kusin.")
    deadline = TaskDeadline.objects.get(idea=applicant.idea)
    with effects() as found:
        assert send_deadline_reminders(deadline.due + datetime.timedelta(days=8)) == (1, 1)
    assert [row.payload["to"] for row in found.outbox] == [["screener@example.org"], ["manager@example.org"]]
