"""Reviewers' choice between one e-mail per new task and one daily digest, and the digest's backlog."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .ideas import Idea


class ReviewerPreferences(models.Model):
    """A reviewer's own e-mail settings (the account page's "Idea tasks" panel); no row means the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="reviewer_preferences",
    )
    daily_digest = models.BooleanField(
        _("one daily digest of new tasks"),
        default=False,
        help_text=_(
            "Instead of one e-mail each time a task lands in one of your groups' queues, get at most "
            "one e-mail a day listing the tasks that landed since the last one and still wait."
        ),
    )
    last_digest = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("reviewer preferences")
        verbose_name_plural = _("reviewer preferences")

    def __str__(self):
        return str(self.user)


class DigestEntry(models.Model):
    """A task that landed in a digest reader's queue, waiting for their next digest (`sent` once in one)."""

    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey("viewflow.Task", on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=150)
    created = models.DateTimeField(default=timezone.now)
    sent = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("digest entry")
        verbose_name_plural = _("digest entries")
        indexes = [
            models.Index(
                fields=["reviewer", "created"],
                condition=Q(sent__isnull=True),
                name="workflows_digest_pending",
            )
        ]

    def __str__(self):
        return f"task {self.task_id} for {self.reviewer_id}"
