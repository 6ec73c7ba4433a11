"""A valid attachment survives an intake form sent back for another field: held in private storage,
bound to that form's one-time key, named in the field's hint, sent with the corrected form, and
deleted if the form is never sent again."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from workflows.models import HeldUpload, Idea

from .test_public_intake import form_data, private_files
from .test_validators import PDF, png_bytes

pytestmark = pytest.mark.django_db

WRONG_NUMBER = "556036-0794"  # the check digit is wrong
KEPT = {
    "sv": "Sparade från ditt förra försök: plan.pdf (",
    "en": "Kept from your last try: plan.pdf (",
}


def page_of(intake, language: str):
    return intake[0] if language == "sv" else intake[1]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_file_is_kept_and_sent_with_the_corrected_form(
    client, intake, site_tree, private_media, language, django_capture_on_commit_callbacks
):
    page = page_of(intake, language)
    data = form_data(client, page, site_tree, organisation_number=WRONG_NUMBER)
    sent_back = client.post(page.url, {**data, "attachments": SimpleUploadedFile("plan.pdf", PDF)})
    assert sent_back.status_code == 200
    assert 'id="id_organisation_number_error"' in sent_back.content.decode()
    assert KEPT[language] in sent_back.content.decode()
    [held] = HeldUpload.objects.all()
    [stored] = private_files(private_media)
    assert stored.read_bytes() == PDF
    assert stored.stat().st_mode & 0o777 == 0o600
    assert stored.parent.stat().st_mode & 0o777 == 0o700
    assert held.content_type == "application/pdf"
    assert not Idea.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):  # the held file is deleted after commit
        response = client.post(page.url, {**data, "organisation_number": "556036-0793"})
    assert response.status_code == 302
    [attachment] = Idea.objects.get().attachments.all()
    assert attachment.original_name == "plan.pdf"
    assert attachment.file.read() == PDF
    assert not HeldUpload.objects.exists()
    assert [path.name for path in private_files(private_media)] == [attachment.file.name.rsplit("/")[-1]]


def test_a_file_chosen_on_the_second_try_replaces_the_kept_one(
    client, intake, site_tree, private_media, django_capture_on_commit_callbacks
):
    page = intake[0]
    data = form_data(client, page, site_tree, organisation_number=WRONG_NUMBER)
    client.post(page.url, {**data, "attachments": SimpleUploadedFile("plan.pdf", PDF)})
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(page.url, {**data, "attachments": SimpleUploadedFile("bild.png", png_bytes())})
    assert "Sparade från ditt förra försök: bild.png (" in again.content.decode()
    assert [held.original_name for held in HeldUpload.objects.all()] == ["bild.png"]
    assert len(private_files(private_media)) == 1
    client.post(page.url, {**data, "organisation_number": "556036-0793"})
    assert [file.original_name for file in Idea.objects.get().attachments.all()] == ["bild.png"]


def test_the_kept_file_belongs_to_that_form_only(client, intake, site_tree):
    page = intake[0]
    data = form_data(client, page, site_tree, organisation_number=WRONG_NUMBER)
    client.post(page.url, {**data, "attachments": SimpleUploadedFile("plan.pdf", PDF)})
    other = form_data(client, page, site_tree)  # another rendering of the form: another key
    assert other["form_key"] != data["form_key"]
    assert client.post(page.url, other).status_code == 302
    assert list(Idea.objects.get().attachments.all()) == []
    assert HeldUpload.objects.count() == 1  # the abandoned form's, for the periodic job


def test_a_refused_file_is_not_kept_and_says_why(client, intake, site_tree):
    page = intake[0]
    data = form_data(client, page, site_tree, organisation_number=WRONG_NUMBER)
    response = client.post(page.url, {**data, "attachments": SimpleUploadedFile("plan.pdf", b"MZ\x90\x00")})
    content = response.content.decode()
    assert "plan.pdf: Den här filtypen tas inte emot" in content
    assert "Sparade från ditt förra försök" not in content
    assert not HeldUpload.objects.exists()


def test_when_nothing_more_may_be_kept_the_form_says_to_choose_the_files_again(
    client, intake, site_tree, settings
):
    settings.IDEA_SUBMISSION_RATE = (1, 3600)
    page = intake[0]
    data = form_data(client, page, site_tree, organisation_number=WRONG_NUMBER)
    client.post(page.url, {**data, "attachments": SimpleUploadedFile("plan.pdf", PDF)})
    second = client.post(page.url, {**data, "attachments": SimpleUploadedFile("bild.png", png_bytes())})
    assert "Dina filer kunde inte sparas: välj dem igen." in second.content.decode()
    assert not HeldUpload.objects.exists()  # nor the first: it was replaced by what could not be kept


def test_the_periodic_job_deletes_what_abandoned_forms_held(
    client, intake, site_tree, private_media, django_capture_on_commit_callbacks
):
    page = intake[0]
    for name in ("old.pdf", "new.pdf"):
        data = form_data(client, page, site_tree, organisation_number=WRONG_NUMBER)
        client.post(page.url, {**data, "attachments": SimpleUploadedFile(name, PDF)})
    HeldUpload.objects.filter(original_name="old.pdf").update(created=timezone.now() - timedelta(days=4))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("discard_abandoned_uploads")
    assert [held.original_name for held in HeldUpload.objects.all()] == ["new.pdf"]
    assert len(private_files(private_media)) == 1


@pytest.mark.parametrize(
    ("language", "too_large"),
    [("sv", "%(name)s är för stor: högst 10 MB."), ("en", "%(name)s is too large: at most 10 MB.")],
)
def test_the_field_tells_the_browser_the_limits_in_the_pages_language(client, intake, language, too_large):
    content = client.get(page_of(intake, language).url).content.decode()
    field = re.search(r'<input type="file" name="attachments"[^>]*>', content).group(0)
    assert 'accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.odt"' in field
    assert f'data-max-bytes="{10 * 1024 * 1024}"' in field
    assert 'data-max-files="5"' in field
    assert f'data-too-large="{too_large}"' in field
    assert "/static/default/js/attachments" in content
