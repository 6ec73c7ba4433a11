"""The periodic jobs of registrations: the reminder the day before, and the retention rule."""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import emails, personal_data
from .models import Registration, Status

#: A reminder goes out once the event starts within this time.
REMINDER_AHEAD = datetime.timedelta(hours=24)


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Remind each seated participant of an event starting within a day, at most once each: the
    reminder's time is claimed by a conditional update, so two runs at once send one e-mail.
    Someone already marked as attended (let in early at the door) needs no reminder."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Status.SEATED,
        reminder_sent__isnull=True,
        attended__isnull=True,
        erased__isnull=True,
        event__start__gt=now,
        event__start__lte=now + REMINDER_AHEAD,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=pk, reminder_sent__isnull=True, status=Status.SEATED
            ).update(reminder_sent=now)
            if claimed:
                emails.send(Registration.objects.select_related("event").get(pk=pk), "reminder")
                sent += 1
    return sent


def retention_cutoff(now: datetime.datetime) -> datetime.datetime:
    return now - relativedelta(months=settings.REGISTRATION_RETENTION_MONTHS)


def erase_expired(now: datetime.datetime | None = None) -> int:
    """Erase the registrations of events that ended more than the retention period ago."""
    now = now or timezone.now()
    expired = Registration.objects.filter(erased__isnull=True, event__end__lt=retention_cutoff(now))
    return personal_data.erase(expired, at=now)
