"""The applicant's files: kept under the type their content shows, readable by the site alone, and a
request too large for any form refused before its body is read."""

import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workflows.models import IdeaAttachment

from .test_public_intake import assert_nothing_stored, form_data
from .test_public_status import asked, opened, url  # noqa: F401 (asked is a fixture)
from .test_validators import PDF, png_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "content", "served_as", "content_type"),
    [
        ("plan.html", PDF, "plan.pdf", "application/pdf"),
        ("setup.exe", None, "setup.png", "image/png"),
        ("budget", PDF, "budget.pdf", "application/pdf"),
    ],
    ids=["pdf-named-html", "png-named-exe", "pdf-without-extension"],
)
def test_a_file_named_as_another_type_is_stored_and_served_under_its_own(
    client, intake, site_tree, manager, name, content, served_as, content_type
):
    page = intake[1]
    upload = SimpleUploadedFile(name, content or png_bytes(), content_type="text/html")
    response = client.post(page.url, form_data(client, page, site_tree, attachments=upload))
    assert response.status_code == 302
    attachment = IdeaAttachment.objects.get()
    assert attachment.original_name == served_as
    assert attachment.content_type == content_type
    assert attachment.file.name.endswith(served_as[served_as.rindex(".") :])

    client.force_login(manager)
    download = client.get(reverse("ideas:attachment", args=[attachment.idea_id, attachment.pk]))
    assert download["Content-Disposition"] == f'attachment; filename="{served_as}"'
    assert download["Content-Type"] == content_type


def test_a_file_stored_under_its_old_name_is_served_under_its_type(client, applicant):
    attachment = IdeaAttachment.objects.create(
        idea=applicant.idea,
        original_name="plan.html",
        content_type="application/pdf",
        size=len(PDF),
        source="submission",
        file=SimpleUploadedFile("x", PDF),
    )
    response = opened(client, applicant.secret).get(url("attachment", attachment_id=attachment.pk))
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'


def test_stored_files_can_be_read_by_the_site_alone(client, intake, site_tree, private_media):
    page = intake[0]
    upload = SimpleUploadedFile("plan.pdf", PDF)
    assert client.post(page.url, form_data(client, page, site_tree, attachments=upload)).status_code == 302
    path = IdeaAttachment.objects.get().file.path
    assert stat.S_IMODE(private_media.joinpath(path).stat().st_mode) == 0o600
    folders = [folder for folder in private_media.rglob("*") if folder.is_dir()]
    assert folders
    assert all(stat.S_IMODE(folder.stat().st_mode) == 0o700 for folder in folders)


def test_an_intake_post_larger_than_all_its_files_may_be_is_refused_with_413(
    client, intake, site_tree, private_media, settings
):
    settings.IDEA_ATTACHMENT_MAX_BYTES = 1024  # five files of 1 KB and the form: at most 1 MB and 5 KB
    page = intake[1]
    upload = SimpleUploadedFile("plan.pdf", PDF + b" " * (1024 * 1024 + 6000))
    response = client.post(page.url, form_data(client, page, site_tree, attachments=upload))
    assert response.status_code == 413
    html = response.content.decode()
    assert "The files are too large" in html
    assert "at most 5 files" in html
    assert_nothing_stored(private_media)


# A gigabyte announced, a few bytes sent: reading the body would fail, so a 413 shows it was not read.
GIGABYTE = str(1024**3)


def test_an_oversize_intake_post_is_refused_from_its_length_before_its_body_is_read(client, intake):
    response = client.post(intake[1].url, {"title": "Hej"}, CONTENT_LENGTH=GIGABYTE)
    assert response.status_code == 413
    assert "The files are too large" in response.content.decode()


def test_an_oversize_answer_is_refused_from_its_length_before_its_body_is_read(client, asked):  # noqa: F811
    opened(client, asked.secret)
    response = client.post(url("answer", language="en"), {"text": "Hej"}, CONTENT_LENGTH=GIGABYTE)
    assert response.status_code == 413
    assert "The files are too large" in response.content.decode()
    assert asked.refresh().status == "awaiting_applicant"


def test_the_admin_keeps_its_own_upload_limits(client, manager, settings):
    settings.IDEA_ATTACHMENT_MAX_BYTES = 1
    client.force_login(manager)
    response = client.post(reverse("wagtailadmin_home"), {"x": "y" * (1024 * 1024 + 10)})
    assert response.status_code != 413
