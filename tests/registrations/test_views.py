"""The form on the event page, its POST (no CSRF token: the page may be cached), and the cancel link."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from cms.models import PrivacySettings
from registrations.models import Registration, Status

pytestmark = pytest.mark.django_db

CANCEL_LINK = re.compile(r"http://[^/\s]+(/\S*registration/cancel/\S+/)")


def form_data(page, **overrides) -> dict:
    return {
        "event": page.pk,
        "name": "Anna Andersson",
        "email": "anna@example.org",
        "organisation_name": "Föreningen Gro",
        "organisation_number": "5560360793",
        "gender": "woman",
        "age_band": "",
        "consent_processing": "on",
        "website": "",
        **overrides,
    }


def post(client, page, language="sv", **overrides):
    with translation.override(language):
        url = reverse("registrations:register")
    return client.post(url, form_data(page, **overrides))


def test_the_event_page_shows_the_form_without_a_csrf_token_and_with_the_privacy_link(
    client, event, site_tree
):
    about = site_tree.about
    PrivacySettings.objects.create(site=site_tree.home.get_site(), privacy_notice=about)

    html = client.get(event.url).content.decode()

    assert 'action="/registration/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "2 platser kvar." in html
    assert "våra finansiärer efterfrågar siffror uppdelade på kön och ålder" in html  # reach.forms.WHY_ASKED
    assert f'href="{about.url}"' in html
    assert "https://example.org/anmalan" not in html  # the outside link gives way to the form


def test_a_registration_from_the_form_is_stored_with_the_normalised_organisation_number(client, event):
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = post(csrf_client, event)

    assert response.status_code == 200, response.content
    assert "Du är anmäld" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.organisation_number == "556036-0793"
    assert registration.language == "sv"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "inte-en-adress"}, "Ange en giltig mejladress."),
        ({"organisation_number": "556036-0794"}, "kontrollsiffra"),
        ({"consent_processing": ""}, "Vi behöver ditt samtycke för att spara din anmälan."),
        ({"name": ""}, "Det här fältet är obligatoriskt"),
        ({"gender": "alien"}, "Välj ett giltigt alternativ"),
    ],
    ids=["email", "organisation number", "consent", "name", "gender"],
)
def test_bad_input_gives_a_clear_message_on_the_event_page_and_stores_nothing(
    client, event, overrides, message
):
    response = post(client, event, **overrides)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_a_filled_honeypot_looks_like_success_and_stores_nothing(client, event):
    response = post(client, event, website="http://spam.example")
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_a_second_registration_with_the_same_address_is_refused_with_a_message(client, event):
    post(client, event)
    response = post(client, event, name="Anna igen")

    assert "redan anmäld till evenemanget" in response.content.decode()
    assert Registration.objects.count() == 1


def test_too_many_registrations_from_one_address_are_refused(client, event, settings):
    settings.IDEA_SUBMISSION_RATE = (1, 60)
    post(client, event)
    response = post(client, event, email="bertil@example.org")
    assert response.status_code == 429
    assert Registration.objects.count() == 1


def test_an_unknown_event_is_not_found(client, event):
    assert post(client, event, event="999999").status_code == 404
    assert post(client, event, event="x").status_code == 404


def test_the_english_page_registers_in_english_and_cancels_through_the_link(
    client, event_en, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, event_en, language="en")
    assert "You are registered" in response.content.decode()
    [sent] = mail.outbox
    assert sent.subject == f"Your seat at {event_en.title}"
    path = CANCEL_LINK.search(sent.body).group(1)
    assert path.startswith("/en/")

    confirm = client.get(path)
    assert confirm.status_code == 200
    assert "Cancel my registration" in confirm.content.decode()
    assert confirm["Referrer-Policy"] == "same-origin"
    assert Registration.objects.get().status == Status.SEATED

    done = client.post(path)
    assert "Your registration is cancelled" in done.content.decode()
    assert Registration.objects.get().status == Status.CANCELLED
    assert client.get(path).status_code == 404


def test_a_cancel_posted_from_another_site_is_refused(client, event, django_capture_on_commit_callbacks):
    """Another site that learnt the link still cannot post the cancel for the registrant's browser:
    the confirm page's form carries a CSRF token, and a post without it changes nothing."""
    with django_capture_on_commit_callbacks(execute=True):
        post(client, event)
    path = CANCEL_LINK.search(mail.outbox[0].body).group(1)
    forged = client.__class__(enforce_csrf_checks=True).post(path, headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403
    assert Registration.objects.get().status == Status.SEATED


def test_a_made_up_cancel_link_is_not_found(client, event):
    with translation.override("sv"):
        response = client.get(reverse("registrations:cancel", kwargs={"secret": "made-up"}))
    assert response.status_code == 404
    assert "Avbokningslänken är ogiltig" in response.content.decode()
