"""At the door: who came is marked, a mis-tick is undone the same day, walk-ins are let in; only
those who came are reached, and every refusal changes nothing."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from infra.models import OutboxMessage
from reach.models import Person, Reach
from registrations import actions, attendance, errors
from registrations.attendance import WalkedIn
from registrations.models import Registration, RegistrationLog, Status

from .conftest import during, registrant
from .test_actions import CANCEL_LINK

pytestmark = pytest.mark.django_db


def register(event, number: int, **overrides) -> Registration:
    return actions.register(event.pk, registrant(number, **overrides), language="sv")


def state() -> tuple:
    """Everything an attendance action may write."""
    return (
        sorted(Registration.objects.values_list("pk", "status", "attended", "walk_in")),
        RegistrationLog.objects.count(),
        sorted(Reach.objects.values_list("pk", flat=True)),
        Person.objects.count(),
        OutboxMessage.objects.count(),
    )


def test_marking_attendance_reaches_the_person_and_organisation_with_one_log_entry_and_no_email(
    event, door_staff
):
    registration = register(event, 1, organisation_name="Föreningen Gro", gender="woman")
    logged, outbox = RegistrationLog.objects.count(), OutboxMessage.objects.count()
    assert not Reach.objects.exists()

    attendance.mark_attended(registration.pk, by=door_staff, at=during(event))

    registration.refresh_from_db()
    assert registration.attended == during(event)
    [entry] = RegistrationLog.objects.all()[logged:]
    assert (entry.change, entry.by, entry.at) == ("attended", door_staff, during(event))
    [reach] = Reach.objects.all()
    assert (reach.person, reach.channel, reach.source, reach.role, reach.reached) == (
        registration.person,
        "event",
        str(event.pk),
        "participant",
        during(event),
    )
    assert reach.organisation.name == "Föreningen Gro"
    assert OutboxMessage.objects.count() == outbox


@pytest.mark.parametrize(
    "moment",
    [
        lambda event: (
            timezone.localtime(event.start).replace(hour=0, minute=0) - datetime.timedelta(minutes=1)
        ),
        lambda event: timezone.localtime(event.end).replace(hour=0, minute=0) + datetime.timedelta(days=1),
    ],
    ids=["the day before", "the day after"],
)
def test_attendance_is_marked_only_from_the_first_day_of_the_event_to_its_last(event, door_staff, moment):
    registration = register(event, 1)
    before = state()

    with pytest.raises(errors.DoorClosed):
        attendance.mark_attended(registration.pk, by=door_staff, at=moment(event))
    with pytest.raises(errors.DoorClosed):
        attendance.walk_in(event.pk, registrant(9), by=door_staff, at=moment(event))
    assert state() == before


def test_a_cancelled_or_waiting_registration_cannot_be_marked_and_nothing_changes(
    event, door_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = register(event, 1)
    for number in (2, 3, 4):
        register(event, number)
    actions.cancel(CANCEL_LINK.search(mail.outbox[0].body).group(1))  # the third moves up
    waiting = Registration.objects.get(email="deltagare4@example.org", status=Status.WAITING)
    before = state()

    for registration in (cancelled, waiting):
        with pytest.raises(errors.CannotAttend):
            attendance.mark_attended(registration.pk, by=door_staff, at=during(event))
    assert state() == before


def test_ticking_twice_marks_once(event, door_staff):
    registration = register(event, 1)
    attendance.mark_attended(registration.pk, by=door_staff, at=during(event))
    before = state()

    with pytest.raises(errors.AlreadyAttended) as refused:
        attendance.mark_attended(registration.pk, by=door_staff, at=during(event))

    assert str(refused.value.message) == "Deltagare 1 är redan markerad som närvarande."
    assert state() == before


def test_a_mis_tick_is_undone_the_same_day_and_the_reach_it_recorded_goes_with_it(event, door_staff):
    registration = register(event, 1)
    attendance.mark_attended(registration.pk, by=door_staff, at=during(event))

    attendance.undo_attended(registration.pk, by=door_staff, at=during(event) + datetime.timedelta(minutes=5))

    registration.refresh_from_db()
    assert registration.attended is None
    assert registration.status == Status.SEATED
    assert not Reach.objects.exists()
    assert RegistrationLog.objects.order_by("pk").last().change == "unattended"
    with pytest.raises(errors.NotAttended):
        attendance.undo_attended(registration.pk, by=door_staff, at=during(event))


def test_after_the_day_of_the_tick_the_mark_stands_and_the_figures_keep_it(event, door_staff):
    registration = register(event, 1)
    attendance.mark_attended(registration.pk, by=door_staff, at=during(event))
    before = state()

    with pytest.raises(errors.TooLateToUndo):
        attendance.undo_attended(
            registration.pk, by=door_staff, at=during(event) + datetime.timedelta(days=1)
        )

    assert state() == before


def test_a_walk_in_is_let_in_over_capacity_seated_attended_and_reached_without_an_email(event, door_staff):
    register(event, 1)
    register(event, 2)  # the two seats are taken
    outbox = OutboxMessage.objects.count()

    walked_in, outcome = attendance.walk_in(
        event.pk,
        registrant(
            7,
            name="Vera Dörr",
            organisation_number="556036-0793",
            organisation_name="Dörr AB",
            gender="other",
        ),
        by=door_staff,
        at=during(event),
    )

    assert outcome is WalkedIn.REGISTERED
    assert (walked_in.status, walked_in.attended, walked_in.walk_in) == (Status.SEATED, during(event), True)
    assert walked_in.cancel_token_hash is None
    assert walked_in.email == "deltagare7@example.org"
    assert Registration.objects.filter(event=event, status=Status.SEATED).count() == 3
    assert list(walked_in.log.values_list("change", "by")) == [("walked_in", door_staff.pk)]
    [reach] = Reach.objects.all()
    assert (reach.person.gender, reach.organisation.organisation_number) == ("other", "556036-0793")
    assert OutboxMessage.objects.count() == outbox  # in the room already: no confirmation


def test_a_walk_in_with_an_address_already_registered_is_marked_not_duplicated(event, door_staff):
    seated = register(event, 1)
    register(event, 2)
    waiting = register(event, 3)

    again, outcome = attendance.walk_in(
        event.pk, registrant(1, name="Someone"), by=door_staff, at=during(event)
    )
    assert (again.pk, outcome) == (seated.pk, WalkedIn.ALREADY_REGISTERED)
    assert again.name == "Deltagare 1"  # what they registered with stays
    assert list(again.log.values_list("change", flat=True)) == ["seated", "attended"]

    from_list, outcome = attendance.walk_in(
        event.pk, registrant(3, email=" DELTAGARE3@example.org"), by=door_staff, at=during(event)
    )
    assert (from_list.pk, outcome) == (waiting.pk, WalkedIn.FROM_WAITING_LIST)
    assert (from_list.status, from_list.walk_in, from_list.attended) == (Status.SEATED, True, during(event))
    assert Registration.objects.count() == 3
    before = state()

    with pytest.raises(errors.AlreadyAttended):
        attendance.walk_in(event.pk, registrant(1), by=door_staff, at=during(event))
    assert state() == before


def test_a_walk_in_without_consent_stores_nothing(event, door_staff):
    before = state()
    with pytest.raises(errors.ConsentNeeded):
        attendance.walk_in(event.pk, registrant(8, consent_processing=False), by=door_staff, at=during(event))
    assert state() == before
