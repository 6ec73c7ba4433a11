"""Every change to the register goes through these functions, inside the caller's transaction.

Ideas and registrations call them when someone is reached; erasure calls `erase_person`. Two
requests naming the same organisation number or e-mail at once land on one row: the unique
constraint decides, and the loser reads the winner's row. `normalise_email` is the registry's
(`infra.personal_data`), named here too for the apps that record persons.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from infra.personal_data import normalise_email

from .models import Organisation, OrganisationType, Person, Reach
from .organisation_numbers import normalise_organisation_number


def _get_or_create(model, lookup: dict, defaults: dict):
    found = model.objects.filter(**lookup).first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            return model.objects.create(**lookup, **defaults), True
    except IntegrityError:
        return model.objects.get(**lookup), False


def counts_as_enterprise(organisation_type: str) -> bool:
    """The default until a coordinator says otherwise: companies produce for a market; public
    actors never count; other forms (associations, sole traders) are judged case by case."""
    return organisation_type == OrganisationType.COMPANY


def organisation_for(
    organisation_number: str,
    *,
    name: str,
    organisation_type: str,
    registration_date: datetime.date | None = None,
) -> Organisation:
    """The register's row for an organisation: by its number when it has one (however it was
    typed), otherwise a row of its own. Fills in a founding date the row did not know yet."""
    defaults = {
        "name": name,
        "organisation_type": organisation_type,
        "is_enterprise": counts_as_enterprise(organisation_type),
        "registration_date": registration_date,
    }
    if not organisation_number:
        # Without the number the funders identify an enterprise by, it cannot be counted as one.
        return Organisation.objects.create(organisation_number=None, **{**defaults, "is_enterprise": False})
    number = normalise_organisation_number(organisation_number)
    organisation, created = _get_or_create(Organisation, {"organisation_number": number}, defaults)
    if not created and registration_date and organisation.registration_date is None:
        organisation.registration_date = registration_date
        organisation.save(update_fields=["registration_date"])
    return organisation


def person_for(
    email: str,
    *,
    gender: str = "",
    age_band: str = "",
    municipality=None,
    at: datetime.datetime | None = None,
) -> Person:
    """The register's row for the person with this e-mail address. What they declare now fills
    what they had not declared before; an answer already given is kept."""
    at = at or timezone.now()
    person, created = _get_or_create(
        Person,
        {"email": normalise_email(email)},
        {"gender": gender, "age_band": age_band, "municipality": municipality, "first_reached": at},
    )
    if not created:
        changed = {
            field: value
            for field, value in (("gender", gender), ("age_band", age_band), ("municipality", municipality))
            if value and not getattr(person, field)
        }
        if at < person.first_reached:
            changed["first_reached"] = at
        if changed:
            for field, value in changed.items():
                setattr(person, field, value)
            person.save(update_fields=list(changed))
    return person


def record_reach(
    *,
    channel: str,
    source: str,
    role: str,
    person: Person | None = None,
    organisation: Organisation | None = None,
    at: datetime.datetime | None = None,
) -> Reach:
    """That `person` and/or `organisation` were reached through `channel` (an idea or event,
    named by `source`); recording the same person, source and role again changes nothing."""
    if person is None:
        return Reach.objects.create(
            organisation=organisation, channel=channel, source=source, role=role, reached=at or timezone.now()
        )
    reach, _created = _get_or_create(
        Reach,
        {"person": person, "channel": channel, "source": source, "role": role},
        {"organisation": organisation, "reached": at or timezone.now()},
    )
    return reach


def erase_person_reached_only_through(
    person: Person, *, channel: str, source: str, at: datetime.datetime | None = None
) -> bool:
    """Erase the person if the programme reached them through this idea or event alone (a team
    member named on an idea whose data goes); whether it did."""
    if person.reaches.exclude(channel=channel, source=source).exists():
        return False
    erase_person(person, at=at)
    return True


def withdraw_reach(*, person: Person, channel: str, source: str, role: str) -> int:
    """Withdraw a reach recorded by mistake (an attendance ticked for someone who did not come).

    The one deletion in the register, for its callers to allow only before any period holding
    the reach can have closed (`registrations.attendance` allows it on the day it was recorded):
    a number already reported never changes. How many rows went (0 or 1)."""
    deleted, _by_model = Reach.objects.filter(
        person=person, channel=channel, source=source, role=role
    ).delete()
    return deleted


def erase_person(person: Person, *, at: datetime.datetime | None = None) -> None:
    """The person becomes an anonymous tally row: no address, still counted once with what they
    declared, where they live and when they were first reached."""
    if person.erased is None:
        person.email = None
        person.erased = at or timezone.now()
        person.save(update_fields=["email", "erased"])


def erase_organisation(organisation: Organisation, *, at: datetime.datetime | None = None) -> None:
    """An individual's or sole trader's row loses its name and number (theirs, personal data) and
    stays as an anonymous row: still counted once, with its type, size and founding date."""
    if organisation.erased is None:
        organisation.name = ""
        organisation.organisation_number = None
        organisation.erased = at or timezone.now()
        organisation.save(update_fields=["name", "organisation_number", "erased"])
