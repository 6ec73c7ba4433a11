"""Where each idea stood when: one row per stretch an idea spent in a stage, derived from the
stage changes of its audit log and written beside them in the same transaction.

The audit log stays the record; this table is an index of it for the figures, so that "in stage
S at some moment of [a, b)" and "time spent in S" are range queries rather than a replay of the
entries' JSON. Unlike the log it is updated: a spell is closed when the idea moves on or ends.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .audit import AuditEvent
from .ideas import Idea, Stage, Status

#: The audit events that record where an idea stands (`new_value` holds its stage and/or status).
STAGE_EVENTS = [AuditEvent.IDEA_SUBMITTED, AuditEvent.DECISION_MADE, AuditEvent.IDEA_WITHDRAWN]


class StageSpell(models.Model):
    """A stretch of time an idea stood, unfinished, in one stage: from the audit entry that
    brought it there to the one that moved it on or ended it (`left` empty while it is there)."""

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="spells")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    entered = models.DateTimeField(_("entered"))
    left = models.DateTimeField(_("left"), null=True, blank=True)
    exit = models.CharField(
        _("exit"),
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text=_("How the idea ended when it left this stage finished; empty when it moved on."),
    )
    # The stage the ending was recorded at: a screening decision may end an idea still submitted.
    exit_stage = models.CharField(_("exit stage"), max_length=20, choices=Stage.choices, blank=True)

    class Meta:
        ordering = ["idea", "entered", "pk"]
        verbose_name = _("stage spell")
        verbose_name_plural = _("stage spells")
        indexes = [
            models.Index(fields=["stage", "entered", "left"], name="workflows_spell_stage_time"),
            models.Index(fields=["left", "stage", "entered"], name="workflows_spell_left"),
            models.Index(fields=["exit_stage", "left"], name="workflows_spell_exit"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["idea"], condition=models.Q(left__isnull=True), name="workflows_spell_one_open"
            )
        ]

    def __str__(self):
        return f"{self.idea_id} {self.stage} {self.entered:%Y-%m-%d}–{self.left or ''}"


@dataclass
class Spell:
    stage: str
    entered: object
    left: object = None
    exit: str = ""
    exit_stage: str = ""


def stage_after(new_value: dict) -> str | None:
    """The stage an idea stands in after a stage change: none once it is finished."""
    if new_value.get("status") in Status.finished():
        return None
    return new_value.get("stage")


def follow(current: Spell | None, new_value: dict, when) -> tuple[Spell | None, Spell | None]:
    """One stage change applied to the idea's open spell: (the spell it closes, the one it opens)."""
    after = stage_after(new_value)
    if current is not None and after == current.stage:
        return None, None
    closed = None
    if current is not None:
        closed = current
        closed.left = when
        if after is None:
            closed.exit = new_value.get("status", "")
            closed.exit_stage = new_value.get("stage") or ""
    return closed, Spell(after, when) if after else None


def spells_of(changes: Iterable[tuple[dict, object]]) -> Iterator[Spell]:
    """Every spell of one idea from its stage changes (new value, time) in the order written."""
    current = None
    for new_value, when in changes:
        closed, opened = follow(current, new_value or {}, when)
        if closed is not None:
            yield closed
        if opened is not None or closed is not None:
            current = opened
    if current is not None:
        yield current


def record_stage_change(idea: Idea, new_value: dict, when) -> None:
    """Closes and opens the idea's spells for a stage change just written to its audit log."""
    row = StageSpell.objects.filter(idea=idea, left__isnull=True).first()
    current = Spell(row.stage, row.entered) if row else None
    closed, opened = follow(current, new_value or {}, when)
    if closed is not None:
        StageSpell.objects.filter(pk=row.pk).update(
            left=closed.left, exit=closed.exit, exit_stage=closed.exit_stage
        )
    if opened is not None:
        StageSpell.objects.create(idea=idea, stage=opened.stage, entered=opened.entered)
