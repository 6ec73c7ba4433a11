"""The reviewers' daily digest: one e-mail listing the tasks that landed in their queues since the last.

Run by `manage.py send_review_digests` (in `run_periodic_jobs`, hourly); each reviewer gets at
most one digest a day, so a restarted or repeated run sends nothing twice. The e-mail's outbox
row, the entries marked sent and the reviewer's `last_digest` are written in one transaction.
A digest lists only tasks still waiting in the queue (not claimed, done or cancelled) of ideas
the reviewer has no conflict of interest with; when none is left, no e-mail goes and the
entries are simply marked sent.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from viewflow.workflow.status import STATUS

from infra import outbox

from .groups import group_label
from .models import ConflictOfInterest, DigestEntry, ReviewerPreferences
from .notifications import admin_idea_url, render_email

DIGEST_EVERY = datetime.timedelta(hours=23)


def _still_waiting(reviewer, entries: list[DigestEntry]) -> list[DigestEntry]:
    """The entries worth telling `reviewer` about, one per task, oldest first."""
    if not (reviewer.is_active and reviewer.email):
        return []
    conflicts = set(
        ConflictOfInterest.objects.filter(
            reviewer=reviewer, idea_id__in={entry.idea_id for entry in entries}
        ).values_list("idea_id", flat=True)
    )
    waiting: dict[int, DigestEntry] = {}
    for entry in entries:
        task = entry.task
        if task.status == STATUS.NEW and task.owner_id is None and entry.idea_id not in conflicts:
            waiting.setdefault(task.pk, entry)  # a task returned to the queue is listed once
    return list(waiting.values())


def _send(reviewer, entries: list[DigestEntry]):
    tasks = [
        {
            "idea": entry.idea,
            "group": group_label(entry.group),
            "task_title": entry.task.flow_task.task_title,
            "url": admin_idea_url(entry.idea),
        }
        for entry in entries
    ]
    subject, text, html = render_email("task_digest", settings.LANGUAGE_CODE, {"tasks": tasks})
    return outbox.enqueue_email(
        [reviewer.email],
        subject,
        text,
        html,
        template="task_digest",
        ideas=[entry.idea_id for entry in entries],
        audience="reviewer",
    )


def send_review_digests(now: datetime.datetime | None = None) -> int:
    """Write each due reviewer's digest as one outbox row; returns how many were written."""
    now = now or timezone.now()
    pending = DigestEntry.objects.filter(sent__isnull=True, created__lte=now)
    reviewer_ids = list(pending.values_list("reviewer_id", flat=True).distinct().order_by("reviewer_id"))
    written = 0
    for reviewer_id in reviewer_ids:
        with transaction.atomic():
            entries = list(
                pending.filter(reviewer_id=reviewer_id)
                .select_related("reviewer", "idea", "task")
                .order_by("created", "pk")
            )
            if not entries:
                continue  # another run took them
            waiting = _still_waiting(entries[0].reviewer, entries)
            if waiting:
                due = Q(last_digest__isnull=True) | Q(last_digest__lte=now - DIGEST_EVERY)
                # The conditional update is the claim: a second run (or a digest less than a day
                # old) finds no row to update and leaves the entries for later.
                if not ReviewerPreferences.objects.filter(due, user_id=reviewer_id).update(last_digest=now):
                    continue
                _send(entries[0].reviewer, waiting)
                written += 1
            DigestEntry.objects.filter(pk__in=[entry.pk for entry in entries], sent__isnull=True).update(
                sent=now
            )
    return written
