"""Every error an attacker can provoke gets our themed page, in the visitor's language.

Production stores static files under a manifest, where a reference to a file that was not
collected raises: an error page that names one becomes a 500. So these requests run with
DEBUG off and a strict manifest of the collected files, and once in a subprocess with the
production settings themselves.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import viewflow
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import DatabaseError
from django.template.loader import get_template
from django.test import Client, override_settings

from tests.cms.test_settings import GOOD_KEY, ROOT

MANIFEST_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
THREE_MEGABYTES = "x" * (3 * 1024 * 1024)
TWO_THOUSAND_FIELDS = {f"field{number}": "1" for number in range(2000)}
CSRF_SECRET = "k" * 32
# Viewflow ships top-level 400/403/404/500 pages that reference static files we do not collect.
VIEWFLOW_TEMPLATES = Path(viewflow.__file__).parent / "templates"

HEADINGS = {
    400: {"sv": "Begäran kunde inte hanteras", "en": "This request could not be handled"},
    "csrf": {"sv": "Formuläret har gått ut", "en": "The form has expired"},
    403: {"sv": "Åtkomst nekad", "en": "Access denied"},
    404: {"sv": "Sidan hittades inte", "en": "Page not found"},
    500: {"sv": "Något gick fel", "en": "Something went wrong"},
}


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("static")
    storages = {**django_settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production_like(settings, collected_static):
    """DEBUG off and static files from the strict manifest, as in production."""
    settings.DEBUG = False
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    settings.WHITENOISE_USE_FINDERS = False


def assert_themed(response, status: int, heading, language: str = "sv") -> None:
    html = response.content.decode()
    assert response.status_code == status, html[:500]
    assert '<body class="theme-default' in html
    assert f'<html lang="{language}"' in html
    assert f"<h1>{HEADINGS[heading][language]}</h1>" in html
    assert re.search(r"/static/default/css/site\.[0-9a-f]{12}\.css", html)  # named by the manifest


def attacker() -> Client:
    """A client that passes the CSRF check as far as reading the form: a cookie, no real form."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF_SECRET
    return client


@pytest.mark.parametrize(("prefix", "language"), [("/", "sv"), ("/en/", "en")])
def test_a_forged_host_header_gets_the_bad_request_page(production_like, site_tree, prefix, language):
    response = Client().get(prefix, HTTP_HOST="evil.example", HTTP_X_FORWARDED_PROTO="https")
    assert_themed(response, 400, 400, language)


@pytest.mark.parametrize("body", [{"q": THREE_MEGABYTES}, TWO_THOUSAND_FIELDS], ids=["3 MB", "2000 fields"])
@pytest.mark.parametrize("url", ["/search/", "/admin/login/", "/skicka-in-en-ide/", "/en/submit-an-idea/"])
def test_an_oversize_form_post_gets_the_bad_request_page(production_like, intake, url, body):
    response = attacker().post(url, {**body, "csrfmiddlewaretoken": CSRF_SECRET})
    assert_themed(response, 400, 400, "en" if url.startswith("/en/") else "sv")


@pytest.mark.parametrize(("url", "language"), [("/skicka-in-en-ide/", "sv"), ("/en/submit-an-idea/", "en")])
def test_a_post_without_the_csrf_cookie_gets_the_expired_form_page(production_like, intake, url, language):
    response = Client(enforce_csrf_checks=True).post(url, {"title": "x"})
    assert_themed(response, 403, "csrf", language)


def test_a_screener_asking_for_the_export_by_script_gets_the_access_denied_page(
    production_like,
    site_tree,
    screener,
):
    client = Client()
    client.force_login(screener)
    response = client.get("/admin/ideas/export.csv", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert_themed(response, 403, 403)


@pytest.mark.parametrize(("url", "language"), [("/finns-inte/", "sv"), ("/en/does-not-exist/", "en")])
def test_an_unknown_address_gets_the_not_found_page(production_like, site_tree, url, language):
    assert_themed(Client().get(url), 404, 404, language)


@pytest.mark.parametrize(("url", "language"), [("/", "sv"), ("/en/", "en")])
def test_the_server_error_page_renders_while_the_database_is_down(
    production_like, monkeypatch, url, language
):
    # No database access is allowed in this test: the page must not need it.
    def database_down(request):
        raise DatabaseError("the database is down")

    monkeypatch.setattr("themes.middleware.find_site", database_down)
    assert_themed(Client(raise_request_exception=False).get(url), 500, 500, language)


@pytest.mark.parametrize("name", sorted(path.name for path in VIEWFLOW_TEMPLATES.glob("*.html")))
def test_our_error_pages_win_over_viewflows(name):
    assert Path(get_template(name).origin.name).is_relative_to(ROOT / "themes"), name


def test_every_static_file_our_templates_name_is_collected():
    named = {
        match.group(1)
        for template in (ROOT / "themes").glob("*/templates/**/*.html")
        for match in re.finditer(r"{% static ['\"]([^'\"]+)['\"]", template.read_text())
    }
    assert named
    assert [name for name in sorted(named) if finders.find(name) is None] == []


def test_production_answers_a_forged_host_and_a_server_error_with_the_themed_pages(tmp_path):
    """The real production settings: compressed manifest storage, TLS behind a proxy, no usable database."""
    environment = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        },
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": "sis.example.org",
        "EMAIL_HOST": "smtp.example.org",  # production refuses to start without an e-mail setting
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",  # no tables: every query fails
    }
    run = {"cwd": ROOT, "env": environment, "capture_output": True, "text": True}
    collected = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput"], **run)
    assert collected.returncode == 0, collected.stderr[-2000:]
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "client = Client(raise_request_exception=False, HTTP_X_FORWARDED_PROTO='https')\n"
        "for host, path in [('evil.example', '/'), ('evil.example', '/en/'), ('sis.example.org', '/en/')]:\n"
        "    response = client.get(path, HTTP_HOST=host)\n"
        "    html = response.content.decode()\n"
        "    print(response.status_code, html[html.find('<h1>'):html.find('</h1>') + 5])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], **run)
    assert result.stdout.splitlines() == [
        "400 <h1>Begäran kunde inte hanteras</h1>",
        "400 <h1>This request could not be handled</h1>",
        "500 <h1>Something went wrong</h1>",
    ], result.stderr[-3000:]
