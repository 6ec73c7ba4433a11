"""The idea pipeline as Viewflow runs it. Read it top to bottom: it is the process diagram.

submission → screen ─┬─ advance → support ─┬─ advance → pilot ─┬─ market → market ─┬─ graduate → graduated
                     ├─ request info ↓     ├─ continue ↺       ├─ extend ↺         └─ close → closed
                     │  awaiting applicant └─ exit → closed    └─ exit → closed
                     │  → screen
                     ├─ hold → on hold ─┬─ resume → screen
                     │                  └─ reject → rejected
                     └─ reject → rejected
withdrawal (any stage): the process is cancelled (workflows.actions.withdraw_idea).

The flow holds no business rules. Each View task goes to a group's queue through its task
permission (tasks are never pre-assigned: a reviewer claims one); the actions in
`workflows.actions` write a Decision and complete the task, and each gateway only reads the
decision made on the task before it. What each reviewer task means to the idea (its stage, its
group, its decisions and where they leave the idea) is declared in `workflows.pipeline`.
Deadlines per stage are `StageSettings.deadline_days`, stored per task in `TaskDeadline` by the
actions when a task opens.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.lock import select_for_update_lock

from .backoffice.views import task_view
from .models import Decision, DecisionCode, IdeaProcess

SUMMARY = "{{ process.idea.reference }} {{ process.idea.title }}"


def decided(code: str):
    """Gateway condition: the decision on the task just before the gateway was `code`."""

    def condition(activation) -> bool:
        # A join from the task's few predecessors: written as `task__in=previous`, SQLite's planner
        # read every decision with this code (tens of thousands) and tested each against the list.
        return Decision.objects.filter(task__leading=activation.task, code=code).exists()

    condition.__name__ = f"decided_{code}"
    return condition


def reviewer_task(title, description, permission: str) -> flow.View:
    """A View task in the queue of the group holding `permission`."""
    return (
        flow.View(task_view)
        .Annotation(title=title, description=description, summary_template=SUMMARY)
        .Permission(permission)
    )


class IdeaFlow(flow.Flow):
    """Idea

    An idea's way from submission through screening, support, pilot and market.
    """

    process_class = IdeaProcess
    lock_impl = select_for_update_lock
    process_summary_template = SUMMARY

    # Submission: started by workflows.actions.submit_idea, never from a screen.
    submission = flow.StartHandle(this.start_idea).Annotation(title=_("Submission")).Next(this.screen)

    # Screening: the Screening committee.
    screen = reviewer_task(
        _("Screen the idea"),
        _("Advance, request information, put on hold or reject."),
        "workflows.screen_idea",
    ).Next(this.what_did_screening_decide)
    what_did_screening_decide = (
        flow.Switch()
        .Annotation(title=_("What did screening decide?"))
        .Case(this.support, decided(DecisionCode.ADVANCE))
        .Case(this.awaiting_applicant, decided(DecisionCode.REQUEST_INFORMATION))
        .Case(this.on_hold, decided(DecisionCode.HOLD))
        .Case(this.rejected, decided(DecisionCode.REJECT))
    )
    awaiting_applicant = (
        flow.Handle()
        .Annotation(title=_("Awaiting the applicant"), description=_("Done when the applicant answers."))
        .Next(this.screen)
    )
    on_hold = reviewer_task(
        _("Idea on hold"), _("Resume screening or reject."), "workflows.screen_idea"
    ).Next(this.resume_or_reject)
    resume_or_reject = (
        flow.Switch()
        .Annotation(title=_("Resume or reject?"))
        .Case(this.screen, decided(DecisionCode.RESUME))
        .Case(this.rejected, decided(DecisionCode.REJECT))
    )

    # Support: Advisors.
    support = reviewer_task(
        _("Support the idea"), _("Advance to pilot, continue support, or exit."), "workflows.support_idea"
    ).Next(this.what_did_support_decide)
    what_did_support_decide = (
        flow.Switch()
        .Annotation(title=_("What did support decide?"))
        .Case(this.pilot, decided(DecisionCode.ADVANCE))
        .Case(this.support, decided(DecisionCode.CONTINUE))
        .Case(this.closed, decided(DecisionCode.EXIT))
    )

    # Pilot: Pilot coordinators.
    pilot = reviewer_task(
        _("Run the pilot"), _("Take to market, extend the pilot, or exit."), "workflows.coordinate_pilot"
    ).Next(this.what_did_the_pilot_show)
    what_did_the_pilot_show = (
        flow.Switch()
        .Annotation(title=_("What did the pilot show?"))
        .Case(this.market, decided(DecisionCode.MARKET))
        .Case(this.pilot, decided(DecisionCode.EXTEND))
        .Case(this.closed, decided(DecisionCode.EXIT))
    )

    # Market: Pilot coordinators (and managers).
    market = reviewer_task(_("Take it to market"), _("Graduate or close."), "workflows.decide_market").Next(
        this.graduate_or_close
    )
    graduate_or_close = (
        flow.Switch()
        .Annotation(title=_("Graduate or close?"))
        .Case(this.graduated, decided(DecisionCode.GRADUATE))
        .Case(this.closed, decided(DecisionCode.CLOSE))
    )

    # The ends. Withdrawal has no node: it cancels the process.
    graduated = flow.End().Annotation(title=_("Graduated"))
    rejected = flow.End().Annotation(title=_("Rejected"))
    closed = flow.End().Annotation(title=_("Closed"))

    def start_idea(self, activation, idea):
        activation.process.artifact = idea
        return activation.process
