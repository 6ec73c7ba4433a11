"""The applicant's submission: one transaction creates the idea, its process, link, audit and receipt."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reach.actions import normalise_email, organisation_for, person_for, record_reach
from reach.models import AgeBand, Channel, Gender, Role

from .. import errors, recommendations
from ..flows import IdeaFlow
from ..models import (
    MAX_TEAM_MEMBERS,
    AttachmentSource,
    AuditEvent,
    Idea,
    IdeaAttachment,
    ReferenceSerial,
    StatusToken,
    TeamMember,
)
from ..notifications import email_applicant, status_url
from ..storage import private_storage
from ..validators import attachment_name, sniff_attachment
from ._base import audit, route_new_tasks
from ._index import enqueue_index

#: The fields `submit_idea` takes, as the public intake form names them.
IDEA_FIELDS = (
    "title",
    "summary",
    "municipality",
    "organisation_type",
    "organisation_name",
    "organisation_number",
    "is_new_enterprise",
    "registration_date",
    "contact_name",
    "contact_email",
    "contact_phone",
    "team_size",
    "women_count",
    "men_count",
    "other_gender_count",
    "language",
    "consent_processing",
    "consent_showcase",
)


def checked_files(files) -> list[tuple[object, str]]:
    """(file, content type) of each upload, all checked before anything is written."""
    checked = []
    for number, file in enumerate(files, start=1):
        try:
            checked.append((file, sniff_attachment(file)))
        except ValidationError as error:
            raise errors.InvalidInput(error.messages[0], {f"attachment_{number}": error.messages}) from error
    return checked


def store_attachments(idea: Idea, checked, source: str, answer=None, stored: list | None = None):
    """Save checked files to private storage; `stored` collects names to delete if the transaction fails."""
    for file, content_type in checked:
        attachment = IdeaAttachment(
            idea=idea,
            original_name=attachment_name(getattr(file, "name", ""), content_type),
            content_type=content_type,
            size=file.size,
            source=source,
            answer=answer,
        )
        file.seek(0)
        attachment.file.save("upload", file, save=False)
        if stored is not None:
            stored.append(attachment.file.name)
        attachment.save()


def delete_stored(names: list[str]) -> None:
    for name in names:
        private_storage().delete(name)


def _declared(gender: str, age_band: str) -> dict[str, list[str]]:
    """The problems with what the contact person declared about themselves (both optional)."""
    problems = {}
    if gender not in ("", *Gender.values):
        problems["contact_gender"] = [_("Choose one of the answers, or none.")]
    if age_band not in ("", *AgeBand.values):
        problems["contact_age_band"] = [_("Choose one of the answers, or none.")]
    return problems


def _team_problems(team_members: list[tuple[str, str]], contact_email: str) -> dict[str, list[str]]:
    """The problems with the team members listed (the n-th member's fields are `team_member_<n>_*`)."""
    if len(team_members) > MAX_TEAM_MEMBERS:
        return {"team_members": [_("List at most %(count)d team members.") % {"count": MAX_TEAM_MEMBERS}]}
    problems, seen = {}, {normalise_email(contact_email)}
    for number, (name, email) in enumerate(team_members, start=1):
        if not name.strip() or len(name) > 200:
            problems[f"team_member_{number}_name"] = [_("Give the team member's name.")]
        try:
            validate_email(email.strip())
        except ValidationError:
            problems[f"team_member_{number}_email"] = [_("Enter a valid email address.")]
            continue
        if normalise_email(email) in seen:
            problems[f"team_member_{number}_email"] = [
                _("This address is already given above: list each other member of the team once.")
            ]
        seen.add(normalise_email(email))
    return problems


def record_team(idea: Idea, team_members: list[tuple[str, str]]) -> None:
    """Each team member on the idea and in the register, reached through the idea."""
    for name, email in team_members:
        person = person_for(email, municipality=idea.municipality, at=idea.created)
        TeamMember.objects.create(idea=idea, name=name.strip(), email=normalise_email(email), person=person)
        record_reach(
            channel=Channel.IDEA,
            source=idea.reference,
            role=Role.TEAM_MEMBER,
            person=person,
            organisation=idea.organisation,
            at=idea.created,
        )


def register_contact(idea: Idea, *, gender: str = "", age_band: str = "") -> None:
    """The idea's organisation and contact person in the register, set on the idea before it is
    first saved: inserted with them, it is a new idea to the figures, not one that moved to
    another organisation, which would count the supported enterprises again (`figures 0004`).

    An idea without an organisation number gets an organisation row of its own, which is never
    counted as an enterprise; an individual's row is named after them (erased with them)."""
    idea.organisation = organisation_for(
        idea.organisation_number,
        name=idea.organisation_name or idea.contact_name,
        organisation_type=idea.organisation_type,
        registration_date=idea.registration_date,
    )
    idea.contact_person = person_for(
        idea.contact_email, gender=gender, age_band=age_band, municipality=idea.municipality, at=idea.created
    )


def register_reach(idea: Idea) -> None:
    """That the idea reached its contact person and organisation (`register_contact`)."""
    record_reach(
        channel=Channel.IDEA,
        source=idea.reference,
        role=Role.CONTACT,
        person=idea.contact_person,
        organisation=idea.organisation,
        at=idea.created,
    )


def submit_idea(
    *,
    challenge_areas=(),
    attachments=(),
    contact_gender: str = "",
    contact_age_band: str = "",
    team_members=(),
    **fields,
) -> tuple[Idea, str]:
    """Create an idea from the intake form and start its process.

    Returns (idea, secret): the secret goes only into the receipt e-mail's status link; the
    caller may show the reference number. Raises InvalidInput (nothing written) when the
    fields or files are not valid. The contact person's gender and age band are optional and
    go to the register of whom the programme reached, not to the idea. `team_members` are
    (name, e-mail) pairs: each is recorded on the idea and, as reached, in the register.
    """
    unknown = set(fields) - set(IDEA_FIELDS)
    if unknown:
        raise TypeError(f"submit_idea() got unexpected fields: {', '.join(sorted(unknown))}")
    idea = Idea(**fields)
    team_members = list(team_members)
    problems = _declared(contact_gender, contact_age_band) | _team_problems(
        team_members, fields.get("contact_email", "")
    )
    try:
        idea.full_clean(exclude=["reference", "process", "stage", "status"])
    except ValidationError as error:
        problems = error.message_dict | problems
    if problems:
        raise errors.InvalidInput(errors=problems)
    areas = list(challenge_areas)
    if not areas:
        raise errors.InvalidInput(errors={"challenge_areas": [_("Choose at least one challenge area.")]})
    checked = checked_files(attachments)
    # Before the transaction: a search, perhaps on another server, must not hold its locks.
    resources = recommendations.for_idea(idea, areas=areas)

    stored: list[str] = []
    try:
        with transaction.atomic():
            idea.reference = ReferenceSerial.next_reference(timezone.localdate().year)
            register_contact(idea, gender=contact_gender, age_band=contact_age_band)
            idea.save()
            idea.challenge_areas.set(areas)
            register_reach(idea)
            record_team(idea, team_members)
            store_attachments(idea, checked, AttachmentSource.SUBMISSION, stored=stored)
            process = IdeaFlow.submission.run(idea=idea)
            idea.process = process
            idea.save(update_fields=["process"])
            secret = StatusToken.issue(idea)[1]
            audit(
                idea,
                AuditEvent.IDEA_SUBMITTED,
                new={"stage": idea.stage, "status": idea.status, "attachments": len(checked)},
            )
            email_applicant(
                idea,
                "receipt",
                redact_after_send=True,
                status_url=status_url(secret, idea.language),
                resources=resources,
            )
            route_new_tasks(idea)
            enqueue_index(idea)
    except BaseException:
        delete_stored(stored)
        raise
    return idea, secret
