"""The applicant's status page in a real Chromium: each of its forms, submitted from the page.

Only a browser shows what the Referrer-Policy does to a form: under `no-referrer` Chromium sends
`Origin: null` with the POST and Django's CSRF check answers 403, which the test client (it
sends no `Origin`) never sees. And only a browser shows every address it asks for: after the
e-mailed link, none may hold its secret, in the browser or in the server's access log.
"""

from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.testcases import QuietWSGIRequestHandler
from playwright.sync_api import Page, expect

from workflows import actions
from workflows.models import Status

from .helpers import claim_and_decide
from .test_public_status import FEEDBACK, link, url
from .test_reviewing import RUBRIC
from .test_validators import PDF

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]


def open_status(page: Page, live_server, applicant) -> None:
    """Open the e-mailed link, which leads to the status page's address without the secret."""
    response = page.goto(live_server.url + link(applicant.secret))
    assert response.status == 200
    assert page.url == live_server.url + url()
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


@pytest.fixture
def access_log(monkeypatch) -> list[str]:
    """The test server's access log: one line per request, as `runserver` writes it."""
    lines = []
    monkeypatch.setattr(
        QuietWSGIRequestHandler, "log_message", lambda handler, format, *args: lines.append(format % args)
    )
    return lines


def test_after_the_emailed_link_no_address_holds_the_secret(
    page: Page, live_server, submit, screener, access_log, tmp_path
):
    applicant = submit(attachments=[SimpleUploadedFile("plan.pdf", PDF)])
    actions.score_idea(applicant.idea.pk, screener, RUBRIC)
    claim_and_decide(applicant.idea, screener, "request_information", public_feedback=FEEDBACK)
    requested = []
    page.context.on("request", lambda request: requested.append(request.url))

    open_status(page, live_server, applicant)
    with page.expect_download() as download:
        page.get_by_role("link", name="plan.pdf").click()
    assert download.value.suggested_filename == "plan.pdf"
    requested.append(download.value.url)  # Chromium reports a download as no request event
    page.get_by_label("Idéns titel och sammanfattning får visas publikt på webbplatsen.").check()
    page.get_by_role("button", name="Spara mitt val").click()
    expect(page.get_by_text("Din idé får nu visas publikt.")).to_be_visible()
    page.get_by_label("Ditt svar").fill("Se den nya budgeten.")
    budget = tmp_path / "budget.pdf"
    budget.write_bytes(PDF)
    page.locator("[name=attachments]").set_input_files(budget)
    page.get_by_role("button", name="Skicka svaret").click()
    expect(page.get_by_text("Tack. Ditt svar är skickat och granskningen fortsätter.")).to_be_visible()
    page.get_by_role("link", name="Återkalla idén …").click()
    page.get_by_role("button", name="Ja, återkalla idén").click()
    expect(page.get_by_text("Din idé är återkallad. Vi har skickat en bekräftelse.")).to_be_visible()
    idea = applicant.refresh()
    assert idea.status == Status.WITHDRAWN
    assert idea.consent_showcase
    assert idea.answers.count() == 1

    secret = applicant.secret
    assert secret in requested[0]
    assert len(requested) > 10
    assert [address for address in requested[1:] if secret in address] == []
    # '"GET /path HTTP/1.1" 200 1234' for each page, form and file (the browser caches static files)
    logged = [line.split()[1] for line in access_log if line.startswith('"') and "/static/" not in line]
    assert logged == [urlsplit(address).path for address in requested if "/static/" not in address]
    assert secret in logged[0]
    assert [path for path in logged[1:] if secret in path] == []
