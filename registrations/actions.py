"""Every change to a registration is one function here: one transaction, the event's row locked.

An event has one set of seats whatever the language its page is read in: its registrations are
all kept on the page that holds its registration (`EventPage.registration_page`, the event's
first page), whichever translation they were made from, and that page's settings count.
Registering, cancelling and promoting from the waiting list all lock that page's row first
(SELECT ... FOR UPDATE), so the seats are counted by one transaction at a time: two people
asking for the last seat at once, on the Swedish page and the English one, get one seat and one
place on the waiting list. Each
writes its log entry and its e-mails (outbox rows) in the same transaction. A seat reaches nobody
yet: the register records a participant when they come (`attendance`).
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Subquery
from django.utils import timezone
from wagtail.models import Page

from cms.models import EventPage
from infra import page_cache
from reach import actions as reach
from reach.models import OrganisationType

from . import emails, errors
from .models import Change, Registration, RegistrationLog, Status


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class Registrant:
    """What the form asks; the e-mail is normalised by `register`."""

    name: str
    email: str
    organisation_name: str = ""
    organisation_number: str = ""  # already normalised by the form, or ""
    gender: str = ""
    age_band: str = ""
    consent_processing: bool = False


def seats_tag(event_id: int) -> str:
    """The page cache's tag of what the event's page says of its seats."""
    return f"registrations:{event_id}"


def locked_event(event_id: int) -> EventPage:
    """The row of the page holding the registration of the event whose page (in any language) is
    `event_id`, locked: every change to the event's registrations takes it, so the event's pages
    are dropped from the page cache when that change commits."""
    group = Page.objects.filter(pk=event_id).values("translation_key")
    event = (
        EventPage.objects.select_for_update(of=("self",))
        .filter(translation_key=Subquery(group))
        .order_by("pk")  # the lowest key: `EventPage.registration_page`'s rule
        .first()
    )
    if event is None:
        raise errors.RegistrationClosed()
    page_cache.changed(seats_tag(event.pk))
    return event


def log(registration: Registration, change: str, at: datetime.datetime, by=None) -> None:
    RegistrationLog.objects.create(registration=registration, change=change, at=at, by=by)


def _seat(registration: Registration, at: datetime.datetime) -> None:
    registration.status = Status.SEATED
    registration.seated = at


def new_registration(
    event: EventPage, registrant: Registrant, at: datetime.datetime, language: str = "", **fields
) -> Registration:
    """An unsaved registration of `registrant` for `event` (the page holding its registration),
    with their rows in the register (person, and organisation if they named one); their e-mails
    in `language`, by default the event page's."""
    email = reach.normalise_email(registrant.email)
    organisation = None
    if registrant.organisation_name or registrant.organisation_number:
        organisation = reach.organisation_for(
            registrant.organisation_number,
            name=registrant.organisation_name or registrant.organisation_number,
            organisation_type=OrganisationType.OTHER,
        )
    return Registration(
        event=event,
        name=registrant.name,
        email=email,
        organisation_name=registrant.organisation_name,
        organisation_number=registrant.organisation_number,
        person=reach.person_for(email, gender=registrant.gender, age_band=registrant.age_band, at=at),
        organisation=organisation,
        language=language or event.locale.language_code,
        consent_processing=True,
        created=at,
        **fields,
    )


def seats_taken(event: EventPage) -> int:
    return Registration.objects.filter(event=event, status=Status.SEATED).count()


def has_free_seat(event: EventPage) -> bool:
    return event.capacity is None or seats_taken(event) < event.capacity


def register(
    event_id: int, registrant: Registrant, *, language: str, at: datetime.datetime | None = None
) -> Registration:
    """Register for the event whose page (in any language) is `event_id`: a seat if one is free,
    else the waiting list if the event keeps one. The e-mails are written in `language`, the
    language of the page registered from.

    Raises `RegistrationClosed` (closed, past its deadline), `EventFull` (no seat, no waiting list)
    or `AlreadyRegistered` (this e-mail already holds a seat or a place), having changed nothing.
    `at` replays a registration made earlier (the demo's history); by default, now.
    """
    if not registrant.consent_processing:
        raise errors.RegistrationRefused()
    email = reach.normalise_email(registrant.email)
    with transaction.atomic():
        event = locked_event(event_id)
        now = at or timezone.now()
        used_live = EventPage.objects.filter(pk=event_id, live=True).exists()
        if not used_live or not event.takes_registrations(now):
            raise errors.RegistrationClosed()
        if Registration.objects.active().filter(event=event, email=email).exists():
            raise errors.AlreadyRegistered()
        free = has_free_seat(event)
        if not free and not event.waiting_list:
            raise errors.EventFull()
        secret = secrets.token_urlsafe(32)
        registration = new_registration(
            event, registrant, now, language, cancel_token_hash=hash_secret(secret), status=Status.WAITING
        )
        if free:
            _seat(registration, now)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:  # the unique constraint, should the lock ever be bypassed
            raise errors.AlreadyRegistered() from None
        log(registration, Change.SEATED if free else Change.WAITING, now)
        emails.send(registration, "confirmation" if free else "waiting", secret=secret, invitation=free)
    return registration


def registration_for_secret(secret: str) -> Registration:
    """The active registration the cancel link's secret belongs to; `InvalidCancelLink` otherwise."""
    registration = (
        Registration.objects.active()
        .select_related("event")
        .filter(cancel_token_hash=hash_secret(secret))
        .first()
    )
    if registration is None:
        raise errors.InvalidCancelLink()
    return registration


def cancel(secret: str) -> Registration:
    """Cancel through the private link: the seat (or place) is freed, and a freed seat goes to the
    first on the waiting list, who is told by e-mail."""
    registration_id = registration_for_secret(secret).pk
    with transaction.atomic():
        registration = Registration.objects.select_related("event").get(pk=registration_id)
        event = locked_event(registration.event_id)
        registration.refresh_from_db()
        if registration.status == Status.CANCELLED:
            raise errors.InvalidCancelLink()
        now = timezone.now()
        had_seat = registration.status == Status.SEATED
        registration.status = Status.CANCELLED
        registration.cancelled = now
        registration.cancel_token_hash = None
        registration.save(update_fields=["status", "cancelled", "cancel_token_hash"])
        log(registration, Change.CANCELLED, now)
        if had_seat and not event.is_past:
            promote_waiting(event, now)
    return registration


def promote_waiting(event: EventPage, now: datetime.datetime) -> list[Registration]:
    """Give free seats to the waiting list, first come first served (the caller holds the lock)."""
    promoted = []
    for registration in Registration.objects.waiting_in_order().filter(event=event).select_related("event"):
        if not has_free_seat(event):
            break
        _seat(registration, now)
        registration.save(update_fields=["status", "seated"])
        log(registration, Change.PROMOTED, now)
        emails.send(registration, "promoted", invitation=True)
        promoted.append(registration)
    return promoted
