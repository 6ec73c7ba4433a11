"""The applicant's personal data: exported or erased on request, and erased when it is kept too long.

There are no applicant accounts, so "the applicant" is everyone who submitted under the same
e-mail address: a request covers all of their ideas. Erasing keeps what the programme reports to
its funders (stage, status, challenge areas, municipality, organisation type, dates, decisions
and scores) and removes what identifies or describes the person: the contact details, the
organisation's name and number, the team figures, the idea's own words (title, summary,
answers), the attachments, the feedback and notes written about it, and the text of the e-mails
about it. Audit entries never hold personal data, so they stay whole.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from cms import outbox
from cms.models import OutboxMessage

from .. import errors
from ..groups import is_manager
from ..models import (
    ApplicantAnswer,
    AuditEvent,
    Decision,
    Idea,
    IdeaAttachment,
    Status,
    StatusToken,
)
from ._base import audit, locked_idea, withdraw
from ._index import enqueue_index
from .intake import delete_stored

#: The columns that identify or describe the applicant, and what erasing leaves in them.
ERASED_VALUES = {
    "summary": "",
    "organisation_name": "",
    "organisation_number": "",
    "registration_date": None,
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "team_size": None,
    "women_count": None,
    "men_count": None,
    "other_gender_count": None,
    "withdrawal_reason": "",
    "consent_showcase": False,
}


def applicant_ideas(idea: Idea) -> QuerySet[Idea]:
    """The ideas submitted under `idea`'s e-mail address (just `idea` once that is erased)."""
    if not idea.contact_email:
        return Idea.objects.filter(pk=idea.pk)
    return Idea.objects.filter(contact_email__iexact=idea.contact_email).order_by("pk")


def _emails_to_applicant(idea: Idea) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(kind="email", payload__idea=idea.pk, payload__audience="applicant")


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
    """Everything stored about the applicant behind `idea_id`, as JSON-ready data (right of access).

    Each exported idea gets an audit entry naming the manager: personal data leaving the system
    is itself an event.
    """
    idea = _idea_of_applicant(idea_id, manager)
    ideas = list(
        applicant_ideas(idea).select_related("municipality").prefetch_related("challenge_areas", "answers")
    )
    with transaction.atomic():
        exported = {
            "exported": timezone.now().isoformat(),
            "applicant": {
                "name": idea.contact_name,
                "email": idea.contact_email,
                "phone": idea.contact_phone,
            },
            "ideas": [_export(each) for each in ideas],
        }
        for each in ideas:
            audit(each, AuditEvent.PERSONAL_DATA_EXPORTED, user=manager, new={"ideas": len(ideas)})
    return exported


def _contact(idea: Idea) -> dict:
    return {"name": idea.contact_name, "email": idea.contact_email, "phone": idea.contact_phone}


def _export(idea: Idea) -> dict:
    decisions = Decision.objects.filter(idea=idea).exclude(public_feedback="").order_by("decided", "pk")
    return {
        "reference": idea.reference,
        "submitted": idea.created.isoformat(),
        "language": idea.language,
        "title": idea.title,
        "summary": idea.summary,
        "challenge_areas": [str(area) for area in idea.challenge_areas.all()],
        "municipality": str(idea.municipality) if idea.municipality else None,
        "organisation_type": idea.organisation_type,
        "organisation_name": idea.organisation_name,
        "organisation_number": idea.organisation_number,
        "is_new_enterprise": idea.is_new_enterprise,
        "registration_date": idea.registration_date.isoformat() if idea.registration_date else None,
        "contact": _contact(idea),
        "team": {
            "size": idea.team_size,
            "women": idea.women_count,
            "men": idea.men_count,
            "other_or_not_stated": idea.other_gender_count,
        },
        "consent": {"processing": idea.consent_processing, "showcase": idea.consent_showcase},
        "stage": idea.stage,
        "status": idea.status,
        "withdrawal_reason": idea.withdrawal_reason,
        "answers": [{"answered": a.created.isoformat(), "text": a.text} for a in idea.answers.all()],
        "attachments": [
            {
                "name": a.original_name,
                "type": a.content_type,
                "size": a.size,
                "uploaded": a.uploaded.isoformat(),
            }
            for a in IdeaAttachment.objects.filter(idea=idea)
        ],
        "feedback": [
            {
                "decided": d.decided.isoformat(),
                "stage": d.stage,
                "decision": d.code,
                "text": d.public_feedback,
            }
            for d in decisions
        ],
        "emails": [
            {"written": m.created.isoformat(), "sent": m.done_at.isoformat() if m.done_at else None}
            | {key: m.payload.get(key, "") for key in ("to", "subject", "body")}
            for m in _emails_to_applicant(idea).order_by("created", "pk")
        ],
    }


def erase_applicant_data(idea_id: int, manager) -> list[Idea]:
    """Erase the personal data of the applicant behind `idea_id` from each of their ideas.

    Ideas still in the programme are withdrawn first (their open tasks cancelled). Each idea is
    erased in its own transaction under its lock; a second request finishes what a failure left.
    """
    idea = _idea_of_applicant(idea_id, manager)
    pks = list(applicant_ideas(idea).filter(erased__isnull=True).values_list("pk", flat=True))
    return [erase_idea(pk, manager) for pk in pks]


def erase_idea(idea_id: int, user=None) -> Idea:
    """Erase one idea's personal data (`user` None: the retention rule). Returns the idea as left."""
    with locked_idea(idea_id) as idea:
        if idea.erased:
            return idea
        cancelled = [] if idea.is_finished else withdraw(idea)
        for name, value in ERASED_VALUES.items():
            setattr(idea, name, value)
        idea.title = idea.reference  # a title is required; the reference says nothing about anyone
        idea.erased = timezone.now()
        idea.save()

        # The one change written-once records allow: their text about the person goes.
        ApplicantAnswer.objects.filter(idea=idea).update(text="")
        Decision.objects.filter(idea=idea).update(public_feedback="", private_note="")
        attachments = IdeaAttachment.objects.filter(idea=idea)
        files = [name for name in attachments.values_list("file", flat=True) if name]
        attachments.delete()
        transaction.on_commit(lambda: delete_stored(files))  # only once the rows are surely gone
        tokens = StatusToken.objects.active().filter(idea=idea).update(revoked=idea.erased)
        emails = _erase_emails(idea)

        audit(
            idea,
            AuditEvent.PERSONAL_DATA_ERASED,
            user=user,
            new={
                "status": idea.status,
                "cancelled_tasks": cancelled,
                "attachments": len(files),
                "status_links": tokens,
                "emails": emails,
                "by": "manager" if user else "retention rule",
            },
        )
        enqueue_index(idea, force=True)
        return idea


def _erase_emails(idea: Idea) -> int:
    """E-mails about the idea lose their text (and, to the applicant, the address); those not yet
    sent are never sent. A reviewer's daily digest lists several ideas and is left as sent."""
    erased = 0
    for message in OutboxMessage.objects.filter(kind="email", payload__idea=idea.pk).select_for_update():
        to_applicant = message.payload.get("audience") == "applicant"
        payload = outbox.redacted(message.payload, also=("subject",))
        fields = {"payload": {**payload, "to": []} if to_applicant else payload}
        if message.done_at is None:
            fields.update(done_at=timezone.now(), last_error="erased before it was sent")
        OutboxMessage.objects.filter(pk=message.pk).update(**fields)
        erased += 1
    return erased


def erase_expired_personal_data(now: datetime.datetime | None = None) -> int:
    """The retention rule: ideas that ended and have not changed for the retention period lose the
    applicant's personal data. Returns how many were erased; run daily by the periodic jobs."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.IDEA_PERSONAL_DATA_RETENTION_DAYS)
    expired = Idea.objects.filter(
        status__in=Status.finished(), erased__isnull=True, updated__lt=cutoff
    ).values_list("pk", flat=True)
    return len([erase_idea(pk) for pk in list(expired)])
