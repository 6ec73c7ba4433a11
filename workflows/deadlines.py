"""The daily deadline job: remind whoever holds an overdue task, tell managers when it is very late.

Run by `manage.py idea_deadlines` (in `run_periodic_jobs`, hourly; each task is reminded at
most once a day). Each reminder is an outbox row written in the same transaction as the
timestamp that stops it being sent twice.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cms import outbox

from .groups import GROUP_OF_TASK, MANAGERS
from .models import TaskDeadline
from .notifications import admin_idea_url, render_email
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


def _members(group_name: str) -> list[str]:
    users = get_user_model().objects.filter(groups__name=group_name, is_active=True).exclude(email="")
    return list(users.order_by("pk").values_list("email", flat=True))


def send_deadline_reminders(now: datetime.datetime | None = None) -> tuple[int, int]:
    """(reminders, manager notices) written as outbox rows."""
    now = now or timezone.now()
    reminders = notices = 0
    due_reminders = overdue(now).exclude(last_reminded__gt=now - REMIND_EVERY).select_related("task__owner")
    for deadline in due_reminders:
        with transaction.atomic():
            if (
                not TaskDeadline.objects.filter(pk=deadline.pk)
                .exclude(last_reminded__gt=now - REMIND_EVERY)
                .update(last_reminded=now)
            ):
                continue  # another run got there first
            owner = deadline.task.owner
            if owner and owner.email:
                addresses = [owner.email]
            else:
                addresses = _members(GROUP_OF_TASK[deadline.task.flow_task.name])
            reminders += _send(addresses, "task_overdue", deadline, now)
    for deadline in overdue_for_managers(now):
        with transaction.atomic():
            if not TaskDeadline.objects.filter(pk=deadline.pk, managers_told__isnull=True).update(
                managers_told=now
            ):
                continue
            notices += _send(_members(MANAGERS), "task_overdue_managers", deadline, now)
    return reminders, notices
