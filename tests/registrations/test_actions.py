"""Registering and cancelling: seats, the waiting list, refusals that change nothing, the e-mails."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from infra.models import OutboxMessage
from reach.models import Person, Reach
from registrations import actions, errors
from registrations.models import Registration, RegistrationLog, Status

from .conftest import registrant

pytestmark = pytest.mark.django_db

CANCEL_LINK = re.compile(r"http://\S+/registration/cancel/(\S+)/")


def register(event, number: int, **overrides) -> Registration:
    return actions.register(event.pk, registrant(number, **overrides), language="sv")


def secret_of(message) -> str:
    return CANCEL_LINK.search(message.body).group(1)


def test_a_free_seat_is_taken_with_one_log_entry_and_one_email_and_reaches_no_one_yet(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, 1, gender="woman", organisation_name="Föreningen Gro")

    assert registration.status == Status.SEATED
    assert registration.email == "deltagare1@example.org"
    person = Person.objects.get(email="deltagare1@example.org")
    assert person.gender == "woman"
    assert registration.organisation.name == "Föreningen Gro"
    assert not Reach.objects.exists()  # reached when they come (tests/registrations/test_attendance.py)
    assert list(RegistrationLog.objects.values_list("change", flat=True)) == ["seated"]
    [sent] = mail.outbox
    assert sent.to == ["deltagare1@example.org"]
    assert sent.subject == f"Din plats på {event.title}"
    [(filename, content, mimetype)] = sent.attachments
    assert filename == "ideverkstad.ics"
    assert mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content
    assert event.title in content
    assert CANCEL_LINK.search(sent.body)
    assert registration.cancel_token_hash not in sent.body  # only the hash is stored, the secret sent


def test_when_the_seats_are_taken_the_next_waits_and_without_a_waiting_list_is_refused(event):
    register(event, 1)
    register(event, 2)

    assert register(event, 3).status == Status.WAITING
    assert not Reach.objects.filter(person__email="deltagare3@example.org").exists()
    event.waiting_list = False
    event.save_revision().publish()
    with pytest.raises(errors.EventFull):
        register(event, 4)
    assert not Registration.objects.filter(email="deltagare4@example.org").exists()


def test_the_same_email_twice_gives_one_registration_and_a_clear_message(event):
    register(event, 1)
    outbox_before = OutboxMessage.objects.count()

    with pytest.raises(errors.AlreadyRegistered) as refused:
        register(event, 1, email="  DELTAGARE1@example.org ")

    assert "redan anmäld" in str(refused.value.message)
    assert Registration.objects.count() == 1
    assert OutboxMessage.objects.count() == outbox_before


@pytest.mark.parametrize(
    "change",
    [
        {"registration_open": False},
        {"registration_deadline": timezone.now() - datetime.timedelta(minutes=1)},
    ],
    ids=["closed", "after the deadline"],
)
def test_a_closed_event_or_one_past_its_deadline_refuses_and_changes_nothing(event, change):
    for name, value in change.items():
        setattr(event, name, value)
    event.save_revision().publish()
    outbox_before = OutboxMessage.objects.count()

    with pytest.raises(errors.RegistrationClosed):
        register(event, 1)

    assert not Registration.objects.exists()
    assert not Person.objects.exists()
    assert OutboxMessage.objects.count() == outbox_before


def test_without_consent_nothing_is_stored(event):
    with pytest.raises(errors.RegistrationRefused):
        register(event, 1, consent_processing=False)
    assert not Registration.objects.exists()
    assert not Person.objects.exists()


def test_cancelling_frees_the_seat_for_the_first_on_the_waiting_list_who_is_told(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(event, 1)
        register(event, 2)
        register(event, 3)
        register(event, 4)
    secret = secret_of(mail.outbox[0])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = actions.cancel(secret)

    assert cancelled.status == Status.CANCELLED
    assert cancelled.cancel_token_hash is None
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["deltagare3@example.org"] == Status.SEATED
    assert statuses["deltagare4@example.org"] == Status.WAITING
    [told] = mail.outbox
    assert told.to == ["deltagare3@example.org"]
    assert told.attachments
    with pytest.raises(errors.InvalidCancelLink):
        actions.cancel(secret)


def test_after_cancelling_the_same_address_may_register_again(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(event, 1)
    actions.cancel(secret_of(mail.outbox[0]))

    assert register(event, 1).status == Status.SEATED
    assert Registration.objects.count() == 2
