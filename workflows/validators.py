"""Validators for what applicants type and upload."""

import os

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Migrations name the organisation number's validator here, where it was before it moved to reach.
from reach.organisation_numbers import validate_organisation_number  # noqa: F401

#: What an attachment may be, judged by its content. MIME type -> what the applicant is told.
ALLOWED_ATTACHMENT_TYPES = {
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (.docx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (.xlsx)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint (.pptx)",
    "application/vnd.oasis.opendocument.text": "OpenDocument text (.odt)",
}
#: The file name endings of each allowed type; a file is stored and served under the first.
ATTACHMENT_EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (".pptx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
}
#: The type each of those endings names.
EXTENSION_TYPES = {
    extension: content_type
    for content_type, extensions in ATTACHMENT_EXTENSIONS.items()
    for extension in extensions
}
DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_NAME_MAX_LENGTH = 200


def attachment_max_bytes() -> int:
    return getattr(settings, "IDEA_ATTACHMENT_MAX_BYTES", DEFAULT_ATTACHMENT_MAX_BYTES)


def sniff_attachment(file) -> str:
    """The MIME type of an uploaded file judged by its content; ValidationError if not allowed.

    The name and the browser's declared content type are ignored: a renamed executable is
    refused, a PDF called `plan.txt` is accepted as a PDF.
    """
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    if size == 0:
        raise ValidationError(_("The file is empty."), code="attachment_empty")
    limit = attachment_max_bytes()
    if size > limit:
        raise ValidationError(
            _("The file is too large: at most %(megabytes)s MB."),
            code="attachment_too_large",
            params={"megabytes": limit // (1024 * 1024)},
        )
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_ATTACHMENT_TYPES:
        raise ValidationError(
            _("This type of file is not accepted. Allowed: %(types)s."),
            code="attachment_type",
            params={"types": ", ".join(ALLOWED_ATTACHMENT_TYPES.values())},
        )
    return kind.mime


def attachment_name(name: str, content_type: str) -> str:
    """The applicant's file name, ending in an extension of the type its content was found to be.

    A PDF called `plan.html` or `plan.exe` is stored and served as `plan.pdf`, so that no browser
    or desktop opens it as a page or a program; `plan.PDF` and `photo.jpeg` keep their names.
    """
    base = os.path.basename((name or "").replace("\\", "/")) or "attachment"
    stem, extension = os.path.splitext(base)
    if extension.lower() not in ATTACHMENT_EXTENSIONS[content_type]:
        extension = ATTACHMENT_EXTENSIONS[content_type][0]
    return stem[: ATTACHMENT_NAME_MAX_LENGTH - len(extension)] + extension
