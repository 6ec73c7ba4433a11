"""The task screens on the idea page: a screener claims, scores and advances; errors become messages."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from viewflow.workflow.status import STATUS
from wagtail.users.models import UserProfile

from workflows.actions.decisions import weighted_score
from workflows.models import AuditEvent, Criterion, Decision, Score, Stage, Status
from workflows.queries import open_task_of

from .helpers import claim_and_decide, effects, open_task
from .test_validators import PDF

pytestmark = pytest.mark.django_db

RUBRIC = {"social_impact": 5, "innovation": 4, "feasibility": 3, "scalability": 2, "team_capacity": 4}


def url(name, idea=None, **kwargs):
    if kwargs:
        return reverse(f"ideas:{name}", kwargs={"pk": idea.pk, **kwargs})
    return reverse(f"ideas:{name}", args=[idea.pk] if idea is not None else [])


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def login(client, user):
    """Log `user` in to the admin, in English (the interface strings of these tests)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)


def test_a_screener_claims_scores_and_advances_an_idea_and_the_advisor_then_sees_it(
    client, applicant, screener, advisor
):
    idea = applicant.idea
    login(client, screener)
    queue = client.get(url("queue"))
    assert queue.status_code == 200
    assert idea.reference in queue.text
    page = client.get(url("detail", idea))
    assert page.status_code == 200
    assert f'action="{url("claim", idea)}"' in page.text

    task = open_task(idea)
    response = client.post(url("claim", idea), {"task": task.pk})
    assert response.status_code == 302
    assert response["Location"] == url("detail", idea)
    task.refresh_from_db()
    assert task.owner == screener
    assert idea.reference in client.get(url("inbox")).text

    response = client.post(url("score", idea), {code: str(value) for code, value in RUBRIC.items()})
    assert response.status_code == 302
    assert Score.objects.filter(idea=idea, reviewer=screener).count() == len(RUBRIC)

    with effects() as found:
        response = client.post(
            url("decide", idea),
            {
                "task": task.pk,
                "code": "advance",
                "public_feedback": "Välkommen till stödfasen!",
                "private_note": "Stark grupp.",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == url("detail", idea)
    idea.refresh_from_db()
    assert (idea.stage, idea.status) == (Stage.SUPPORT, Status.ACTIVE)
    assert [entry.event for entry in found.audit] == [AuditEvent.DECISION_MADE]
    decision = Decision.objects.get(task=task)
    assert (decision.code, decision.private_note) == ("advance", "Stark grupp.")

    page = client.get(url("detail", idea))
    assert "Välkommen till stödfasen!" in page.text
    assert "Stark grupp." in page.text

    login(client, advisor)
    queue = client.get(url("queue"))
    assert idea.reference in queue.text
    support_task = open_task_of(idea)
    assert support_task.flow_task.name == "support"
    assert support_task.status == STATUS.NEW


def test_a_second_decision_on_a_closed_task_is_refused_with_a_clear_message(client, applicant, screener):
    idea = applicant.idea
    task = open_task(idea)
    login(client, screener)
    client.post(url("claim", idea), {"task": task.pk})
    form = {"task": task.pk, "code": "advance", "public_feedback": "Välkommen!"}
    assert client.post(url("decide", idea), form).status_code == 302

    with effects() as found:
        response = client.post(url("decide", idea), form)
    assert response.status_code == 302
    assert response["Location"] == url("detail", idea)
    assert "This task has already been completed or cancelled." in messages_of(response)
    assert found.audit == []
    assert found.outbox == []
    assert Decision.objects.filter(idea=idea).count() == 1
    idea.refresh_from_db()
    assert (idea.stage, idea.status) == (Stage.SUPPORT, Status.ACTIVE)


def test_deciding_without_a_claim_is_refused(client, applicant, screener):
    idea = applicant.idea
    task = open_task(idea)
    login(client, screener)
    response = client.post(url("decide", idea), {"task": task.pk, "code": "advance"})
    assert response.status_code == 302
    assert "This task is not assigned to you. Claim it first." in messages_of(response)
    assert not Decision.objects.exists()


def test_an_exit_without_a_reason_shows_the_error_on_the_form(client, applicant, screener):
    idea = applicant.idea
    task = open_task(idea)
    login(client, screener)
    client.post(url("claim", idea), {"task": task.pk})
    response = client.post(url("decide", idea), {"task": task.pk, "code": "reject"})
    assert response.status_code == 200
    assert "Give a reason for this decision." in response.text
    assert not Decision.objects.exists()


def test_every_stage_is_worked_from_the_idea_page_through_to_graduation(
    client, applicant, screener, advisor, coordinator
):
    idea = applicant.idea
    claim_and_decide(idea, screener, "advance")
    today = datetime.date.today()

    login(client, advisor)
    task = open_task(idea)
    client.post(url("claim", idea), {"task": task.pk})
    response = client.post(
        url("activity", idea),
        {"date": today.isoformat(), "activity_type": "coaching", "hours": "2.5", "notes": "Affärsmodell."},
    )
    assert response.status_code == 302
    assert messages_of(response)[-1] == "The support activity is logged."
    assert idea.support_activities.get().hours == Decimal("2.5")
    client.post(url("decide", idea), {"task": task.pk, "code": "advance"})

    login(client, coordinator)
    task = open_task(idea)
    client.post(url("claim", idea), {"task": task.pk})
    response = client.post(
        url("pilot_plan", idea),
        {
            "start": today.isoformat(),
            "end": (today + datetime.timedelta(days=90)).isoformat(),
            "budget": "150000",
            "success_criteria": "Trettio elever med godkänt betyg.",
        },
    )
    assert response.status_code == 302
    client.post(url("decide", idea), {"task": task.pk, "code": "market"})

    task = open_task(idea)
    client.post(url("claim", idea), {"task": task.pk})
    response = client.post(url("market_outcome", idea), {"outcome_type": "new_company"})
    assert response.status_code == 200  # InvalidInput: the errors are on the form
    assert "A new company needs its organisation number." in response.text
    assert "(CO29)" in response.text  # the funders' rule, stated where the date is set
    response = client.post(
        url("market_outcome", idea),
        {
            "outcome_type": "new_company",
            "organisation_number": "5560360793",
            "registration_date": today,
            "product_new_to_firm": today,
        },
    )
    assert response.status_code == 302
    assert idea.market_outcome.product_new_to_firm == today
    client.post(url("decide", idea), {"task": task.pk, "code": "graduate"})

    idea.refresh_from_db()
    assert (idea.stage, idea.status) == (Stage.GRADUATED, Status.GRADUATED)
    page = client.get(url("detail", idea)).text
    for shown in (
        "Affärsmodell.",
        "Trettio elever med godkänt betyg.",
        "556036-0793",
        "Audit log",
        "E-mails",
    ):
        assert shown in page
    assert f'action="{url("decide", idea)}"' not in page  # nothing left to do


def test_a_reviewer_sees_the_others_scores_only_after_submitting_their_own(
    client, applicant, screener, second_screener
):
    idea = applicant.idea
    rubric = {criterion.code: criterion for criterion in Criterion.objects.filter(stage="screening")}
    first = f"<td>{weighted_score(RUBRIC, rubric)}</td>"
    login(client, screener)
    client.post(url("score", idea), {code: str(value) for code, value in RUBRIC.items()})
    login(client, second_screener)
    page = client.get(url("detail", idea)).text
    assert "You see their scores once you have submitted yours." in page
    assert first not in page
    audit_log = page[page.index('id="idea-audit"') :]
    assert "Submitted scores for screening." in audit_log  # the fact, without the scores
    assert not [code for code in RUBRIC if code in audit_log]
    client.post(url("score", idea), {code: "3" for code in RUBRIC})
    page = client.get(url("detail", idea)).text
    assert first in page
    assert "<td>3.0</td>" in page  # both reviewers' weighted scores


def test_the_saved_scores_message_writes_the_weighted_score_in_the_readers_language(
    client, applicant, screener
):
    rubric = {criterion.code: criterion for criterion in Criterion.objects.filter(stage="screening")}
    weighted = str(weighted_score(RUBRIC, rubric))
    assert "." in weighted
    profile = UserProfile.get_for_user(screener)
    profile.preferred_language = "sv"
    profile.save()
    client.force_login(screener)
    response = client.post(url("score", applicant.idea), {code: str(value) for code, value in RUBRIC.items()})
    assert f"(viktat {weighted.replace('.', ',')})" in messages_of(response)[0]


def test_a_manager_reassigns_and_releases_and_a_reviewer_declares_a_conflict(
    client, applicant, screener, second_screener, manager
):
    idea = applicant.idea
    task = open_task(idea)
    login(client, manager)
    response = client.post(url("reassign", idea), {"task": task.pk, "to_user": second_screener.pk})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.owner == second_screener
    client.post(url("release", idea), {"task": task.pk})
    task.refresh_from_db()
    assert task.owner is None
    assert task.status == STATUS.NEW

    login(client, screener)
    client.post(url("claim", idea), {"task": task.pk})
    response = client.post(url("conflict", idea), {"reason": "Jag sitter i föreningens styrelse."})
    assert response.status_code == 302
    assert response["Location"] == url("queue")
    task.refresh_from_db()
    assert task.owner is None
    assert url("detail", idea) not in client.get(url("queue")).text


def test_an_attachment_is_downloaded_through_the_admin(client, submit, screener):
    applicant = submit(attachments=[SimpleUploadedFile("plan.pdf", PDF)])
    attachment = applicant.idea.attachments.get()
    login(client, screener)
    response = client.get(url("attachment", applicant.idea, attachment_pk=attachment.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'attachment; filename="plan.pdf"' in response["Content-Disposition"]


def test_viewflows_task_url_lands_on_the_idea_page(client, applicant, screener):
    task = open_task(applicant.idea)
    login(client, screener)
    response = client.get(reverse("ideas:task", args=[applicant.idea.process_id, task.pk]))
    assert response.status_code == 302
    assert response["Location"] == url("detail", applicant.idea)
