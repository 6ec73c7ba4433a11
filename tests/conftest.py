"""The fixed cast of the tests: a small bilingual site and the people who work on it."""

import logging
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.utils import translation

from cms.models import ChallengeArea, Municipality
from tests.helpers import LogLines, SiteTree, make_user, publish
from workflows.groups import ensure_reviewer_groups
from workflows.models import IdeaSubmissionPage, StatusToken

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture(autouse=True)
def no_personal_data_in_logs(monkeypatch):
    """Fails a test whose log lines hold an e-mail address, or the name, e-mail, organisation
    number or status-link secret of an applicant whose link was issued during the test.

    Access lines of the live server (`django.server`) are not read: a status link's first
    request carries its secret by design, as a password-reset link does.
    """
    secrets_of_the_test: set[str] = set()
    issue = StatusToken.issue.__func__

    def issue_and_remember(cls, idea):
        token, secret = issue(cls, idea)
        secrets_of_the_test.update(
            value for value in (secret, idea.contact_name, idea.organisation_number) if len(value) > 3
        )
        return token, secret

    monkeypatch.setattr(StatusToken, "issue", classmethod(issue_and_remember))
    handler = LogLines()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    leaks = [
        line
        for line in handler.lines
        if EMAIL_ADDRESS.search(line) or any(secret in line for secret in secrets_of_the_test)
    ]
    assert not leaks, "personal data in the log:\n" + "\n".join(leaks)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language, as a request that names none: a request
    to an English page earlier in the same thread leaves English active (the locale middleware
    activates, nothing deactivates), and a message drawn outside a request would follow it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_cache():
    # The theme of each Site is cached; a test must not see the previous test's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db) -> SiteTree:
    return SiteTree()


@pytest.fixture
def editor(db) -> User:
    return make_user("editor", "Editors")


@pytest.fixture
def moderator(db) -> User:
    return make_user("moderator", "Moderators")


@pytest.fixture
def admin_user(db) -> User:
    return make_user("admin", superuser=True)


@pytest.fixture
def groups(db):
    return ensure_reviewer_groups()


@pytest.fixture
def screener(groups) -> User:
    return make_user("screener", "Screening committee")


@pytest.fixture
def second_screener(groups) -> User:
    return make_user("screener2", "Screening committee")


@pytest.fixture
def advisor(groups) -> User:
    return make_user("advisor", "Advisors")


@pytest.fixture
def coordinator(groups) -> User:
    return make_user("coordinator", "Pilot coordinators")


@pytest.fixture
def manager(groups) -> User:
    return make_user("manager", "Programme managers")


@pytest.fixture
def cast(screener, second_screener, advisor, coordinator, manager):
    return {
        "screener": screener,
        "second_screener": second_screener,
        "advisor": advisor,
        "coordinator": coordinator,
        "manager": manager,
    }


@pytest.fixture
def taxonomy(db):
    area = ChallengeArea.objects.create(
        slug="ungdomsarbetsloshet", name="Ungdomsarbetslöshet", name_en="Youth unemployment"
    )
    municipality = Municipality.objects.create(slug="malmo", name="Malmö", code="1280")
    return area, municipality


@pytest.fixture
def intake(site_tree, groups):
    """The submission page under both home pages: (Swedish page, English page)."""
    page = site_tree.home.add_child(
        instance=IdeaSubmissionPage(
            title="Skicka in en idé", slug="skicka-in-en-ide", intro="<p>Berätta om din idé.</p>"
        )
    )
    publish(page)
    english = page.copy_for_translation(site_tree.en)
    english.title, english.slug, english.intro = "Submit an idea", "submit-an-idea", "<p>Tell us.</p>"
    english.save()
    publish(english)
    return page, english


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(scope="session", autouse=True)
def migrated_contents(django_db_setup) -> str | None:
    """What the migrations put in the test database (root page, locale, site, groups), serialised.

    Django keeps it on the connection object of the thread that made the database, and
    restores it for `serialized_rollback` tests. Playwright's sync API runs tests in another
    context, whose connection object does not have it, so browser tests restore it from here.
    """
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture
def browser_database(migrated_contents):
    """Give this context's connection the migrations' data, as Django's own runner would.

    Django then flushes after each of these tests without re-running post_migrate (which
    would clash with restored content types). When Django's own restore ran on the other
    context's connection (or not at all), the data is restored here.
    """
    from django.db import connection
    from wagtail.models import Locale

    if not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = migrated_contents
    if not Locale.objects.exists():
        connection.creation.deserialize_db_from_string(migrated_contents)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, started as this closed machine needs it."""
    import os

    # Playwright's sync API runs an event loop in the test thread for the rest of the session
    # (the flush after each browser test included); the ORM calls there stay synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
        ],
    }


@pytest.fixture
def picture(db):
    """A real (small) image in Wagtail's image library."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = BytesIO()
    PILImage.new("RGB", (1600, 900), "#1f5f8b").save(buffer, format="PNG")
    file = ImageFile(buffer, name="verkstad.png")
    return Image.objects.create(title="Deltagare i en idéverkstad", file=file)
