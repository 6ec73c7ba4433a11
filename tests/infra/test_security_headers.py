"""Every public page carries the strict Content-Security-Policy, the admin the relaxed one."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from infra.security import ADMIN_HEADER, PERMISSIONS_POLICY, PUBLIC_HEADER
from tests.search.ideas import Pipeline
from tests.workflows.test_public_intake import form_data

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def public_pages(client, site_tree, intake) -> dict[str, str]:
    """(page type, URL) of every public page type; the receipt's URL after a real submission."""
    showcased = Pipeline.with_cast().at("support", consent_showcase=True)
    page = intake[0]
    submitted = client.post(page.url, form_data(client, page, site_tree))
    assert submitted.status_code == 302
    urls = {
        "idea form": page.url,
        "idea form (en)": intake[1].url,
        "receipt": submitted["Location"],
        "status page": reverse("idea_status:link", kwargs={"token": showcased.secret}),
        "showcase list": reverse("showcase:listing"),
        "showcase idea": reverse("showcase:idea", kwargs={"reference": showcased.idea.reference}),
        "search": reverse("search") + "?q=samverkan",
        "not found": "/finns-inte/",
    }
    with translation.override("en"):
        urls["search (en)"] = reverse("search")
        urls["showcase list (en)"] = reverse("showcase:listing")
    for content_page in site_tree.pages_sv + site_tree.pages_en:
        urls[f"{type(content_page.specific).__name__} {content_page.url}"] = content_page.url
    return urls


def test_the_strict_policy_is_what_the_issue_asks_for():
    assert directives(PUBLIC_HEADER) == STRICT
    assert "unsafe" not in PUBLIC_HEADER
    assert "nonce" not in PUBLIC_HEADER


def test_every_public_page_type_carries_the_strict_policy(client, site_tree, intake):
    pages = public_pages(client, site_tree, intake)
    assert {"HomePage", "NewsIndexPage", "NewsPage", "StandardPage", "EventIndexPage", "EventPage"} <= {
        name.split()[0] for name in pages
    }
    for name, url in pages.items():
        response = client.get(url, follow=True)  # the status link may redirect to a URL without its token
        assert response.status_code in (200, 404), (name, url)
        assert response["Content-Security-Policy"] == PUBLIC_HEADER, name
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY, name
        html = response.content.decode()
        # What the strict policy would block: inline scripts, style attributes and elements.
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)", html), name
        assert " style=" not in html, name
        assert "<style" not in html, name


def test_the_admin_carries_the_relaxed_policy(client, site_tree, admin_user):
    client.force_login(admin_user)
    for url in ("/admin/", "/admin/pages/", "/admin/ideas/", "/admin/login/"):
        response = client.get(url)
        assert response["Content-Security-Policy"] == ADMIN_HEADER, url
    relaxed = directives(ADMIN_HEADER)
    assert "'unsafe-inline'" in relaxed["script-src"]
    assert "nonce" not in ADMIN_HEADER
    assert relaxed["object-src"] == "'none'"
    assert relaxed["default-src"] == "'self'"


def test_error_pages_carry_the_strict_policy(client, site_tree):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response["Content-Security-Policy"] == PUBLIC_HEADER
