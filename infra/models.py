"""The durable outbox: side effects (e-mail, search indexing) written in the caller's transaction.

A row is the promise of one side effect. It is written in the same transaction as the change
that causes it, so the two commit or roll back together; a django-tasks job delivers it after
commit (see `infra/outbox.py`), and the periodic `deliver_outbox` command retries what failed.
Also the log of the managers' personal-data requests (`infra/personal_data.py`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One side effect waiting to leave, or the record that it left."""

    kind = models.CharField(_("kind"), max_length=40, help_text=_("Which handler delivers it."))
    payload = models.JSONField(_("payload"), default=dict)
    created = models.DateTimeField(_("created"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    claimed_by = models.CharField(_("claimed by"), max_length=64, blank=True)
    done_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        # The table (and its index) keep the names they had when the outbox lived in `cms`.
        db_table = "cms_outboxmessage"
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [
            # The sweep reads only undelivered rows whose time has come; delivered rows never pay.
            models.Index(
                fields=["next_attempt_at"], condition=Q(done_at__isnull=True), name="cms_outbox_pending_idx"
            ),
        ]

    def __str__(self):
        state = "done" if self.done_at else f"pending, {self.attempts} attempts"
        return f"{self.kind} #{self.pk} ({state})"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class PersonalDataAction(models.TextChoices):
    EXPORTED = "exported", _("Exported")
    ERASED = "erased", _("Erased")


class PersonalDataRequest(models.Model):
    """That a manager exported or erased everything held about one person (`infra.personal_data`).

    Never names the person: who acted, what, when, and how many records of each kind (the apps'
    own audit records say which idea or registration). Written once."""

    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=PersonalDataAction.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    #: Source name -> how many records: counts only.
    counts = models.JSONField(_("records"), default=dict)

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        ordering = ["-at", "pk"]
        permissions = [("manage_personal_data", _("Can find, export and erase a person's personal data"))]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
