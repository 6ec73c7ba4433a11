"""In a real Chromium: the last seat taken from the Swedish page, a visitor on the English page is
told in English that the event is full, and joins the one waiting list."""

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from registrations import actions
from registrations.models import Registration, Status

from .conftest import registrant

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]


def test_the_english_page_puts_a_visitor_on_the_waiting_list_once_the_swedish_page_took_the_last_seat(
    page: Page, live_server, event, event_en
):
    event.capacity = 1
    event.save_revision().publish()
    actions.register(event.pk, registrant(1), language="sv")
    mail.outbox.clear()

    page.goto(live_server.url + event_en.url)
    section = page.locator("#registration")
    expect(section).to_contain_text("The event is full. If you register, you are put on the waiting list")
    form = section.locator("form")
    form.get_by_label("Name", exact=False).first.fill("Ann Anderson")
    form.get_by_label("E-mail", exact=False).first.fill("ann@example.org")
    form.get_by_label("I agree", exact=False).check()
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        form.get_by_role("button", name="Join the waiting list").click()

    assert posted.value.status == 200, posted.value.status
    expect(page.locator("main")).to_contain_text(
        f"All seats for {event_en.title} are taken. You are on the waiting list"
    )
    ann = Registration.objects.get(email="ann@example.org")
    assert (ann.status, ann.event_id, ann.language) == (Status.WAITING, event.pk, "en")
    [sent] = mail.outbox
    assert sent.subject == f"On the waiting list for {event_en.title}"
