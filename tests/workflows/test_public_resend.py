"""'Send me my status link again', the receipt's address and the programme's contact: an applicant
who lost the link, or mistyped the address, has a way back, and nobody else learns anything."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Site

from cms.models import FooterSettings
from workflows import actions
from workflows.models import AuditEvent, StatusToken

from .helpers import effects, emails_to
from .test_public_intake import form_data
from .test_public_status import link, opened, url

pytestmark = pytest.mark.django_db

CONTACT = "kontakt@socialinnovationskane.example"
SENT = {
    "sv": "Om adressen och referensnumret hör till samma idé har vi skickat en ny statuslänk",
    "en": "If the address and the reference number belong to the same idea, we have sent a new status link",
}


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Sends the resend form as the browser does, and the e-mails it leads to; returns the page."""

    def ask(reference: str, email: str, language: str = "sv", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                url("resend", language),
                {"reference": reference, "email": email, "website": "", **extra},
                follow=True,
            )

    return ask


def issued_long_ago(applicant) -> None:
    """The receipt's link was sent long enough ago for another to be asked for."""
    StatusToken.objects.filter(idea=applicant.idea).update(created=timezone.now() - timedelta(hours=1))


def test_the_applicant_gets_a_fresh_link_which_replaces_the_old_one(applicant):
    issued_long_ago(applicant)
    with effects() as found:
        assert actions.resend_status_link(f" {applicant.idea.reference.lower()} ", "Amina@Example.org")
    [entry] = found.audit
    assert entry.event == AuditEvent.STATUS_TOKEN_ISSUED
    assert entry.acting_user is None
    [email] = emails_to(found, "amina@example.org")
    assert email.payload["template"] == "status_link"
    assert StatusToken.objects.find(applicant.secret) is None  # as when a manager sends one
    [new] = StatusToken.objects.active().filter(idea=applicant.idea)
    assert new.pk in entry.new_value["tokens"]


def test_the_fresh_link_is_in_the_applicants_language_and_opens_the_status_page(client, submit, ask):
    applicant = submit(language="en", contact_email="sam@example.org")
    issued_long_ago(applicant)
    page = ask(applicant.idea.reference, "sam@example.org", "en")
    assert SENT["en"] in page.content.decode()
    [email] = [message for message in mail.outbox if message.to == ["sam@example.org"]]
    assert "Here is a new private link" in email.body
    secret = email.body.split("/en/ideas/status/")[1].split("/")[0]
    assert client.get(link(secret, "en"), follow=True).status_code == 200
    assert client.get(link(applicant.secret, "en")).status_code == 404


@pytest.mark.parametrize("language", ["sv", "en"])
def test_what_an_attacker_sends_is_answered_as_a_real_request_and_sends_nothing(
    submit, ask, language, settings
):
    """An unknown address, someone else's reference, a pair that does not match, a garbled
    reference: the same page each time, no e-mail, no new link; then the limit."""
    settings.IDEA_SUBMISSION_RATE = (5, 3600)
    victim = submit(contact_email="victim@example.org")
    other = submit(contact_email="attacker@example.org")
    issued_long_ago(victim)
    issued_long_ago(other)
    tokens = set(StatusToken.objects.values_list("pk", "revoked"))
    pages = [
        ask(victim.idea.reference, "attacker@example.org", language),
        ask(other.idea.reference, "victim@example.org", language),
        ask("SIS-1999-00001", "nobody@example.org", language),
        ask(victim.idea.reference + "' OR 1=1", "victim@example.org", language),
    ]
    assert {page.status_code for page in pages} == {200}
    assert {page.redirect_chain[-1][0] for page in pages} == {url("resend", language)}
    assert all(SENT[language] in page.content.decode() for page in pages)
    assert mail.outbox == []
    assert set(StatusToken.objects.values_list("pk", "revoked")) == tokens

    real = ask(victim.idea.reference, "victim@example.org", language)  # the fifth slot
    assert SENT[language] in real.content.decode()
    assert [message.to for message in mail.outbox] == [["victim@example.org"]]
    limited = ask(victim.idea.reference, "victim@example.org", language)
    assert limited.status_code == 429
    assert limited.redirect_chain == []
    assert len(mail.outbox) == 1


def test_many_requests_for_one_idea_send_one_link_whatever_address_they_come_from(applicant, ask):
    issued_long_ago(applicant)
    for number in range(4):
        ask(applicant.idea.reference, "amina@example.org", REMOTE_ADDR=f"198.51.100.{number}")
    assert len([message for message in mail.outbox if message.to == ["amina@example.org"]]) == 1
    assert StatusToken.objects.active().filter(idea=applicant.idea).count() == 1


def test_a_bot_filling_the_honeypot_gets_the_same_answer_and_nothing(applicant, ask):
    issued_long_ago(applicant)
    page = ask(applicant.idea.reference, "amina@example.org", website="http://spam.example")
    assert SENT["sv"] in page.content.decode()
    assert mail.outbox == []


def test_an_empty_or_malformed_form_says_what_is_wrong(client):
    page = client.post(url("resend"), {"reference": "", "email": "inte-en-adress", "website": ""})
    assert page.status_code == 200
    content = page.content.decode()
    assert "Något behöver rättas" in content
    assert 'href="#resend_reference"' in content
    assert 'href="#resend_email"' in content


@pytest.mark.parametrize(
    ("language", "heading", "contact"),
    [
        ("sv", "Skicka min statuslänk igen", "Frågor om din idé? Skriv till programmet på"),
        ("en", "Send me my status link again", "Questions about your idea? Write to the programme at"),
    ],
)
def test_the_invalid_link_page_offers_a_new_link_and_the_programmes_contact(
    client, site_tree, language, heading, contact
):
    FooterSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"contact_email": CONTACT}
    )
    for response in (client.get(link("not-a-real-token", language)), client.get(url(language=language))):
        assert response.status_code == 404
        content = response.content.decode()
        assert heading in content
        assert f'action="{url("resend", language)}"' in content
        assert f'{contact} <a href="mailto:{CONTACT}">{CONTACT}</a>' in content


def test_without_a_contact_address_the_page_still_says_whom_to_ask(client, site_tree):
    content = client.get(link("not-a-real-token")).content.decode()
    assert "Frågor om din idé? Skriv till programmet och ange ditt referensnummer." in content
    assert "mailto:" not in content


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("sv", "Vi har skickat ett mejl till <strong>amina@example.org</strong>"),
        ("en", "We have sent an e-mail to <strong>amina@example.org</strong>"),
    ],
)
def test_the_receipt_shows_the_address_and_offers_the_link_again(
    client, intake, site_tree, language, sentence
):
    page = intake[0] if language == "sv" else intake[1]
    response = client.post(page.url, form_data(client, page, site_tree), follow=True)
    content = response.content.decode()
    assert sentence in content
    assert 'name="email" value="amina@example.org"' in content
    reference = response.context["receipt"]["reference"]
    assert f'name="reference" value="{reference}"' in content
    assert f'action="{url("resend", language)}"' in content


def test_the_status_page_still_works_after_the_receipt_link_is_opened_then_replaced(client, applicant):
    opened(client, applicant.secret)
    issued_long_ago(applicant)
    actions.resend_status_link(applicant.idea.reference, "amina@example.org")
    assert client.get(url()).status_code == 404  # the session's link was replaced: as designed
