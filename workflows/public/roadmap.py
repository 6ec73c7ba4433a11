"""The status page's roadmap: the programme's stages in order, where the idea is and what comes next.

Written for the applicant, in words as well as marks (a screen reader hears "done", "you are
here"), from the idea's stage and status alone.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import Idea, Stage, Status

#: The stages an idea passes through, in order (submitted waits for screening; graduated is past them all).
ROADMAP = (Stage.SCREENING, Stage.SUPPORT, Stage.PILOT, Stage.MARKET)


@dataclass(frozen=True)
class Step:
    name: str
    state: str  # done, current, next, later, stopped, not_reached: the CSS modifier too
    state_label: str


def _position(idea: Idea) -> int:
    """The index in ROADMAP of the idea's stage: 0 before screening, len(ROADMAP) once graduated."""
    if idea.stage == Stage.SUBMITTED:
        return 0
    if idea.stage == Stage.GRADUATED:
        return len(ROADMAP)
    return ROADMAP.index(idea.stage)


def roadmap(idea: Idea) -> list[Step]:
    position = _position(idea)
    ended = idea.status in (Status.REJECTED, Status.WITHDRAWN, Status.CLOSED)
    labels = {
        "done": _("done"),
        "current": _("you are here"),
        "next": _("next"),
        "later": _("later"),
        "stopped": _("ended here"),
        "not_reached": _("not reached"),
    }
    steps = []
    for index, stage in enumerate(ROADMAP):
        if index < position or idea.status == Status.GRADUATED:
            state = "done"
        elif index == position:
            state = "stopped" if ended else "current"
        elif ended:
            state = "not_reached"
        else:
            state = "next" if index == position + 1 else "later"
        steps.append(Step(Stage(stage).label, state, labels[state]))
    return steps


def what_comes_next(idea: Idea) -> str:
    """One sentence on the next step, or "" when the idea has left the programme."""
    if idea.is_finished or idea.stage == Stage.GRADUATED:
        return ""
    return {
        Stage.SUBMITTED: _(
            "Next: the screening committee reads the idea and decides whether it enters the programme."
        ),
        Stage.SCREENING: _(
            "Next: if the screening committee accepts the idea, it moves on to support, "
            "where an advisor helps you develop it."
        ),
        Stage.SUPPORT: _("Next: when the idea is ready to be tried out, it moves on to a pilot."),
        Stage.PILOT: _("Next: after the pilot, the idea can move on to market, to reach its users for real."),
        Stage.MARKET: _("Next: when the market stage is done, the idea completes the programme."),
    }[idea.stage]
