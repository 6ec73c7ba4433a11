"""Ideas, their audit entries and the register's rows, made directly for the counting tests."""

import datetime

from django.utils import timezone

from reach import actions
from reach.organisation_numbers import luhn_check_digit
from workflows.models import AuditEntry, AuditEvent, Idea, record_stage_change


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime.datetime:
    """A moment in the site's time zone."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def organisation_number(serial: int) -> str:
    digits = f"55{serial:07d}"
    return f"{digits[:6]}-{digits[6:]}{luhn_check_digit(digits)}"


def organisation(serial: int | None, name: str, *, enterprise: bool = True, registered=None, first=None):
    row = actions.organisation_for(
        organisation_number(serial) if serial else "",
        name=name,
        organisation_type="company" if enterprise else "public_actor",
        registration_date=registered,
    )
    changed = {"is_enterprise": enterprise, **({"created": first} if first else {})}
    for field, value in changed.items():
        setattr(row, field, value)
    row.save()
    return row


def idea(reference: str, *, changes, organisation=None, contact=None, **fields) -> Idea:
    """An idea whose stage changes are `changes`: [(moment, stage, status)], the first its submission."""
    moment, stage, status = changes[-1]
    made = Idea.objects.create(
        reference=reference,
        title=f"Idé {reference}",
        summary="En idé.",
        organisation_type=fields.pop("organisation_type", "company"),
        contact_name="Kontakt",
        contact_email="kontakt@example.org",
        consent_processing=True,
        created=changes[0][0],
        organisation=organisation,
        contact_person=contact,
        stage=stage,
        status=status,
        **fields,
    )
    for position, (moment, stage, status) in enumerate(changes):
        AuditEntry.objects.create(
            idea=made,
            event=AuditEvent.IDEA_SUBMITTED if position == 0 else AuditEvent.DECISION_MADE,
            new_value={"stage": stage, "status": status},
            created=moment,
        )
        record_stage_change(made, {"stage": stage, "status": status}, moment)  # as `audit` does
    return made


def reached(
    email: str | None, source: str, moment, *, organisation=None, channel="idea", role="contact", gender=""
):
    person = actions.person_for(email, gender=gender, at=moment) if email else None
    actions.record_reach(
        channel=channel, source=source, role=role, person=person, organisation=organisation, at=moment
    )
    return person
