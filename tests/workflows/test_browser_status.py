"""The applicant's status page in a real Chromium: each of its forms, submitted from the page.

Only a browser shows what the Referrer-Policy does to a form: under `no-referrer` Chromium sends
`Origin: null` with the POST and Django's CSRF check answers 403, which the test client (it
sends no `Origin`) never sees.
"""

import pytest
from playwright.sync_api import Page, expect

from workflows import actions
from workflows.models import Status

from .conftest import claim_and_decide
from .test_public_status import FEEDBACK, url
from .test_reviewing import RUBRIC

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]


def open_status(page: Page, live_server, applicant) -> None:
    response = page.goto(live_server.url + url(applicant.secret))
    assert response.status == 200
    assert response.headers["referrer-policy"] == "same-origin"


def test_the_showcase_choice_is_saved_from_the_status_page(page: Page, live_server, applicant):
    open_status(page, live_server, applicant)
    page.get_by_label("Idéns titel och sammanfattning får visas publikt på webbplatsen.").check()
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name="Spara mitt val").click()
    assert posted.value.status == 302, posted.value.status
    expect(page.get_by_text("Din idé får nu visas publikt.")).to_be_visible()
    assert applicant.refresh().consent_showcase is True


def test_an_answer_to_a_request_for_information_is_sent_from_the_status_page(
    page: Page, live_server, applicant, screener
):
    actions.score_idea(applicant.idea.pk, screener, RUBRIC)
    claim_and_decide(applicant.idea, screener, "request_information", public_feedback=FEEDBACK)
    open_status(page, live_server, applicant)
    expect(page.get_by_text(FEEDBACK)).to_be_visible()
    page.get_by_label("Ditt svar").fill("Vi når omkring fyrtio elever varje termin.")
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name="Skicka svaret").click()
    assert posted.value.status == 302, posted.value.status
    expect(page.get_by_text("Tack. Ditt svar är skickat och granskningen fortsätter.")).to_be_visible()
    idea = applicant.refresh()
    assert idea.status == Status.ACTIVE
    assert idea.answers.get().text == "Vi når omkring fyrtio elever varje termin."


def test_the_idea_is_withdrawn_from_the_status_page(page: Page, live_server, applicant):
    open_status(page, live_server, applicant)
    page.get_by_role("link", name="Återkalla idén …").click()
    page.get_by_label("Varför återkallar du idén? (frivilligt)").fill("Vi går med i ett annat program.")
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name="Ja, återkalla idén").click()
    assert posted.value.status == 302, posted.value.status
    expect(page.get_by_text("Din idé är återkallad. Vi har skickat en bekräftelse.")).to_be_visible()
    assert applicant.refresh().status == Status.WITHDRAWN
