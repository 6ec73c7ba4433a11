"""The idea's audit log, after zulip's RealmAuditLog: one row per event, never updated.

No personal data: values are codes, ids and numbers; free text (notes, feedback, answers)
stays in its own record and is referred to by id.

Write-once in Python (`WriteOnceModel`) and, on PostgreSQL, in the database (a trigger refuses
every UPDATE and DELETE, migration 0009). So nothing that an entry names may go: the idea, the
task and the acting user are PROTECTed (a reviewer who leaves is deactivated, not deleted).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .ideas import Idea
from .reviews import WriteOnceModel


class AuditEvent(models.IntegerChoices):
    """Event codes grouped by kind: the hundreds digit is the kind (see `AuditEntry.kind`)."""

    # 1xx: the idea and its applicant
    IDEA_SUBMITTED = 101, _("Idea submitted")
    INFORMATION_ANSWERED = 102, _("Applicant answered a request for information")
    IDEA_WITHDRAWN = 103, _("Idea withdrawn")
    SHOWCASE_CONSENT_CHANGED = 104, _("Showcase consent changed")
    PERSONAL_DATA_ERASED = 105, _("Applicant's personal data erased")
    TEAM_MEMBER_ERASED = 106, _("Team member's personal data erased")
    # 2xx: tasks and who holds them
    TASK_CLAIMED = 201, _("Task claimed")
    TASK_RELEASED = 202, _("Task released")
    TASK_REASSIGNED = 203, _("Task reassigned")
    CONFLICT_DECLARED = 204, _("Conflict of interest declared")
    # 3xx: decisions and scores
    DECISION_MADE = 301, _("Decision made")
    SCORES_SUBMITTED = 302, _("Scores submitted")
    # 4xx: what a stage records
    SUPPORT_ACTIVITY_LOGGED = 401, _("Support activity logged")
    PILOT_PLAN_SAVED = 402, _("Pilot plan saved")
    MARKET_OUTCOME_RECORDED = 403, _("Market outcome recorded")
    # 5xx: access
    STATUS_TOKEN_REVOKED = 501, _("Status link revoked")
    STATUS_TOKEN_ISSUED = 502, _("Status link issued")
    PERSONAL_DATA_EXPORTED = 503, _("Applicant's personal data exported")


AUDIT_KINDS = {1: _("Idea"), 2: _("Tasks"), 3: _("Decisions"), 4: _("Stage records"), 5: _("Access")}


class AuditEntry(WriteOnceModel):
    """Who did what to an idea, when; old and new values as JSON."""

    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for the applicant or the system."),
    )
    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.PROTECT, related_name="audit_entries"
    )
    task = models.ForeignKey(
        "viewflow.Task", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event = models.PositiveSmallIntegerField(_("event"), choices=AuditEvent.choices)
    old_value = models.JSONField(_("old value"), null=True, blank=True)
    new_value = models.JSONField(_("new value"), null=True, blank=True)
    created = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["idea", "event", "created"], name="workflows_audit_idea_event")]

    def __str__(self):
        return f"{self.idea_id} {self.get_event_display()}"

    @property
    def kind(self) -> int:
        return self.event // 100
