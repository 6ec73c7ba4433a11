"""The largest request the public site reads: refused from its Content-Length, before the body is read.

Django reads a POST's body before any view runs (CSRF looks for its token in the form), and
writes uploaded files to temporary files as it goes, so a view cannot refuse a large upload
before it has been received. This middleware, placed in `MIDDLEWARE` after the theme (so the
refusal is themed and translated), answers 413 to a request outside the Wagtail admin whose
declared length exceeds what the largest form (the intake with all its attachments) can need.
Under WSGI the body is never longer than its Content-Length. The proxy in front must limit the
body as well (nginx `client_max_body_size`, see docs/deploy.md), so that it is not buffered there.
"""

from django.template.response import TemplateResponse
from django.urls import reverse

from ..validators import attachment_max_bytes
from .attachments import MAX_FILES

#: Room for the form's fields and the multipart framing around the files.
FORM_OVERHEAD_BYTES = 1024 * 1024


def request_max_bytes() -> int:
    return MAX_FILES * attachment_max_bytes() + FORM_OVERHEAD_BYTES


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads such a body as empty


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")  # Wagtail limits its own uploads
        if declared_length(request) > request_max_bytes() and not request.path_info.startswith(
            self.admin_prefix
        ):
            return too_large(request)
        return self.get_response(request)


def too_large(request):
    return TemplateResponse(
        request,
        "workflows/request_too_large.html",
        {
            "file_megabytes": attachment_max_bytes() // (1024 * 1024),
            "max_files": MAX_FILES,
        },
        status=413,
    ).render()  # a middleware's answer is not rendered by the handler
