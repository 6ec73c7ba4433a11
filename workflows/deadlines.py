"""The daily deadline job: remind whoever holds an overdue task, tell managers when it is very late.

Run by `manage.py idea_deadlines` (in `run_periodic_jobs`, hourly; each task is reminded at
most once a day). Each reminder is an outbox row written in the same transaction as the
timestamp that stops it being sent twice. Readers are chosen as for new tasks
(`notifications.may_be_told`): nobody in conflict with the idea is reminded of it.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from infra import outbox

from .groups import MANAGERS
from .models import TaskDeadline
from .notifications import admin_idea_url, may_be_told, members, render_email
from .pipeline import TASKS
from .queries import overdue, overdue_for_managers

REMIND_EVERY = datetime.timedelta(hours=23)


def _send(addresses, name: str, deadline: TaskDeadline, now) -> int:
    context = {
        "idea": deadline.idea,
        "task_title": deadline.task.flow_task.task_title,
        "due": deadline.due,
        "days_overdue": (now - deadline.due).days,
        "url": admin_idea_url(deadline.idea),
    }
    subject, text, html = render_email(name, settings.LANGUAGE_CODE, context)
    for address in addresses:
        outbox.enqueue_email(
            [address], subject, text, html, template=name, idea=deadline.idea_id, audience="reviewer"
        )
    return len(addresses)


def _addresses(deadline: TaskDeadline, users) -> list[str]:
    return list(may_be_told(deadline.idea, users).values_list("email", flat=True))


def send_deadline_reminders(now: datetime.datetime | None = None) -> tuple[int, int]:
    """(reminders, manager notices) written as outbox rows."""
    now = now or timezone.now()
    reminders = notices = 0
    due_reminders = overdue(now).exclude(last_reminded__gt=now - REMIND_EVERY)
    for deadline in due_reminders:
        with transaction.atomic():
            if (
                not TaskDeadline.objects.filter(pk=deadline.pk)
                .exclude(last_reminded__gt=now - REMIND_EVERY)
                .update(last_reminded=now)
            ):
                continue  # another run got there first
            task = deadline.task
            holder = get_user_model().objects.filter(pk=task.owner_id)  # none while unclaimed
            addresses = _addresses(deadline, holder) or _addresses(
                deadline, members(TASKS[task.flow_task.name].group)
            )
            reminders += _send(addresses, "task_overdue", deadline, now)
    for deadline in overdue_for_managers(now):
        with transaction.atomic():
            if not TaskDeadline.objects.filter(pk=deadline.pk, managers_told__isnull=True).update(
                managers_told=now
            ):
                continue
            notices += _send(_addresses(deadline, members(MANAGERS)), "task_overdue_managers", deadline, now)
    return reminders, notices
