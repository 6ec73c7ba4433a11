"""The registrations' part of the personal-data registry: which fields, and what erasing leaves.

A registrant is found by their e-mail address and may never have sent an idea. The registry
(`infra.personal_data`) reads `SOURCE` for the managers' search, access export and erasure of a
person; the retention rule erases through the same `erase`.
"""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infra import outbox
from infra.models import OutboxMessage
from infra.personal_data import Held, PersonalFields, Source
from reach import actions as reach
from reach.models import Person, Reach

from .models import Change, Registration, RegistrationLog

#: The fields, what erasing leaves in each, and those the access export gives beside them. The
#: person's row in the register goes by `reach.erase_person`.
REGISTRATIONS = PersonalFields(
    "registrations",
    Registration,
    lambda email: Registration.objects.filter(email=reach.normalise_email(email)).order_by("pk"),
    {"name": "", "email": "", "organisation_name": "", "organisation_number": ""},
    ("event", "status", "language", "created", "seated", "cancelled", "attended", "walk_in"),
)


def emails_of(registration_ids: set[int]) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(kind="email", payload__registration__in=list(registration_ids))


def find(email: str) -> list[Held]:
    return [
        Held(row.event.title, row.get_status_display(), row.event.start)
        for row in REGISTRATIONS.rows(email).select_related("event")
    ]


def export(email: str, user=None) -> list[dict]:
    """Every registration under this address, with its personal fields (right of access)."""
    return REGISTRATIONS.export(email)


def _has_more_than_registrations(person: Person, erasing: set[int]) -> bool:
    """Whether anything but these registrations still needs the person's address: another live
    registration, or any other record pointing at them (an idea's contact person, say)."""
    if Registration.objects.filter(person=person, erased__isnull=True).exclude(pk__in=erasing).exists():
        return True
    if Reach.objects.filter(person=person).exclude(channel="event").exists():
        return True
    for relation in Person._meta.related_objects:
        if relation.related_model in (Registration, Reach) or not relation.one_to_many:
            continue
        if relation.related_model._default_manager.filter(**{relation.field.name: person}).exists():
            return True
    return False


def erase(registrations: QuerySet[Registration], at: datetime.datetime | None = None) -> int:
    """Erase the registrations' personal fields and their e-mails; a person with nothing else left
    in the register becomes its anonymous tally row. The attendances counted (`Reach`) stay. How many."""
    at = at or timezone.now()
    with transaction.atomic():
        rows = list(registrations.filter(erased__isnull=True).select_for_update().select_related("person"))
        ids = {row.pk for row in rows}
        messages = emails_of(ids)
        for message in messages:
            OutboxMessage.objects.filter(pk=message.pk).update(
                payload={**outbox.redacted(message.payload, also=("subject",)), "to": []}, last_error=""
            )
        outbox.cancel(messages, at=at)
        Registration.objects.filter(pk__in=ids).update(
            **REGISTRATIONS.erased, erased=at, cancel_token_hash=None
        )
        RegistrationLog.objects.bulk_create(
            RegistrationLog(registration=row, change=Change.ERASED, at=at) for row in rows
        )
        for person in {row.person for row in rows}:
            if not _has_more_than_registrations(person, ids):
                reach.erase_person(person, at=at)
    return len(rows)


def erase_registrant(email: str, user, at: datetime.datetime) -> int:
    return erase(REGISTRATIONS.rows(email), at=at)


SOURCE = Source(
    "registrations", _("Event registrations"), 20, (REGISTRATIONS,), find, export, erase_registrant
)
