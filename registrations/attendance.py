"""At the door: marking who came, undoing a mis-tick, letting someone in. One function each, each
under the event's row lock (as registering is) and writing its log entry in the same transaction.

Only attended registrations count as persons reached: marking one writes the participant's `Reach`
row (at the moment of the tick), and a seat alone reaches nobody.

The rules that keep reported figures fixed:

- Attendance is marked from the day the event starts until the end of the day it ends (in the
  site's time zone): at the door, or from the paper list the same evening. Later, the event's count
  is what it is.
- A mis-tick is undone on the day it was made, and undoing withdraws the `Reach` row the tick
  wrote (the register's one deletion, `reach.actions.withdraw_reach`). Every period is a run of
  whole days, so a period that holds the tick has not closed yet that day: no number already
  reported can change. After that day the mark stands; the register is written once.
- Only a registration with a seat can be marked; a cancelled one or one on the waiting list
  cannot (someone from the waiting list who turns up is let in as a walk-in).

A walk-in gets no e-mail: they are in the room, so a confirmation, a cancel link or a reminder
would tell them nothing. Their e-mail address is kept for what it is kept for in every
registration: to count them once, and to find their data for access or erasure.
"""

import datetime
import enum

from django.db import transaction
from django.utils import timezone

from cms.models import EventPage
from reach import actions as reach
from reach.models import Channel, Role

from . import errors
from .actions import Registrant, locked_event, log, new_registration
from .models import Change, Registration, Status


class WalkedIn(enum.Enum):
    """What `walk_in` did with the person at the door."""

    REGISTERED = "registered"  # a new registration, seated and attended
    FROM_WAITING_LIST = "from_waiting_list"  # their place on the waiting list became a seat
    ALREADY_REGISTERED = "already_registered"  # they had a seat: marked as attended


def door_open(event: EventPage, at: datetime.datetime) -> bool:
    """Whether attendance can be marked at `at`: from the event's first day through its last."""
    day = timezone.localdate(at)
    return timezone.localdate(event.start) <= day <= timezone.localdate(event.end)


def _reach_of(registration: Registration) -> dict:
    return {
        "person": registration.person,
        "channel": Channel.EVENT,
        "source": str(registration.event_id),
        "role": Role.PARTICIPANT,
    }


def _attend(registration: Registration, change: str, at: datetime.datetime, by) -> None:
    registration.attended = at
    registration.save()
    reach.record_reach(**_reach_of(registration), organisation=registration.organisation, at=at)
    log(registration, change, at, by)


def _locked(registration_id: int) -> tuple[Registration, EventPage]:
    """The registration and its event, the event's row locked, read after the lock."""
    event_id = Registration.objects.filter(pk=registration_id).values_list("event_id", flat=True).first()
    if event_id is None:
        raise errors.CannotAttend()
    event = locked_event(event_id)
    return Registration.objects.select_related("person").get(pk=registration_id), event


def mark_attended(registration_id: int, *, by, at: datetime.datetime | None = None) -> Registration:
    """The registrant came: the register records them (and their organisation) as reached.

    Raises `DoorClosed`, `CannotAttend` (cancelled, waiting) or `AlreadyAttended` (two staff
    ticking at once: one mark), having changed nothing."""
    with transaction.atomic():
        registration, event = _locked(registration_id)
        now = at or timezone.now()
        if not door_open(event, now):
            raise errors.DoorClosed()
        if registration.status != Status.SEATED:
            raise errors.CannotAttend()
        if registration.attended:
            raise errors.AlreadyAttended.about(registration)
        _attend(registration, Change.ATTENDED, now, by)
    return registration


def undo_attended(registration_id: int, *, by, at: datetime.datetime | None = None) -> Registration:
    """The tick was a mistake: the mark goes, and so does the reach it recorded, on the day it was
    made only (see the module's rules). Raises `NotAttended` or `TooLateToUndo`."""
    with transaction.atomic():
        registration, event = _locked(registration_id)
        now = at or timezone.now()
        if not registration.attended:
            raise errors.NotAttended.about(registration)
        if timezone.localdate(registration.attended) != timezone.localdate(now):
            raise errors.TooLateToUndo()
        registration.attended = None
        registration.save(update_fields=["attended"])
        came_otherwise = (
            Registration.objects.filter(event=event, person=registration.person, attended__isnull=False)
            .exclude(pk=registration.pk)
            .exists()
        )
        if not came_otherwise:
            reach.withdraw_reach(**_reach_of(registration))
        log(registration, Change.UNATTENDED, now, by)
    return registration


def walk_in(
    event_id: int, person: Registrant, *, by, at: datetime.datetime | None = None
) -> tuple[Registration, WalkedIn]:
    """Someone at the door is let in, seated and marked as attended, over capacity if need be
    (they are in the room). Their address already registered for the event: that registration
    is marked instead, never a second one.

    Raises `ConsentNeeded`, `DoorClosed` or `AlreadyAttended`, having changed nothing."""
    if not person.consent_processing:
        raise errors.ConsentNeeded()
    email = reach.normalise_email(person.email)
    with transaction.atomic():
        event = locked_event(event_id)
        now = at or timezone.now()
        if not door_open(event, now):
            raise errors.DoorClosed()
        registered = Registration.objects.active().filter(event=event, email=email).first()
        if registered is not None and registered.attended:
            raise errors.AlreadyAttended.about(registered)
        if registered is not None and registered.status == Status.SEATED:
            _attend(registered, Change.ATTENDED, now, by)
            return registered, WalkedIn.ALREADY_REGISTERED
        if registered is not None:
            registered.status, registered.seated, registered.walk_in = Status.SEATED, now, True
            _attend(registered, Change.WALKED_IN, now, by)
            return registered, WalkedIn.FROM_WAITING_LIST
        registration = new_registration(event, person, now, status=Status.SEATED, seated=now, walk_in=True)
        _attend(registration, Change.WALKED_IN, now, by)
    return registration, WalkedIn.REGISTERED
