"""Swedish organisation numbers (format and Luhn check digit) and attachments judged by content."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from reach.organisation_numbers import luhn_check_digit, normalise_organisation_number
from workflows.validators import sniff_attachment

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#1f5f8b").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("556036-0793", "556036-0793"),  # a limited company
        ("5560360793", "556036-0793"),
        (" 802002-4280 ", "802002-4280"),  # an idea-driven organisation (ideell förening)
        ("212000-1355", "212000-1355"),  # a public actor (a municipality)
        ("811218-9876", "811218-9876"),  # a sole trader's personal-number-like number
    ],
)
def test_a_valid_organisation_number_is_accepted_and_normalised(given, stored):
    assert normalise_organisation_number(given) == stored


@pytest.mark.parametrize(
    "given",
    ["556036-0794", "556036-0790", "0000000000", "000000-0000"],
)
def test_an_organisation_number_with_a_wrong_check_digit_is_refused(given):
    with pytest.raises(ValidationError) as error:
        normalise_organisation_number(given)
    assert error.value.code == "organisation_number_check_digit"


@pytest.mark.parametrize(
    "given", ["", "556036-079", "55603607930", "5560-360793", "556036_0793", "abcdef-ghij", "19556036-0793"]
)
def test_an_organisation_number_in_the_wrong_format_is_refused(given):
    with pytest.raises(ValidationError) as error:
        normalise_organisation_number(given)
    assert error.value.code == "organisation_number_format"


def test_the_check_digit_is_luhn_from_the_left():
    assert luhn_check_digit("556036079") == 3
    assert luhn_check_digit("811218987") == 6


def test_a_pdf_is_recognised_by_its_content_whatever_its_name():
    assert sniff_attachment(SimpleUploadedFile("plan.txt", PDF, "text/plain")) == "application/pdf"


def test_an_image_is_accepted():
    assert sniff_attachment(SimpleUploadedFile("bild.png", png_bytes(), "image/png")) == "image/png"


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64,  # a Windows program
        b"<html><script>alert(1)</script></html>",
        b"just some text",
        b"PK\x03\x04" + b"\x00" * 40,  # a plain zip
    ],
)
def test_a_forged_upload_named_like_a_pdf_is_refused(content):
    with pytest.raises(ValidationError) as error:
        sniff_attachment(SimpleUploadedFile("affarsplan.pdf", content, "application/pdf"))
    assert error.value.code == "attachment_type"


def test_an_empty_or_too_large_file_is_refused(settings):
    with pytest.raises(ValidationError) as error:
        sniff_attachment(SimpleUploadedFile("tom.pdf", b"", "application/pdf"))
    assert error.value.code == "attachment_empty"
    settings.IDEA_ATTACHMENT_MAX_BYTES = 50
    with pytest.raises(ValidationError) as error:
        sniff_attachment(SimpleUploadedFile("stor.pdf", PDF, "application/pdf"))
    assert error.value.code == "attachment_too_large"
