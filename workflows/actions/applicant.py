"""What the applicant does through the private status link (no account: the link is the key)."""

from django.utils.translation import gettext as _

from .. import errors
from ..flows import IdeaFlow
from ..models import (
    ApplicantAnswer,
    AttachmentSource,
    AuditEvent,
    Decision,
    DecisionCode,
    Status,
)
from ..notifications import email_applicant
from ._base import audit, locked_by_token, open_tasks, require_not_finished, route_new_tasks, withdraw
from ._index import enqueue_index
from .intake import checked_files, delete_stored, store_attachments

MAX_ANSWER_LENGTH = 10000


def answer_information_request(secret: str, text: str, attachments=()):
    """The applicant answers the open request for information; the idea goes back to screening."""
    text = (text or "").strip()
    if not text:
        raise errors.InvalidInput(errors={"text": [_("Write your answer.")]})
    if len(text) > MAX_ANSWER_LENGTH:
        too_long = _("At most %(count)d characters.") % {"count": MAX_ANSWER_LENGTH}
        raise errors.InvalidInput(errors={"text": [too_long]})
    checked = checked_files(attachments)
    stored: list[str] = []
    try:
        with locked_by_token(secret) as idea:
            require_not_finished(idea)
            waiting = open_tasks(idea).filter(flow_task=IdeaFlow.awaiting_applicant).first()
            if idea.status != Status.AWAITING_APPLICANT or waiting is None:
                raise errors.NoOpenRequest()
            request = Decision.objects.filter(idea=idea, code=DecisionCode.REQUEST_INFORMATION).latest()
            answer = ApplicantAnswer.objects.create(idea=idea, request=request, text=text)
            store_attachments(idea, checked, AttachmentSource.ANSWER, answer=answer, stored=stored)
            IdeaFlow.awaiting_applicant.run(waiting)
            old = {"status": idea.status}
            idea.status = Status.ACTIVE
            idea.save(update_fields=["status", "updated"])
            audit(
                idea,
                AuditEvent.INFORMATION_ANSWERED,
                task=waiting,
                old=old,
                new={"status": idea.status, "answer": answer.pk, "attachments": len(checked)},
            )
            route_new_tasks(idea)
            return answer
    except BaseException:
        delete_stored(stored)
        raise


def withdraw_idea(secret: str, reason: str = ""):
    """The applicant withdraws: every open task is cancelled and the process ends."""
    with locked_by_token(secret) as idea:
        require_not_finished(idea)
        old = {"stage": idea.stage, "status": idea.status}
        cancelled = withdraw(idea)
        idea.withdrawal_reason = (reason or "").strip()[:2000]
        idea.save(update_fields=["status", "withdrawal_reason", "updated"])
        audit(
            idea,
            AuditEvent.IDEA_WITHDRAWN,
            old=old,
            new={"status": idea.status, "cancelled_tasks": cancelled},
        )
        email_applicant(idea, "withdrawn")
        enqueue_index(idea)
        return idea


def set_showcase_consent(secret: str, consent: bool):
    """The applicant gives or withdraws consent to a public showcase (possible even once finished)."""
    with locked_by_token(secret) as idea:
        consent = bool(consent)
        if idea.consent_showcase == consent:
            return idea  # nothing changes, nothing is logged
        old = {"consent_showcase": idea.consent_showcase}
        idea.consent_showcase = consent
        idea.save(update_fields=["consent_showcase", "updated"])
        audit(idea, AuditEvent.SHOWCASE_CONSENT_CHANGED, old=old, new={"consent_showcase": consent})
        enqueue_index(idea, force=True)
        return idea
