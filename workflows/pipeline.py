"""What the pipeline knows about each reviewer task of `IdeaFlow`, declared once, in stage order.

A task has the idea's stage while it waits, the group whose queue it lands in (the group
holding the task's permission, `groups.GROUP_PERMISSIONS`), and its decisions, in the order
the screens offer them, each with where it leaves the idea: its status, and its new stage when
the decision moves it on. `flows.py` draws which node each decision leads to; the actions,
screens, queries and demo data read everything else from here.
"""

from dataclasses import dataclass

from viewflow.workflow.status import STATUS

from .groups import ADVISORS, PILOT_COORDINATORS, SCREENING
from .models import DecisionCode, Stage, Status

#: The Viewflow statuses of a task still waiting: in its group's queue, or claimed.
OPEN_STATUSES = (STATUS.NEW, STATUS.ASSIGNED)


@dataclass(frozen=True)
class Outcome:
    """A decision, and the idea's status after it; `stage` is the idea's new stage if it moves on.

    `needs_pilot_plan`: the decision is refused until the idea has a pilot plan."""

    decision: DecisionCode
    status: Status
    stage: Stage | None = None
    needs_pilot_plan: bool = False


@dataclass(frozen=True)
class ReviewerTask:
    """A View task of `IdeaFlow` (`name` is its node), its stage, its group and its decisions."""

    name: str
    stage: Stage
    group: str
    outcomes: tuple[Outcome, ...]

    @property
    def decisions(self) -> tuple[DecisionCode, ...]:
        return tuple(outcome.decision for outcome in self.outcomes)

    def outcome(self, decision: str) -> Outcome:
        return next(outcome for outcome in self.outcomes if outcome.decision == decision)

    def after(self, decision: str, stage: str) -> tuple[str, str]:
        """The idea's (stage, status) once `decision` is made while the idea stood at `stage`.

        A decision that does not move the idea on leaves it at least at the task's stage.
        """
        outcome = self.outcome(decision)
        return outcome.stage or max(stage, self.stage, key=Stage.values.index), outcome.status


_TASKS = (
    ReviewerTask(
        "screen",
        stage=Stage.SCREENING,
        group=SCREENING,
        outcomes=(
            Outcome(DecisionCode.ADVANCE, Status.ACTIVE, stage=Stage.SUPPORT),
            Outcome(DecisionCode.REQUEST_INFORMATION, Status.AWAITING_APPLICANT),
            Outcome(DecisionCode.HOLD, Status.ON_HOLD),
            Outcome(DecisionCode.REJECT, Status.REJECTED),
        ),
    ),
    ReviewerTask(
        "on_hold",
        stage=Stage.SCREENING,
        group=SCREENING,
        outcomes=(
            Outcome(DecisionCode.RESUME, Status.ACTIVE),
            Outcome(DecisionCode.REJECT, Status.REJECTED),
        ),
    ),
    ReviewerTask(
        "support",
        stage=Stage.SUPPORT,
        group=ADVISORS,
        outcomes=(
            Outcome(DecisionCode.ADVANCE, Status.ACTIVE, stage=Stage.PILOT),
            Outcome(DecisionCode.CONTINUE, Status.ACTIVE),
            Outcome(DecisionCode.EXIT, Status.CLOSED),
        ),
    ),
    ReviewerTask(
        "pilot",
        stage=Stage.PILOT,
        group=PILOT_COORDINATORS,
        outcomes=(
            # The market stage builds on what the pilot set out to show: its plan and success criteria.
            Outcome(DecisionCode.MARKET, Status.ACTIVE, stage=Stage.MARKET, needs_pilot_plan=True),
            Outcome(DecisionCode.EXTEND, Status.ACTIVE),
            Outcome(DecisionCode.EXIT, Status.CLOSED),
        ),
    ),
    ReviewerTask(
        "market",
        stage=Stage.MARKET,
        group=PILOT_COORDINATORS,
        outcomes=(
            Outcome(DecisionCode.GRADUATE, Status.GRADUATED, stage=Stage.GRADUATED),
            Outcome(DecisionCode.CLOSE, Status.CLOSED),
        ),
    ),
)

#: The reviewer tasks by node name, in stage order.
TASKS: dict[str, ReviewerTask] = {task.name: task for task in _TASKS}


#: The stages in which reviewers work, in order: each has a rubric and a deadline.
REVIEW_STAGES = tuple(dict.fromkeys(task.stage for task in _TASKS))

#: The groups told of new tasks (each member chooses: an e-mail per task, or a daily digest).
REVIEWING_GROUPS = frozenset(task.group for task in _TASKS)

#: Decisions that end the idea without graduating it: they need a reason.
EXITS = frozenset(
    outcome.decision
    for task in _TASKS
    for outcome in task.outcomes
    if outcome.status in (Status.REJECTED, Status.CLOSED)
)


def decisions_of(task_name: str) -> tuple[DecisionCode, ...]:
    """The decisions the node `task_name` offers, in order; none if it is no reviewer task."""
    task = TASKS.get(task_name)
    return task.decisions if task is not None else ()
