"""Reviewers' daily digest: the choice on the account page, immediate or digest routing of "a task
landed in your queue", the digest's content, reruns and conflicts of interest."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from workflows import actions
from workflows.digests import send_review_digests
from workflows.models import DigestEntry, ReviewerPreferences

from .helpers import effects, emails_to, open_task

pytestmark = pytest.mark.django_db

DIGEST_BOX = "reviewer_preferences-daily_digest"


def account_form_data(response) -> dict:
    """What the account page's forms post as shown (every panel, with its current values)."""
    data = {}
    for panels in response.context["panels_by_tab"].values():
        for panel in panels:
            for field in panel.get_form():
                value = field.value()
                if value not in (None, False, ""):
                    data[field.html_name] = "on" if value is True else value
    return data


def test_a_reviewer_chooses_the_digest_on_their_account_page_and_back(client, screener):
    screener.first_name, screener.last_name = "Sara", "Lind"  # the account page requires a name
    screener.save()
    profile = UserProfile.get_for_user(screener)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(screener)
    page = client.get(reverse("wagtailadmin_account"))
    assert "New tasks in your queues" in page.text
    assert f'name="{DIGEST_BOX}"' in page.text
    data = account_form_data(page)
    assert DIGEST_BOX not in data  # immediate e-mails by default, and no row until saved
    assert not ReviewerPreferences.objects.exists()

    response = client.post(reverse("wagtailadmin_account"), {**data, DIGEST_BOX: "on"})
    assert response.status_code == 302
    assert ReviewerPreferences.objects.get(user=screener).daily_digest is True
    (box,) = re.findall(
        rf'<input[^>]*name="{DIGEST_BOX}"[^>]*>', client.get(reverse("wagtailadmin_account")).text
    )
    assert " checked" in box

    client.post(reverse("wagtailadmin_account"), data)
    assert ReviewerPreferences.objects.get(user=screener).daily_digest is False


def test_only_reviewers_see_the_choice(client, editor, manager):
    for user in (editor, manager):
        client.force_login(user)
        assert DIGEST_BOX not in client.get(reverse("wagtailadmin_account")).text


@pytest.fixture
def digest_reader(screener):
    """The screener reads one digest a day; the second screener keeps one e-mail per task."""
    ReviewerPreferences.objects.create(user=screener, daily_digest=True)
    return screener


def test_digest_readers_get_an_entry_and_the_others_an_email_at_once(submit, digest_reader, second_screener):
    with effects() as found:
        idea = submit().idea
    assert emails_to(found, "screener@example.org") == []
    (immediate,) = emails_to(found, "screener2@example.org")
    assert immediate.payload["template"] == "task_in_queue"
    assert "väntar i kön för Granskningsgruppen" in immediate.payload["body"]
    (entry,) = DigestEntry.objects.all()
    assert (entry.reviewer, entry.idea, entry.task, entry.group, entry.sent) == (
        digest_reader,
        idea,
        open_task(idea),
        "Screening committee",
        None,
    )


def test_the_digest_lists_the_waiting_tasks_in_one_email_and_a_rerun_sends_nothing(
    submit, digest_reader, second_screener
):
    first = submit().idea
    second = submit(title="Cykelkök i Rosengård").idea
    now = timezone.now()
    with effects() as found:
        assert send_review_digests(now) == 1
    (digest,) = found.outbox
    payload = digest.payload
    assert payload["to"] == ["screener@example.org"]
    assert (payload["template"], payload["audience"], payload["ideas"]) == (
        "task_digest",
        "reviewer",
        [first.pk, second.pk],
    )
    assert payload["subject"] == "2 nya uppgifter i dina köer"  # the site's default language
    for idea in (first, second):
        for body in (payload["body"], payload["html"]):
            assert idea.reference in body
            assert f"/admin/ideas/{idea.pk}/" in body
    assert "Granskningsgruppen" in payload["body"]  # the group as a Swedish reader names it
    assert not DigestEntry.objects.filter(sent__isnull=True).exists()
    assert ReviewerPreferences.objects.get(user=digest_reader).last_digest == now

    with effects() as found:
        assert send_review_digests(now) == 0
        assert send_review_digests(now + datetime.timedelta(hours=2)) == 0
        call_command("send_review_digests")
    assert found.outbox == []


def test_tasks_landing_after_a_digest_wait_for_the_next_day(submit, digest_reader):
    submit()
    now = timezone.now()
    assert send_review_digests(now) == 1
    later = submit(title="Cykelkök i Rosengård").idea
    with effects() as found:
        assert send_review_digests(now + datetime.timedelta(hours=3)) == 0
        assert send_review_digests(now + datetime.timedelta(days=1)) == 1
    (digest,) = found.outbox
    assert digest.payload["ideas"] == [later.pk]
    assert digest.payload["subject"] == "1 ny uppgift i dina köer"


def test_tasks_no_longer_waiting_are_left_out_and_an_empty_digest_is_not_sent(
    submit, digest_reader, second_screener
):
    idea = submit().idea
    actions.claim_task(open_task(idea).pk, second_screener)
    with effects() as found:
        assert send_review_digests() == 0
    assert found.outbox == []
    assert not DigestEntry.objects.filter(sent__isnull=True).exists()
    assert ReviewerPreferences.objects.get(user=digest_reader).last_digest is None


def test_a_member_with_a_conflict_of_interest_gets_nothing_for_that_idea(
    submit, digest_reader, second_screener
):
    conflicted = submit().idea
    other = submit(title="Cykelkök i Rosengård").idea
    actions.declare_conflict(conflicted.pk, digest_reader, "Min syster driver föreningen.")
    # The task comes back to the queue: the group is told again, but neither member in conflict is.
    actions.claim_task(open_task(conflicted).pk, second_screener)
    with effects() as found:
        actions.declare_conflict(conflicted.pk, second_screener, "Jag sitter i styrelsen.")
    assert emails_to(found, "screener2@example.org") == []
    assert DigestEntry.objects.filter(idea=conflicted).count() == 1  # from the submission only

    with effects() as found:
        assert send_review_digests() == 1
    (digest,) = found.outbox
    assert digest.payload["ideas"] == [other.pk]
    assert conflicted.reference not in digest.payload["body"]


def test_the_digest_job_runs_with_the_periodic_jobs():
    from infra.management.commands.run_periodic_jobs import PERIODIC_JOBS

    assert dict(PERIODIC_JOBS)["send_review_digests"] <= 3600  # hourly: each reviewer's day starts anew


def test_a_digest_costs_the_same_queries_for_one_task_or_many(submit, digest_reader):
    counts = []
    for day, ideas in enumerate((1, 4)):
        for number in range(ideas):
            submit(title=f"Idé {day}-{number}")
        with CaptureQueriesContext(connection) as queries:
            assert send_review_digests(timezone.now() + datetime.timedelta(days=day)) == 1
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_idea_page_lists_the_digest_an_idea_went_out_in(client, submit, digest_reader, manager):
    from .test_backoffice_screens import login

    idea = submit().idea
    login(client, manager)
    waiting = client.get(reverse("ideas:detail", args=[idea.pk])).content.decode()
    assert "In the daily digest of new tasks" in waiting
    send_review_digests(timezone.now())
    sent = client.get(reverse("ideas:detail", args=[idea.pk])).content.decode()
    assert "In the daily digest of new tasks" in sent
    assert sent.count("Not yet") == waiting.count("Not yet") - 1
