"""E-mails of the idea pipeline, written as outbox rows inside the acting transaction.

Applicant e-mails are rendered in the submission's language from
`workflows/email/<language>/<name>.subject.txt`, `.txt` and `.html`; reviewer e-mails in
the site's default language. Each row's payload also keeps `template` and `idea` (the id) so
the idea's timeline can list the e-mails sent.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from infra import outbox
from infra.site_address import absolute

from .groups import group_label
from .models import ConflictOfInterest, DigestEntry, Idea

#: Stage names in e-mails, per language (independent of the interface catalogue).
STAGE_NAMES = {
    "sv": {
        "submitted": "inskickad",
        "screening": "granskning",
        "support": "stöd",
        "pilot": "pilot",
        "market": "marknad",
        "graduated": "examen",
    },
    "en": {
        "submitted": "submitted",
        "screening": "screening",
        "support": "support",
        "pilot": "pilot",
        "market": "market",
        "graduated": "graduated",
    },
}


def status_url(secret: str, language: str | None = None) -> str:
    """The applicant's private status link, in `language` (the submission's; the site's default if None).

    The status page is mounted by `workflows.public.urls` inside `i18n_patterns`: Swedish
    without a prefix, English under `/en/`.
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("idea_status:link", kwargs={"token": secret})
    return absolute(path)


def admin_idea_url(idea: Idea) -> str:
    """Where reviewers open the idea in the Wagtail admin."""
    return absolute(reverse("ideas:detail", args=[idea.pk]))


def render_email(name: str, language: str, context: dict) -> tuple[str, str, str]:
    """(subject, text, html) of template `name` in `language`."""
    with translation.override(language):
        base = f"workflows/email/{language}/{name}"
        subject = " ".join(render_to_string(f"{base}.subject.txt", context).split())
        return subject, render_to_string(f"{base}.txt", context), render_to_string(f"{base}.html", context)


def email_applicant(idea: Idea, name: str, *, redact_after_send: bool = False, **context):
    """One e-mail to the idea's contact person in the idea's language."""
    context = {"idea": idea, "stage_label": STAGE_NAMES[idea.language][idea.stage], **context}
    subject, text, html = render_email(name, idea.language, context)
    return outbox.enqueue_email(
        [idea.contact_email],
        subject,
        text,
        html,
        redact_after_send=redact_after_send,
        template=name,
        idea=idea.pk,
        audience="applicant",
    )


def may_be_told(idea: Idea, users: QuerySet) -> QuerySet:
    """`users` narrowed to those who may be told about `idea`: active, with an e-mail address, and
    without a declared conflict of interest with it (they could not open it). Every e-mail to
    reviewers about one idea's task (new in the queue, overdue) chooses its readers here."""
    return (
        users.filter(is_active=True)
        .exclude(email="")
        .exclude(pk__in=ConflictOfInterest.objects.filter(idea=idea).values("reviewer_id"))
        .order_by("pk")
    )


def members(group_name: str) -> QuerySet:
    return get_user_model().objects.filter(groups__name=group_name)


def email_group_new_task(idea: Idea, group_name: str, task) -> list:
    """Tell each member of `group_name` who `may_be_told` of the idea that a task landed in their queue.

    Members who chose the daily digest get a `DigestEntry` (sent by `workflows.digests`)
    instead of an e-mail now. Returns the outbox rows written.
    """
    told = may_be_told(idea, members(group_name)).values_list(
        "pk", "email", "reviewer_preferences__daily_digest"
    )
    at_once, digest = [], []
    for pk, email, daily_digest in told:
        if daily_digest:
            digest.append(DigestEntry(reviewer_id=pk, idea=idea, task=task, group=group_name))
        else:
            at_once.append(email)
    DigestEntry.objects.bulk_create(digest)
    if not at_once:
        return []
    subject, text, html = render_email(
        "task_in_queue",
        settings.LANGUAGE_CODE,
        {
            "idea": idea,
            "group": group_label(group_name),
            "task_title": task.flow_task.task_title,
            "url": admin_idea_url(idea),
        },
    )
    return [
        outbox.enqueue_email(
            [email], subject, text, html, template="task_in_queue", idea=idea.pk, audience="reviewer"
        )
        for email in at_once
    ]
