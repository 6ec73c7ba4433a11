"""Managers revoke an applicant's status link, or issue a new one (sent by e-mail); an applicant
who lost theirs asks for a new one by e-mail address and reference."""

from datetime import timedelta

from django.utils import timezone

from .. import errors
from ..groups import is_manager
from ..models import AuditEvent, Idea, StatusToken
from ..notifications import email_applicant, status_url
from ._base import audit, locked_idea


def _revoke_all(idea, manager) -> list[int]:
    active = list(StatusToken.objects.active().filter(idea=idea).values_list("pk", flat=True))
    StatusToken.objects.filter(pk__in=active).update(revoked=timezone.now(), revoked_by=manager)
    return active


def revoke_status_token(idea_id: int, manager) -> int:
    """Every active link of the idea stops working. Returns how many were revoked."""
    if not is_manager(manager):
        raise errors.NotAllowed()
    with locked_idea(idea_id) as idea:
        revoked = _revoke_all(idea, manager)
        if not revoked:
            return 0
        audit(
            idea, AuditEvent.STATUS_TOKEN_REVOKED, user=manager, old={"tokens": revoked}, new={"tokens": []}
        )
        return len(revoked)


def _replace_links(idea, manager) -> str:
    """Revoke the idea's links, issue one, audit it and e-mail it to the applicant: the new secret."""
    revoked = _revoke_all(idea, manager)
    token, secret = StatusToken.issue(idea)
    audit(
        idea,
        AuditEvent.STATUS_TOKEN_ISSUED,
        user=manager,
        old={"tokens": revoked},
        new={"tokens": [token.pk]},
    )
    email_applicant(idea, "status_link", redact_after_send=True, status_url=status_url(secret, idea.language))
    return secret


def issue_status_token(idea_id: int, manager) -> str:
    """Revoke the idea's links and e-mail the applicant a new one. Returns the new secret."""
    if not is_manager(manager):
        raise errors.NotAllowed()
    with locked_idea(idea_id) as idea:
        return _replace_links(idea, manager)


#: At most one link asked for by the applicant per idea in this time: nobody who knows an
#: applicant's address and reference can fill their inbox, whatever addresses they send from.
RESEND_INTERVAL = timedelta(minutes=10)


def resend_status_link(reference: str, email: str) -> bool:
    """The applicant asks for a new status link: if `reference` names an idea whose contact address is
    `email`, its links are replaced, as when a manager sends one (the old link may be what was lost),
    and the new one is e-mailed to that address, never to another. Whether anything was sent is
    returned for tests and the log only: the applicant is told the same in every case.
    """
    reference, email = (reference or "").strip().upper(), (email or "").strip()
    if not reference or not email:
        return False
    matching = Idea.objects.filter(reference=reference, contact_email__iexact=email)
    idea_id = matching.values_list("pk", flat=True).first()
    if idea_id is None:
        return False
    with locked_idea(idea_id) as idea:
        recent = timezone.now() - RESEND_INTERVAL
        if StatusToken.objects.active().filter(idea=idea, created__gte=recent).exists():
            return False  # one was sent moments ago; it is on its way
        _replace_links(idea, None)
        return True
