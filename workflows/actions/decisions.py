"""Deciding a task, and scoring an idea against the stage's rubric."""

from django.db import IntegrityError
from django.utils.translation import gettext as _

from .. import errors
from ..models import AuditEvent, Criterion, Decision, DecisionCode, PilotPlan, Score
from ..notifications import email_applicant
from ..pipeline import EXITS, TASKS, decisions_of
from ..queries import open_task_of
from ._base import (
    audit,
    complete_view_task,
    locked_idea,
    locked_task,
    require_assigned_to,
    require_may_work_on,
    require_no_conflict,
    require_not_finished,
    route_new_tasks,
)
from ._index import enqueue_index


def decide(
    task_id: int, user, code: str, *, reason: str = "", private_note: str = "", public_feedback: str = ""
):
    """Record `user`'s decision on the task they hold and move the idea on.

    Preconditions (checked under the process lock): the idea is not finished, the task is open
    and assigned to `user`, `user` has no conflict of interest, `code` is one of the task's
    decisions, an exit (reject, exit, close) has a reason, and "market" follows a saved pilot
    plan. Writes the Decision, one audit entry and the applicant's e-mail; completing the task
    makes Viewflow open the next one, whose deadline and queue notification are written too.
    """
    with locked_task(task_id) as (idea, task):
        require_not_finished(idea)
        require_assigned_to(task, user)
        require_no_conflict(idea, user)
        task_name = task.flow_task.name
        if code not in decisions_of(task_name):
            raise errors.InvalidDecision()
        reviewer_task = TASKS[task_name]
        if code in EXITS and not reason.strip():
            raise errors.InvalidInput(errors={"reason": [_("Give a reason for this decision.")]})
        if reviewer_task.outcome(code).needs_pilot_plan and not PilotPlan.objects.filter(idea=idea).exists():
            raise errors.InvalidInput(
                errors={
                    "code": [_("Save the pilot plan first: an idea goes to market on what its pilot showed.")]
                }
            )
        old = {"stage": idea.stage, "status": idea.status}
        try:
            decision = Decision.objects.create(
                idea=idea,
                task=task,
                task_name=task_name,
                stage=reviewer_task.stage,
                code=code,
                decided_by=user,
                reason=reason.strip(),
                private_note=private_note,
                public_feedback=public_feedback,
            )
        except IntegrityError as error:  # the backstop when no lock serialised us (SQLite)
            raise errors.TaskNotOpen() from error
        complete_view_task(task)

        idea.stage, idea.status = reviewer_task.after(code, idea.stage)
        idea.save(update_fields=["stage", "status", "updated"])
        audit(
            idea,
            AuditEvent.DECISION_MADE,
            user=user,
            task=task,
            old=old,
            new={"stage": idea.stage, "status": idea.status, "decision": code, "decision_id": decision.pk},
        )
        template = "information_requested" if code == DecisionCode.REQUEST_INFORMATION else "decision"
        email_applicant(idea, template, decision=decision)
        enqueue_index(idea)  # a showcased idea's stage is a search facet
        route_new_tasks(idea)
        return decision


def score_idea(idea_id: int, user, scores: dict[str, int]):
    """Submit `user`'s scores of the idea on every criterion of the current stage's rubric.

    Any member of the group working on the open task may score (not only its holder); scores
    are submitted once per reviewer and stage. `scores` maps criterion codes to 1-5.
    """
    with locked_idea(idea_id) as idea:
        require_not_finished(idea)
        task = open_task_of(idea)
        if task is None:
            raise errors.TaskNotOpen()
        require_may_work_on(user, task)
        require_no_conflict(idea, user)
        stage = TASKS[task.flow_task.name].stage
        if Score.objects.filter(idea=idea, stage=stage, reviewer=user).exists():
            raise errors.AlreadyScored()
        rubric = {
            criterion.code: criterion for criterion in Criterion.objects.filter(stage=stage, active=True)
        }
        problems = {}
        if set(scores) != set(rubric):
            problems["scores"] = [_("Score every criterion of the rubric, and nothing else.")]
        for code, value in scores.items():
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
                problems[code] = [_("A score is a whole number from 1 to 5.")]
        if problems:
            raise errors.InvalidInput(errors=problems)
        Score.objects.bulk_create(
            Score(idea=idea, stage=stage, reviewer=user, criterion=rubric[code], value=value)
            for code, value in scores.items()
        )
        # The fact of scoring only: every reviewer reads the audit log, but a reviewer sees the
        # others' scores only once they gave their own (`queries.visible_scores`).
        audit(idea, AuditEvent.SCORES_SUBMITTED, user=user, task=task, new={"stage": stage})
        return weighted_score(scores, rubric)


def weighted_score(scores: dict[str, int], rubric: dict[str, Criterion]) -> float:
    total_weight = sum(rubric[code].weight for code in scores)
    return round(sum(rubric[code].weight * value for code, value in scores.items()) / total_weight, 2)
