"""The applicant's private status page: what it shows, what it lets them do, and to whom.

The e-mailed link holds the secret; its first request keeps it in the session and redirects to
`/ideas/status/`, so every later address is free of it. `opened(client, secret)` is that first
request."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from workflows import actions
from workflows.models import ApplicantAnswer, Idea, IdeaAttachment

from .helpers import claim_and_decide, open_nodes
from .test_reviewing import RUBRIC
from .test_validators import PDF, png_bytes

pytestmark = pytest.mark.django_db

PRIVATE_NOTE = "Internt: teamet verkar svagt, kolla referenser."
FEEDBACK = "Berätta mer om hur många elever ni når."


def link(secret: str, language: str = "sv") -> str:
    """The status link as the e-mails give it."""
    with translation.override(language):
        return reverse("idea_status:link", kwargs={"token": secret})


def url(name: str = "status", language: str = "sv", **kwargs) -> str:
    """A status page's address, which holds no secret."""
    with translation.override(language):
        return reverse(f"idea_status:{name}", kwargs=kwargs)


def opened(client, secret: str, language: str = "sv"):
    """The applicant opens the e-mailed link in `client`'s browser."""
    response = client.get(link(secret, language))
    assert response.status_code == 302
    assert response["Location"] == url(language=language)
    assert secret not in response["Location"]
    assert_private(response, page=False)
    return client


@pytest.fixture
def asked(applicant, screener):
    """An applicant whose idea awaits their answer to a request for information."""
    actions.score_idea(applicant.idea.pk, screener, RUBRIC)
    claim_and_decide(
        applicant.idea, screener, "request_information", private_note=PRIVATE_NOTE, public_feedback=FEEDBACK
    )
    return applicant


def assert_private(response, *, page: bool = True):
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    if page:
        assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_the_status_page_shows_reference_title_stage_and_status_in_plain_words(client, applicant):
    response = opened(client, applicant.secret, "en").get(url(language="en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert applicant.idea.reference in html
    assert applicant.idea.title in html
    assert "<dd>Submitted</dd>" in html
    assert "<dd>Active</dd>" in html
    assert "We have received your idea and will start reviewing it soon." in html
    assert applicant.secret not in html
    assert_private(response)


def test_the_status_page_follows_the_idea_through_the_stages(client, applicant, screener):
    claim_and_decide(applicant.idea, screener, "advance", public_feedback="Välkommen till stödfasen!")
    html = opened(client, applicant.secret, "en").get(url(language="en")).content.decode()
    assert "<dd>Support</dd>" in html
    assert "Your idea is in the support stage" in html
    assert "Välkommen till stödfasen!" in html


def test_the_status_page_shows_public_feedback_but_never_private_notes_or_scores(client, asked):
    html = opened(client, asked.secret, "en").get(url(language="en")).content.decode()
    assert FEEDBACK in html
    assert "We need more information" in html
    assert PRIVATE_NOTE not in html
    assert "social_impact" not in html.lower()
    assert "score" not in html.lower()


def test_the_link_works_in_any_browser_and_each_browser_keeps_its_own(applicant, submit):
    other = submit(title="Cykelkök i Lund", contact_email="olle@example.org")
    mine, theirs, stranger = Client(), Client(), Client()
    opened(mine, applicant.secret)
    opened(theirs, other.secret)
    assert applicant.idea.title in mine.get(url()).content.decode()
    assert "Cykelkök i Lund" in theirs.get(url()).content.decode()
    opened(Client(), applicant.secret)  # the same link again, in a new browser
    assert applicant.idea.title in mine.get(url()).content.decode()
    forgotten = stranger.get(url(language="en"))
    assert forgotten.status_code == 404
    assert "does not remember your status link" in forgotten.content.decode()
    assert stranger.post(url("withdraw"), {"reason": "x"}).status_code == 404


@pytest.mark.parametrize("token", ["garbage", "x" * 200, "", "../../admin"])
def test_a_garbage_token_gets_the_invalid_link_page(client, applicant, token):
    response = client.get(f"/en/ideas/status/{token}/")
    assert response.status_code == 404
    if token and "/" not in token:  # the others do not even reach the view
        assert "This link is not valid" in response.content.decode()
        swedish = client.get(f"/ideas/status/{token}/")
        assert swedish.status_code == 404
        assert "Länken är inte giltig" in swedish.content.decode()
        assert_private(response)
        assert "workflows_status_token" not in client.session


def without_csrf_token(response) -> str:
    """The page without its resend form's CSRF token, which is masked afresh on every page."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_a_tampered_or_revoked_token_gets_the_same_invalid_link_page(client, applicant, manager):
    forged = applicant.secret[:-2] + ("yy" if applicant.secret.endswith("xx") else "xx")
    tampered = client.get(link(forged))
    actions.revoke_status_token(applicant.idea.pk, manager)
    revoked = client.get(link(applicant.secret))
    assert tampered.status_code == revoked.status_code == 404
    assert applicant.idea.reference not in revoked.content.decode()
    assert without_csrf_token(tampered) == without_csrf_token(revoked)
    assert client.post(url("withdraw")).status_code == 404
    assert applicant.refresh().status == "active"


def test_a_revoked_link_stops_working_in_a_browser_that_opened_it(client, applicant, manager):
    opened(client, applicant.secret)
    assert client.get(url()).status_code == 200
    actions.revoke_status_token(applicant.idea.pk, manager)
    for response in (
        client.get(url()),
        client.post(url("showcase"), {"consent_showcase": "on"}),
        client.post(url("withdraw"), {"reason": "x"}),
    ):
        assert response.status_code == 404
        assert applicant.idea.reference not in response.content.decode()
    idea = applicant.refresh()
    assert idea.status == "active"
    assert idea.consent_showcase is False


def test_another_applicants_token_shows_only_their_idea(client, submit):
    mine, theirs = submit(), submit(title="Cykelkök i Lund", contact_email="olle@example.org")
    html = opened(client, theirs.secret).get(url()).content.decode()
    assert "Cykelkök i Lund" in html
    assert mine.idea.reference not in html
    assert mine.idea.title not in html
    mine_file = IdeaAttachment.objects.create(
        idea=mine.idea, original_name="a.pdf", content_type="application/pdf", size=1, source="submission"
    )
    assert client.get(url("attachment", attachment_id=mine_file.pk)).status_code == 404


def test_a_form_left_open_for_another_idea_changes_nothing(client, applicant, submit):
    other = submit(title="Cykelkök i Lund", contact_email="olle@example.org")
    opened(client, other.secret)  # in another tab, after the first idea's page was shown
    response = client.post(
        url("withdraw", language="en"), {"idea": applicant.idea.reference, "reason": "x"}, follow=True
    )
    assert "That page was about another idea" in response.content.decode()
    assert applicant.refresh().status == other.refresh().status == "active"


def test_answering_a_request_for_information_moves_the_idea_back_to_screening(client, asked):
    page = opened(client, asked.secret, "en").get(url(language="en")).content.decode()
    assert f'action="{url("answer", language="en")}"' in page
    assert 'name="text"' in page
    response = client.post(
        url("answer", language="en"),
        {
            "idea": asked.idea.reference,
            "text": "Vi når ungefär 120 elever.",
            "attachments": [SimpleUploadedFile("plan.pdf", PDF)],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url(language="en")
    idea = asked.refresh()
    assert idea.status == "active"
    assert idea.stage == "screening"
    assert open_nodes(idea) == ["screen"]
    answer = ApplicantAnswer.objects.get()
    assert answer.text == "Vi når ungefär 120 elever."
    assert answer.attachments.count() == 1
    html = client.get(response["Location"]).content.decode()
    assert "Your answer has been sent" in html
    assert "Vi når ungefär 120 elever." in html
    assert 'name="text"' not in html  # no open request any more


def test_an_empty_answer_or_forged_file_gets_a_clear_message_and_changes_nothing(
    client, asked, private_media
):
    opened(client, asked.secret, "en")
    for data in (
        {"text": "  "},
        {"text": "Se bilagan", "attachments": [SimpleUploadedFile("plan.pdf", png_bytes())]},
    ):
        response = client.post(url("answer", language="en"), data)
        assert response.status_code == 200
        assert 'class="error-summary"' in response.content.decode()
    assert not ApplicantAnswer.objects.exists()
    assert asked.refresh().status == "awaiting_applicant"
    assert not IdeaAttachment.objects.exists()
    assert not private_media.exists() or not any(path.is_file() for path in private_media.rglob("*"))


def test_an_answer_without_an_open_request_gets_a_clear_message(client, applicant):
    opened(client, applicant.secret, "en")
    response = client.post(url("answer", language="en"), {"text": "Hej!"}, follow=True)
    assert "There is no open request for information" in response.content.decode()
    assert not ApplicantAnswer.objects.exists()


def test_withdrawing_asks_for_confirmation_first(client, applicant):
    confirm = opened(client, applicant.secret, "en").get(url("withdraw", language="en"))
    assert confirm.status_code == 200
    assert "Do you want to withdraw your idea?" in confirm.content.decode()
    assert_private(confirm)
    assert applicant.refresh().status == "active"

    response = client.post(url("withdraw", language="en"), {"reason": "Vi har fått annan finansiering."})
    assert response.status_code == 302
    idea = applicant.refresh()
    assert idea.status == "withdrawn"
    assert idea.withdrawal_reason == "Vi har fått annan finansiering."
    html = client.get(response["Location"]).content.decode()
    assert "You have withdrawn your idea." in html
    assert "Withdraw the idea…" not in html

    again = client.post(url("withdraw", language="en"), follow=True)
    assert "This idea is closed or withdrawn" in again.content.decode()


def test_the_showcase_consent_is_given_and_withdrawn(client, applicant):
    opened(client, applicant.secret, "en")
    response = client.post(url("showcase", language="en"), {"consent_showcase": "on"})
    assert response.status_code == 302
    assert applicant.refresh().consent_showcase is True
    assert "may now be shown publicly" in client.get(response["Location"]).content.decode()
    client.post(url("showcase", language="en"), {})
    assert applicant.refresh().consent_showcase is False


def test_an_attachment_is_downloaded_by_the_token_holder_only(client, submit):
    mine = submit(attachments=[SimpleUploadedFile("budget.pdf", PDF)])
    other = submit(title="Cykelkök i Lund", contact_email="olle@example.org")
    attachment = IdeaAttachment.objects.get(idea=mine.idea)

    response = opened(client, mine.secret).get(url("attachment", attachment_id=attachment.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="budget.pdf"'
    assert b"".join(response.streaming_content) == PDF
    assert_private(response, page=False)
    assert f'href="{url("attachment", attachment_id=attachment.pk)}"' in client.get(url()).content.decode()

    assert Client().get(url("attachment", attachment_id=attachment.pk)).status_code == 404
    assert (
        opened(Client(), other.secret).get(url("attachment", attachment_id=attachment.pk)).status_code == 404
    )
    assert not attachment.file.name.startswith("/")
    assert "/media/" not in attachment.file.path


def test_the_status_page_is_a_get_and_its_actions_are_posts(client, applicant):
    opened(client, applicant.secret)
    assert client.post(url()).status_code == 405
    assert client.get(url("showcase")).status_code == 405
    assert client.get(url("answer")).status_code == 405
    assert client.post(link(applicant.secret)).status_code == 405
    assert Idea.objects.get().consent_showcase is False
