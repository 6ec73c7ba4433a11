"""Reviewing: the rubric, reviewers' scores, conflicts of interest and immutable decisions."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .ideas import Idea, Stage


class ImmutableError(Exception):
    """An attempt to change or delete a record that is written once."""


class WriteOnceModel(models.Model):
    """A record that is created once and never updated or deleted through the ORM instance."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError(f"{type(self).__name__} records are never changed once written")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(f"{type(self).__name__} records are never deleted one by one")


def stage_position() -> models.Case:
    return models.Case(
        *(models.When(stage=stage, then=models.Value(position)) for position, stage in enumerate(Stage)),
        output_field=models.IntegerField(),
    )


class Criterion(models.Model):
    """One line of a stage's scoring rubric; managers edit weights and wording."""

    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("A short name for exports, unique within the stage: letters, digits, - and _."),
    )
    name = models.CharField(_("name (Swedish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    guidance = models.TextField(
        _("guidance (Swedish)"),
        blank=True,
        help_text=_("What a reviewer looks for, shown under the criterion on the scoring form."),
    )
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "1-10: how much the criterion counts in the stage's weighted score. "
            "Fixed once scores have been given on the criterion."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Criteria are shown from the lowest number up.")
    )
    active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Untick to take the criterion out of the rubric; scores already given keep it."),
    )

    class Meta:
        # Stages in the order an idea meets them, not alphabetically.
        ordering = [stage_position(), "sort_order", "pk"]
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        constraints = [models.UniqueConstraint(fields=["stage", "code"], name="workflows_criterion_unique")]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.name_en if get_language() == "en" else self.name

    @property
    def guidance_text(self) -> str:
        """The guidance in the reader's language; the other language's when that one is empty."""
        texts = (
            (self.guidance_en, self.guidance) if get_language() == "en" else (self.guidance, self.guidance_en)
        )
        return next((text for text in texts if text), "")


SCALE = (1, 5)


class Score(models.Model):
    """A reviewer's score of an idea on one criterion of the stage's rubric (1-5)."""

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="scores")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT)
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCALE[0]), MaxValueValidator(SCALE[1])]
    )
    created = models.DateTimeField(_("scored"), default=timezone.now)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "stage", "reviewer", "criterion"], name="workflows_score_once_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=SCALE[0], value__lte=SCALE[1]), name="workflows_score_on_scale"
            ),
        ]

    def __str__(self):
        return f"{self.criterion.code}={self.value}"


class ConflictOfInterest(models.Model):
    """A reviewer's declaration that they must not handle an idea; it excludes them for good."""

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    declared = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["idea", "reviewer"], name="workflows_conflict_once")]

    def __str__(self):
        return f"{self.idea.reference}: {self.reviewer}"


class DecisionCode(models.TextChoices):
    ADVANCE = "advance", _("Advance")
    REQUEST_INFORMATION = "request_information", _("Request more information")
    HOLD = "hold", _("Put on hold")
    REJECT = "reject", _("Reject")
    RESUME = "resume", _("Resume")
    CONTINUE = "continue", _("Continue support")
    EXIT = "exit", _("Exit")
    MARKET = "market", _("Take to market")
    EXTEND = "extend", _("Extend the pilot")
    GRADUATE = "graduate", _("Graduate")
    CLOSE = "close", _("Close")


class Decision(WriteOnceModel):
    """A reviewer's decision on one task: written once, never changed; at most one per task.

    On PostgreSQL a trigger (migration 0009) refuses DELETE and any UPDATE but the erasure's
    blanking of the texts (`personal_data.INVENTORY`); the idea, task and decider are PROTECTed.
    """

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.PROTECT, related_name="decisions")
    task = models.OneToOneField(
        "viewflow.Task", verbose_name=_("task"), on_delete=models.PROTECT, related_name="decision"
    )
    task_name = models.CharField(_("task"), max_length=40)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    code = models.CharField(_("decision"), max_length=30, choices=DecisionCode.choices, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    decided = models.DateTimeField(_("decided"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    private_note = models.TextField(_("private note"), blank=True)
    public_feedback = models.TextField(_("feedback to the applicant"), blank=True)

    class Meta:
        ordering = ["decided", "pk"]
        get_latest_by = ["decided", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [models.Index(fields=["idea", "decided"], name="workflows_decision_idea")]

    def __str__(self):
        return f"{self.idea_id}: {self.code}"
