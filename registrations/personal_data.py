"""The personal data of event registrations: which fields, and what erasing leaves in each.

The project's inventory (`workflows.personal_data`) is about an applicant, found by their idea;
a registrant is found by their e-mail address and may never have sent an idea, so their fields
are listed here, and the workflows inventory names them in a separate section that points here.
The retention rule and the managers' export and erasure of a registrant read this table.
"""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from infra import outbox
from infra.models import OutboxMessage
from reach import actions as reach
from reach.models import Person, Reach

from .models import Change, Registration, RegistrationLog

#: Field -> what erasing leaves in it. The person's row in the register goes by `reach.erase_person`.
ERASED: dict[str, object] = {"name": "", "email": "", "organisation_name": "", "organisation_number": ""}
#: Fields the access export gives beside them.
SHOWN_WITH = ("event_id", "status", "language", "created", "seated", "cancelled", "attended", "walk_in")


def emails_of(registration_ids: set[int]) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(kind="email", payload__registration__in=list(registration_ids))


def export(email: str) -> list[dict]:
    """Every registration under this address, with its personal fields (right of access)."""
    rows = Registration.objects.filter(email=reach.normalise_email(email)).order_by("pk")
    return [
        {
            name: (value.isoformat() if isinstance(value, datetime.datetime) else value)
            for name, value in row.items()
        }
        for row in rows.values(*SHOWN_WITH, *ERASED)
    ]


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
        Registration.objects.filter(pk__in=ids).update(**ERASED, erased=at, cancel_token_hash=None)
        RegistrationLog.objects.bulk_create(
            RegistrationLog(registration=row, change=Change.ERASED, at=at) for row in rows
        )
        for person in {row.person for row in rows}:
            if not _has_more_than_registrations(person, ids):
                reach.erase_person(person, at=at)
    return len(rows)
