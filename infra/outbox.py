"""Side effects that leave only after commit, and are retried until they have left.

Write side::

    with transaction.atomic():
        ...change things...
        outbox.enqueue("email", {...})      # in the same transaction

Delivery side: `enqueue` registers a `transaction.on_commit` callback that enqueues the
django-tasks task `deliver_outbox` for the new row. The task claims the row with a conditional
UPDATE and checks that it won (as healthchecks' `sendalerts` does), so two workers never
deliver the same row; it runs the row's handler outside any transaction, then marks the row
done, or records the error and schedules the next attempt with exponential backoff. The
periodic `manage.py deliver_outbox` (in `run_periodic_jobs`) delivers rows whose next attempt
has come: failed ones, and any whose task was lost.

Handlers are registered per kind with `register_handler(kind, fn)`; `fn(payload)` either
returns (delivered) or raises (retry later). A handler must be idempotent enough to bear an
occasional second run: a worker that dies after sending but before marking the row done
leaves a row that is claimed again once its claim has gone stale.
"""

import datetime
import logging
import uuid
from collections.abc import Callable

from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django_tasks import task

from .models import OutboxMessage

logger = logging.getLogger(__name__)

Handler = Callable[[dict], None]
_handlers: dict[str, Handler] = {}

#: The first retry waits this long; each further one twice as long, up to MAX_BACKOFF.
FIRST_BACKOFF = datetime.timedelta(minutes=1)
MAX_BACKOFF = datetime.timedelta(hours=6)
#: A claim older than this belongs to a worker that died; the row may be claimed again.
CLAIM_TIMEOUT = datetime.timedelta(minutes=10)
#: How many rows one sweep delivers at most.
SWEEP_BATCH = 500


class OutboxError(Exception):
    """Misuse of the outbox (e.g. enqueueing outside a transaction)."""


def register_handler(kind: str, fn: Handler) -> None:
    """Deliver rows of `kind` with `fn(payload)`. Registering a kind again replaces its handler."""
    _handlers[kind] = fn


def has_handler(kind: str) -> bool:
    return kind in _handlers


def get_handler(kind: str) -> Handler:
    try:
        return _handlers[kind]
    except KeyError:
        raise LookupError(f"no outbox handler registered for kind {kind!r}") from None


def enqueue(kind: str, payload: dict) -> OutboxMessage:
    """Write one side effect in the caller's transaction; it is delivered after commit.

    Raises OutboxError when called outside `transaction.atomic()`: the row must commit or
    roll back with the change that caused it.
    """
    if not connection.in_atomic_block:
        raise OutboxError("outbox.enqueue() must be called inside the caller's transaction")
    message = OutboxMessage.objects.create(kind=kind, payload=payload)
    transaction.on_commit(lambda: _schedule([message.pk]))
    return message


def enqueue_email(
    to: list[str],
    subject: str,
    body: str,
    html: str | None = None,
    *,
    redact_after_send: bool = False,
    attachments: list[dict] | None = None,
    **extra,
) -> OutboxMessage:
    """An e-mail row. `redact_after_send` blanks the bodies once sent (e.g. they hold a secret link).

    `attachments` are text files, each `{"filename", "content", "mimetype"}`: a payload is JSON,
    so a file travels in it as text (an iCalendar invitation, a CSV).

    `extra` keys (such as `template` or `idea`) are kept in the payload for timelines; the
    handler ignores them.
    """
    payload = {"to": list(to), "subject": subject, "body": body, "html": html or "", **extra}
    if attachments:
        payload["attachments"] = [
            {"filename": each["filename"], "content": each["content"], "mimetype": each["mimetype"]}
            for each in attachments
        ]
    if redact_after_send:
        payload["redact_after_send"] = True
    return enqueue("email", payload)


def redacted(payload: dict, *, also: tuple[str, ...] = ()) -> dict:
    """An e-mail payload without its bodies (and the `also` fields): what stays of it once sent."""
    return {**payload, **dict.fromkeys(("body", "html", *also), ""), "redacted": True}


def cancel(messages: QuerySet[OutboxMessage], *, at: datetime.datetime | None = None) -> int:
    """Make sure the undelivered rows among `messages` never leave: they are marked done (at `at`,
    default now) without running their handler. Delivered rows keep their time. Returns how many
    were cancelled."""
    return messages.filter(done_at__isnull=True).update(done_at=at or timezone.now())


def _schedule(message_ids: list[int]) -> None:
    # Runs after commit. If the task queue is unreachable the row simply waits for the sweep.
    try:
        deliver_outbox.enqueue(message_ids=message_ids)
    except Exception:
        logger.exception("could not enqueue outbox delivery; the periodic sweep will deliver it")


def backoff(attempts: int) -> datetime.timedelta:
    """The wait before the next attempt after `attempts` failed ones (1 min, 2, 4, ... up to 6 h)."""
    return min(FIRST_BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _claimable(now: datetime.datetime) -> Q:
    return Q(done_at__isnull=True, next_attempt_at__lte=now) & (
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)
    )


def deliver(message_id: int) -> bool:
    """Claim one row and run its handler. True if this call delivered it.

    Returns False, having done nothing, when the row is delivered, not yet due, or claimed by
    another worker: the conditional UPDATE decides who wins.
    """
    token = uuid.uuid4().hex
    now = timezone.now()
    won = (
        OutboxMessage.objects.filter(_claimable(now), pk=message_id).update(
            claimed_at=now, claimed_by=token, attempts=F("attempts") + 1
        )
        == 1
    )
    if not won:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    mine = OutboxMessage.objects.filter(pk=message_id, claimed_by=token)
    try:
        get_handler(message.kind)(message.payload)
    except Exception as exc:
        # Neither the payload nor the error's text in the log: an SMTP refusal quotes the
        # recipient's address. The text stays in `last_error`, which erasure reaches.
        logger.warning(
            "outbox %s #%s failed (attempt %s): %s",
            message.kind,
            message.pk,
            message.attempts,
            type(exc).__name__,
        )
        mine.update(
            claimed_at=None,
            claimed_by="",
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=timezone.now() + backoff(message.attempts),
        )
        return False
    done = {"done_at": timezone.now(), "claimed_at": None, "claimed_by": "", "last_error": ""}
    if message.payload.get("redact_after_send"):
        done["payload"] = redacted(message.payload)
    mine.update(**done)
    return True


@task()
def deliver_outbox(message_ids: list[int] | None = None) -> int:
    """Deliver the given rows, or every row that is due. Returns how many were delivered."""
    if message_ids is None:
        return deliver_due()
    return sum(deliver(pk) for pk in message_ids)


def deliver_due(limit: int = SWEEP_BATCH) -> int:
    """The sweep: deliver rows whose (next) attempt is due, oldest first."""
    now = timezone.now()
    due = (
        OutboxMessage.objects.filter(_claimable(now)).order_by("next_attempt_at").values_list("pk", flat=True)
    )
    return sum(deliver(pk) for pk in list(due[:limit]))


def send_email(payload: dict) -> None:
    """The "email" handler: one message through Django's mail framework."""
    message = EmailMultiAlternatives(subject=payload["subject"], body=payload["body"], to=payload["to"])
    if payload.get("html"):
        message.attach_alternative(payload["html"], "text/html")
    for attachment in payload.get("attachments", ()):
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    message.send(fail_silently=False)


register_handler("email", send_email)
