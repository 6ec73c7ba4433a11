"""The applicant's personal data: exported or erased on request, and erased when it is kept too long.

There are no applicant accounts, so "the applicant" is everyone who submitted under the same
e-mail address: a request covers all of their ideas. What is personal, and what erasing leaves
in it, is `workflows.personal_data.INVENTORY`: the export gives every field listed there and the
erasure blanks each (the idea's words and contact details, answers, attachments, the texts
reviewers wrote about it, the stage records, the e-mails). Erasing keeps what the programme
reports to its funders: stage, status, challenge areas, municipality, organisation type, dates,
decision codes and scores, and the register's rows of whom the programme reached (the person
and an individual's organisation become anonymous tally rows, still counted). Audit entries
never hold personal data, so they stay whole.
"""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infra import outbox, personal_data
from infra.personal_data import Held, PersonalFields, Source

from .. import errors
from ..groups import is_manager
from ..models import AuditEvent, Idea, Status, StatusToken, TeamMember
from ..personal_data import INVENTORY, UNSENT, emails_about, erase_team_member
from ._base import audit, locked_idea, withdraw
from ._index import enqueue_index
from .intake import delete_stored


def applicant_ideas(idea: Idea) -> QuerySet[Idea]:
    """The ideas submitted under `idea`'s e-mail address (just `idea` once that is erased)."""
    if not idea.contact_email:
        return Idea.objects.filter(pk=idea.pk)
    return Idea.objects.filter(contact_email__iexact=idea.contact_email).order_by("pk")


def _idea_of_applicant(idea_id: int, manager) -> Idea:
    """The idea a manager's request names, if they may act on it and it still has personal data."""
    if not is_manager(manager):
        raise errors.NotAllowed()
    idea = Idea.objects.filter(pk=idea_id).first()
    if idea is None:
        raise errors.NotFound()
    if idea.erased:
        raise errors.AlreadyErased()
    return idea


def export_applicant_data(idea_id: int, manager) -> dict:
    """Everything stored about the applicant behind `idea_id`, as JSON-ready data (right of access):
    what the registry holds under their address (their ideas, registrations, the register's row).

    Each exported idea gets an audit entry naming the manager: personal data leaving the system
    is itself an event.
    """
    idea = _idea_of_applicant(idea_id, manager)
    applicant = {"name": idea.contact_name, "email": idea.contact_email, "phone": idea.contact_phone}
    return {"applicant": applicant, **personal_data.export(idea.contact_email, manager)}


def applicant_ideas_of(email: str) -> QuerySet[Idea]:
    return Idea.objects.filter(contact_email__iexact=email, erased__isnull=True).order_by("pk")


def export_ideas(email: str, manager) -> list[dict]:
    """The ideas sent under the address, each audited as exported by the manager."""
    ideas = list(applicant_ideas_of(email).select_related("municipality").prefetch_related("challenge_areas"))
    for each in ideas:
        audit(each, AuditEvent.PERSONAL_DATA_EXPORTED, user=manager, new={"ideas": len(ideas)})
    return [_export(each) for each in ideas]


def _export(idea: Idea) -> dict:
    """The idea's rows of every inventoried model: the personal fields and those beside them."""
    exported = {
        "challenge_areas": [str(area) for area in idea.challenge_areas.all()],
        "municipality": str(idea.municipality) if idea.municipality else None,
    }
    for entry in INVENTORY:
        rows = entry.export(idea)
        if entry.model is Idea:
            exported = rows[0] | exported
        else:
            exported[entry.name] = rows
    return exported


def erase_applicant_data(idea_id: int, manager) -> list[Idea]:
    """Erase everything held about the applicant behind `idea_id`: a request to be forgotten is the
    person's, so the registry erases every idea under their address, their event registrations,
    their team memberships and their row in the register. Returns the applicant's ideas as left.

    Ideas still in the programme are withdrawn first (their open tasks cancelled).
    """
    idea = _idea_of_applicant(idea_id, manager)
    pks = list(applicant_ideas(idea).filter(erased__isnull=True).values_list("pk", flat=True))
    personal_data.erase(idea.contact_email, manager)
    return list(Idea.objects.filter(pk__in=pks).order_by("pk"))


def erase_ideas(email: str, manager, at: datetime.datetime) -> int:
    """The registry's erasure of an applicant: each of their ideas, audited on the idea."""
    pks = list(applicant_ideas_of(email).values_list("pk", flat=True))
    return len([erase_idea(pk, manager) for pk in pks])


def find_ideas(email: str) -> list[Held]:
    return [
        Held(idea.reference, idea.get_stage_display(), idea.created) for idea in applicant_ideas_of(email)
    ]


def team_memberships_of(email: str) -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(email=email).select_related("idea").order_by("pk")


def find_team_memberships(email: str) -> list[Held]:
    return [
        Held(member.idea.reference, member.idea.get_stage_display(), member.idea.created)
        for member in team_memberships_of(email)
    ]


def export_team_memberships(email: str, manager=None) -> list[dict]:
    """Where the person is named as a team member: the idea's reference, their name and address."""
    return [
        {"idea": member.idea.reference, "name": member.name, "email": member.email}
        for member in team_memberships_of(email)
    ]


def erase_team_memberships(email: str, manager, at: datetime.datetime) -> int:
    """A team member asked to be forgotten: their name and address go from each idea naming them
    (the idea's own data stays, it is the applicant's), each audited on the idea."""
    members = list(team_memberships_of(email).select_for_update())
    for member in members:
        erase_team_member(member, at=at)
        audit(member.idea, AuditEvent.TEAM_MEMBER_ERASED, user=manager, new={"team_members": 1})
    return len(members)


#: The ideas' sources of the registry of personal data (`infra.personal_data`).
SOURCES = (
    Source(
        "ideas",
        _("Ideas (as the contact person)"),
        10,
        tuple(INVENTORY),
        find_ideas,
        export_ideas,
        erase_ideas,
    ),
    Source(
        "team_members",
        _("Ideas (as a team member)"),
        15,
        (),  # the fields are the ideas' inventory's
        find_team_memberships,
        export_team_memberships,
        erase_team_memberships,
    ),
)


def erase_idea(idea_id: int, user=None) -> Idea:
    """Erase one idea's personal data (`user` None: the retention rule). Returns the idea as left."""
    with locked_idea(idea_id) as idea:
        if idea.erased:
            return idea
        cancelled = [] if idea.is_finished else withdraw(idea)
        idea.erased = timezone.now()
        idea.save()
        # Written-once records allow this one change: their text about the person goes.
        erased = {entry.name: _erase(entry, idea) for entry in INVENTORY}
        idea.refresh_from_db()
        outbox.cancel(emails_about(idea).filter(last_error=UNSENT), at=idea.erased)
        tokens = StatusToken.objects.active().filter(idea=idea).update(revoked=idea.erased)
        audit(
            idea,
            AuditEvent.PERSONAL_DATA_ERASED,
            user=user,
            new={
                "status": idea.status,
                "cancelled_tasks": cancelled,
                **{name: count for name, count in erased.items() if name != "idea"},
                "status_links": tokens,
                "by": "manager" if user else "retention rule",
            },
        )
        enqueue_index(idea, force=True)
        return idea


def _erase(entry: PersonalFields, idea: Idea) -> int:
    """Blank (or delete) the entry's fields in the idea's rows as the inventory says; how many rows."""
    rows = entry.rows(idea)
    if entry.erase:
        each = list(rows.select_for_update())
        for row in each:
            entry.erase(row, at=idea.erased)
        return len(each)
    if entry.deletes_rows:
        files = [
            name
            for field in entry.model._meta.concrete_fields
            if isinstance(field, models.FileField)
            for name in rows.values_list(field.name, flat=True)
            if name
        ]
        deleted = rows.delete()[1].get(entry.model._meta.label, 0)
        transaction.on_commit(lambda: delete_stored(files))  # only once the rows are surely gone
        return deleted
    per_row = {name: value for name, value in entry.erased.items() if callable(value)}
    same = {name: value for name, value in entry.erased.items() if name not in per_row}
    if not per_row:
        return rows.update(**same)
    each = list(rows.select_for_update())
    for row in each:
        rows.filter(pk=row.pk).update(**same, **{name: erase(row) for name, erase in per_row.items()})
    return len(each)


def erase_expired_personal_data(now: datetime.datetime | None = None) -> int:
    """The retention rule: ideas that ended and have not changed for the retention period lose the
    applicant's personal data. Returns how many were erased; run daily by the periodic jobs."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.IDEA_PERSONAL_DATA_RETENTION_DAYS)
    expired = Idea.objects.filter(
        status__in=Status.finished(), erased__isnull=True, updated__lt=cutoff
    ).values_list("pk", flat=True)
    return len([erase_idea(pk) for pk in list(expired)])
