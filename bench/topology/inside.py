"""The run's two steps inside Django (`manage.py shell -c`): the setup before, the checks after.

Each prints one JSON line, which the driver reads.
"""

import collections
import email.utils
import json
import re

from django.contrib.auth.models import User
from django.db.models import Count
from wagtail.users.models import UserProfile

from cms.models import NewsPage
from cms.models.taxonomy import ChallengeArea, Municipality
from infra.models import OutboxMessage
from search import indexing
from search.backends import get_backend
from workflows.groups import SCREENING, ensure_reviewer_groups
from workflows.models import Criterion, Decision, Idea, IdeaSubmissionPage, Stage


def prepare(reviewers: int, password: str) -> None:
    """Reviewer accounts of the screening committee (no second factor is required of it), and
    what the clients need to know of the site."""
    group = ensure_reviewer_groups()[SCREENING]
    for number in range(1, reviewers + 1):
        user, _ = User.objects.get_or_create(username=f"topology-screener-{number}")
        user.email = f"topology-screener-{number}@example.org"
        user.set_password(password)
        user.save()
        user.groups.add(group)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"  # the clients read the English messages
        profile.save()
    pages = IdeaSubmissionPage.objects.live().order_by("locale__language_code")
    print(
        "JSON",
        json.dumps(
            {
                "intake": [page.get_url() for page in pages],
                "challenge": ChallengeArea.objects.order_by("pk").values_list("pk", flat=True).first(),
                "municipality": Municipality.objects.order_by("pk").values_list("pk", flat=True).first(),
                "criteria": list(
                    Criterion.objects.filter(stage=Stage.SCREENING).values_list("code", flat=True)
                ),
            }
        ),
    )


def check(token: str, since: str, accepted: list[str], decided: list[int], received: list) -> None:
    """Exactly once, each: the accepted submissions, the recorded decisions, the delivered
    e-mails (against the SMTP sink's `received`, (recipients, subject) pairs) and the index.
    A run without submissions or decisions fails: it did not exercise them."""
    results = []

    ideas = Idea.objects.filter(title__contains=token)
    stored = collections.Counter(ideas.values_list("title", flat=True))
    lost = [title for title in accepted if stored[title] == 0]
    twice = [title for title, count in stored.items() if count > 1]
    results.append(
        (
            "submissions",
            bool(accepted) and not lost and not twice,
            f"{len(accepted)} accepted, {sum(stored.values())} stored for the run, "
            f"{len(lost)} lost, {len(twice)} stored twice",
        )
    )

    per_task = Decision.objects.filter(idea__in=ideas).values("task").annotate(n=Count("pk"))
    doubled = [row["task"] for row in per_task if row["n"] > 1]
    decided_ideas = set(Decision.objects.filter(idea__in=ideas).values_list("idea", flat=True))
    missing = sorted(set(decided) - decided_ideas)
    results.append(
        (
            "decisions",
            bool(decided) and not doubled and not missing and len(per_task) == len(decided),
            f"{len(decided)} recorded for the reviewers, {len(per_task)} in the database, "
            f"{len(missing)} missing, {len(doubled)} tasks decided twice",
        )
    )

    # The sink started with the run: it should have received exactly what was delivered since.
    emails = OutboxMessage.objects.filter(kind="email")
    pending = emails.filter(done_at__isnull=True).count()
    sent = collections.Counter(
        _envelope(payload["to"], payload["subject"])
        for payload in emails.filter(done_at__gte=since).values_list("payload", flat=True)
    )
    arrived = collections.Counter(_envelope(to, subject) for to, subject in received)
    if sent != arrived:
        print("differing e-mails:", list((sent - arrived).items())[:3], list((arrived - sent).items())[:3])
    results.append(
        (
            "e-mails",
            not pending and sent == arrived,
            f"{sum(sent.values())} delivered by the outbox, {sum(arrived.values())} arrived, "
            f"{sum((sent - arrived).values())} missing, {sum((arrived - sent).values())} extra, "
            f"{pending} still pending",
        )
    )

    backend = get_backend()
    differences = backend.status().differences(indexing.all_documents())
    documents = int(re.match(r"\d+", backend.ping(5)).group())
    distinct = backend.status().count
    results.append(
        (
            "search index",
            not differences and documents == distinct,
            f"{distinct} documents, {documents - distinct} duplicates, "
            f"{len(differences.missing)} missing, {len(differences.stale)} stale, "
            f"{len(differences.extra)} extra",
        )
    )
    print("JSON", json.dumps(results))


def _envelope(to: list[str], subject: str) -> tuple:
    """The addresses alone (a payload may name "Name <address>") and the subject unfolded."""
    return tuple(sorted(email.utils.parseaddr(each)[1].lower() for each in to)), " ".join(subject.split())


def has_demo() -> None:
    print("JSON", json.dumps(IdeaSubmissionPage.objects.exists()))


def pending() -> None:
    print("JSON", json.dumps(OutboxMessage.objects.filter(done_at__isnull=True).count()))


def publish(token: str) -> None:
    """An editor publishes a changed news item (its index update leaves through the outbox)."""
    page = NewsPage.objects.live().filter(locale__language_code="sv").order_by("pk").first()
    page.title = page.title.split(" · ")[0] + f" · {token}"
    page.save_revision().publish()
    print("JSON", json.dumps(page.title))
