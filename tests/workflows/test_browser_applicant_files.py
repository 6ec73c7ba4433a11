"""The applicant's forms in a real Chromium, where only a browser shows it: a valid attachment kept
across a form sent back for another field, the script that checks files before the upload,
and 'send me my status link again' posted from the invalid-link page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from workflows.models import Idea, StatusToken

from .helpers import ORGANISATION_NUMBER
from .test_browser_journey import APPLICANT, fill_idea
from .test_public_resend import issued_long_ago
from .test_validators import PDF

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]

TEXTS = {
    "sv": {
        "submit": "Skicka in idén",
        "kept": "Sparade från ditt förra försök: plan.pdf (",
        "receipt": f"Vi har skickat ett mejl till {APPLICANT}",
        "too_large": "stor.pdf är för stor: högst 1 MB.",
        "wrong_type": "program.exe: den här filtypen tas inte emot.",
        "resend": "Skicka en ny länk",
        "sent": "Om adressen och referensnumret hör till samma idé",
    },
    "en": {
        "submit": "Submit the idea",
        "kept": "Kept from your last try: plan.pdf (",
        "receipt": f"We have sent an e-mail to {APPLICANT}",
        "too_large": "stor.pdf is too large: at most 1 MB.",
        "wrong_type": "program.exe: this type of file is not accepted.",
        "resend": "Send a new link",
        "sent": "If the address and the reference number belong to the same idea",
    },
}


def posts(page: Page) -> list[str]:
    sent = []
    page.on("request", lambda request: request.method == "POST" and sent.append(request.url))
    return sent


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_valid_file_is_kept_when_another_field_sends_the_form_back(
    page: Page, live_server, site_tree, intake, language, tmp_path
):
    texts = TEXTS[language]
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(PDF)
    page.goto(live_server.url + (intake[0] if language == "sv" else intake[1]).url)
    fill_idea(page, site_tree, "556036-0794")  # a wrong check digit
    page.locator("[name=attachments]").set_input_files(plan)
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name=texts["submit"]).click()
    assert posted.value.status == 200
    expect(page.locator("#id_attachments_helptext")).to_contain_text(texts["kept"])
    assert page.locator("[name=attachments]").input_value() == ""  # the browser forgot it; we did not

    page.fill("[name=organisation_number]", ORGANISATION_NUMBER)
    page.check("[name=consent_processing]")
    page.get_by_role("button", name=texts["submit"]).click()
    expect(page.get_by_text(texts["receipt"])).to_be_visible()
    [attachment] = Idea.objects.get().attachments.all()
    assert attachment.original_name == "plan.pdf"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_browser_refuses_a_file_too_large_or_of_the_wrong_type_before_the_upload(
    page: Page, live_server, site_tree, intake, language, tmp_path, settings
):
    settings.IDEA_ATTACHMENT_MAX_BYTES = 1024 * 1024
    texts = TEXTS[language]
    large = tmp_path / "stor.pdf"
    large.write_bytes(PDF + b"0" * (1024 * 1024))
    program = tmp_path / "program.exe"
    program.write_bytes(b"MZ\x90\x00")
    page.goto(live_server.url + (intake[0] if language == "sv" else intake[1]).url)
    fill_idea(page, site_tree, ORGANISATION_NUMBER)
    sent = posts(page)
    field = page.locator("[name=attachments]")
    field.set_input_files([large, program])
    expect(page.get_by_role("alert")).to_contain_text(texts["too_large"])
    expect(page.get_by_role("alert")).to_contain_text(texts["wrong_type"])
    page.get_by_role("button", name=texts["submit"]).click()
    expect(field).to_be_focused()
    assert sent == []
    assert not Idea.objects.exists()

    field.set_input_files([])
    expect(page.get_by_role("alert")).to_be_hidden()
    page.get_by_role("button", name=texts["submit"]).click()
    expect(page.get_by_text(texts["receipt"])).to_be_visible()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_new_status_link_is_asked_for_from_the_invalid_link_page(page: Page, live_server, submit, language):
    applicant = submit(language=language)
    issued_long_ago(applicant)
    prefix = "/en" if language == "en" else ""
    page.goto(f"{live_server.url}{prefix}/ideas/status/not-a-real-link/")
    page.locator("#resend_email").fill(APPLICANT)
    page.locator("#resend_reference").fill(applicant.idea.reference)
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name=TEXTS[language]["resend"]).click()
    assert posted.value.status == 302, posted.value.status
    expect(page.get_by_text(TEXTS[language]["sent"])).to_be_visible()
    *_receipt, email = [message for message in mail.outbox if message.to == [APPLICANT]]
    new_link = re.search(r"http://[^/\s]+(/\S*ideas/status/[\w-]+/)", email.body).group(1)
    page.goto(live_server.url + new_link)
    expect(page.get_by_role("heading", level=1)).to_contain_text(applicant.idea.title)
    assert StatusToken.objects.find(applicant.secret) is None
