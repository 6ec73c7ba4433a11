"""Managers revoke an applicant's status link, or issue a new one (sent by e-mail)."""

from django.utils import timezone

from .. import errors
from ..groups import is_manager
from ..models import AuditEvent, StatusToken
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


def issue_status_token(idea_id: int, manager) -> str:
    """Revoke the idea's links and e-mail the applicant a new one. Returns the new secret."""
    if not is_manager(manager):
        raise errors.NotAllowed()
    with locked_idea(idea_id) as idea:
        revoked = _revoke_all(idea, manager)
        token, secret = StatusToken.issue(idea)
        audit(
            idea,
            AuditEvent.STATUS_TOKEN_ISSUED,
            user=manager,
            old={"tokens": revoked},
            new={"tokens": [token.pk]},
        )
        email_applicant(
            idea, "status_link", redact_after_send=True, status_url=status_url(secret, idea.language)
        )
        return secret
