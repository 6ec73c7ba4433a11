"""The reminder the day before, once per registration; the retention rule erases and keeps the figures."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from infra.management.commands.run_periodic_jobs import PERIODIC_JOBS
from infra.models import OutboxMessage
from reach import actions as reach
from reach.models import Channel, Person, Reach, Role
from registrations import actions, attendance
from registrations.models import Registration
from registrations.periodic import erase_expired, send_reminders

from .conftest import registrant

pytestmark = pytest.mark.django_db


def test_the_jobs_run_periodically():
    assert {"send_event_reminders", "erase_expired_registrations"} <= dict(PERIODIC_JOBS).keys()


def test_a_seated_participant_is_reminded_the_day_before_and_only_once(
    event, django_capture_on_commit_callbacks
):
    actions.register(event.pk, registrant(1), language="sv")
    actions.register(event.pk, registrant(2), language="sv")
    actions.register(event.pk, registrant(3), language="sv")  # waiting: no reminder
    mail.outbox.clear()
    day_before = event.start - datetime.timedelta(hours=20)

    assert send_reminders(event.start - datetime.timedelta(days=3)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(day_before) == 2
    assert send_reminders(day_before + datetime.timedelta(hours=1)) == 0

    assert sorted(message.to[0] for message in mail.outbox) == [
        "deltagare1@example.org",
        "deltagare2@example.org",
    ]
    assert mail.outbox[0].subject == f"Påminnelse: {event.title} i morgon"


def test_someone_already_let_in_on_the_morning_of_the_event_gets_no_reminder(event):
    early = actions.register(event.pk, registrant(1), language="sv")
    actions.register(event.pk, registrant(2), language="sv")
    mail.outbox.clear()
    morning = timezone.localtime(event.start).replace(hour=0, minute=1)
    attendance.mark_attended(early.pk, by=None, at=morning)

    assert send_reminders(morning + datetime.timedelta(minutes=1)) == 1
    [reminder] = OutboxMessage.objects.filter(payload__template="registration_reminder")
    assert reminder.payload["to"] == ["deltagare2@example.org"]


def test_the_reminder_command_reports_what_it_sent(event):
    call_command("send_event_reminders")  # the event is ten days away: nothing yet


def after_retention(event) -> datetime.datetime:
    return event.end + relativedelta(months=12) + datetime.timedelta(days=1)


def test_registrations_are_erased_after_the_retention_period_and_the_figures_stay(event, settings):
    settings.REGISTRATION_RETENTION_MONTHS = 12
    kept = actions.register(event.pk, registrant(1, organisation_name="Föreningen Gro"), language="sv")
    actions.register(event.pk, registrant(2), language="sv")
    attendance.mark_attended(kept.pk, by=None, at=event.start)
    # The second participant also sent an idea: their row in the register is not theirs to erase.
    idea_person = Person.objects.get(email="deltagare2@example.org")
    reach.record_reach(channel=Channel.IDEA, source="SIS-2026-0001", role=Role.CONTACT, person=idea_person)
    reaches = Reach.objects.count()
    assert reaches == 2

    assert erase_expired(event.end + relativedelta(months=11)) == 0
    assert erase_expired(after_retention(event)) == 2

    kept.refresh_from_db()
    assert (kept.name, kept.email, kept.organisation_name, kept.cancel_token_hash) == ("", "", "", None)
    assert kept.erased is not None
    assert Person.objects.get(pk=kept.person_id).email is None  # the anonymous tally row
    assert Person.objects.get(pk=idea_person.pk).email == "deltagare2@example.org"
    assert Reach.objects.count() == reaches
    for message in OutboxMessage.objects.filter(payload__registration__isnull=False):
        assert message.payload["to"] == []
        assert message.payload["body"] == ""
        assert message.is_done
    assert erase_expired(after_retention(event)) == 0
    assert not Registration.objects.filter(erased__isnull=True).exists()


def test_the_registry_lists_every_personal_field_of_a_registration():
    from infra.personal_data import inventory

    fields = {name for entry in inventory() if entry.model is Registration for name in entry.erased}
    assert fields == {"name", "email", "organisation_name", "organisation_number"}
