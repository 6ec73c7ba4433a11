"""Registering from the event page in a real Chromium, and cancelling through the e-mailed link.

The form has no CSRF token (the page may come from a shared cache), and the cancel page's form has
one and sends `same-origin` (under `no-referrer` Chromium posts `Origin: null`, which CSRF refuses):
only a browser shows both work.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from registrations.models import Registration, Status

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]

CANCEL_LINK = re.compile(r"http://[^/\s]+(/\S*registration/cancel/\S+/)")


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        (
            "sv",
            (
                "Namn",
                "E-post",
                "Kvinna",
                "Jag godkänner",
                "Anmäl dig",
                "Du är anmäld",
                "Avboka min anmälan",
                "Din anmälan är avbokad",
            ),
        ),
        (
            "en",
            (
                "Name",
                "E-mail",
                "Woman",
                "I agree",
                "Register",
                "You are registered",
                "Cancel my registration",
                "Your registration is cancelled",
            ),
        ),
    ],
)
def test_a_visitor_registers_on_the_event_page_and_cancels_from_the_email(
    page: Page, live_server, event, event_en, language, labels
):
    name, email, woman, consent, button, registered, cancel, cancelled = labels
    target = event if language == "sv" else event_en
    page.goto(live_server.url + target.url)
    form = page.locator("#registration form")
    form.get_by_label(name, exact=False).first.fill("Anna Andersson")
    form.get_by_label(email, exact=False).first.fill("anna@example.org")
    form.get_by_label(woman, exact=True).check()
    form.get_by_label(consent, exact=False).check()
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        form.get_by_role("button", name=button).click()
    assert posted.value.status == 200, posted.value.status
    expect(page.get_by_role("heading", name=registered)).to_be_visible()

    [sent] = mail.outbox
    assert sent.attachments
    assert sent.attachments[0][2] == "text/calendar"
    path = CANCEL_LINK.search(sent.body).group(1)
    page.goto(live_server.url + path)
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name=cancel).click()
    assert posted.value.status == 200, posted.value.status
    expect(page.get_by_role("heading", name=cancelled)).to_be_visible()
    assert Registration.objects.get().status == Status.CANCELLED
