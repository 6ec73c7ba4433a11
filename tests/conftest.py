"""The fixed cast of the tests: a small bilingual site and the people who work on it."""

import datetime
import logging
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from cms.models import (
    ChallengeArea,
    EventIndexPage,
    EventPage,
    HomePage,
    Municipality,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
    StandardPage,
)
from workflows.models import StatusToken

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class LogLines(logging.Handler):
    """Every line logged, at INFO and above, as the production log would hold it: through the
    filters of the configured handlers."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []
        for handler in logging.getLogger().handlers:
            for log_filter in handler.filters:
                self.addFilter(log_filter)

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name}: {self.format(record)}")


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
def fresh_cache():
    # The theme of each Site is cached; a test must not see the previous test's.
    cache.clear()
    yield
    cache.clear()


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page: Page, locale: Locale, **fields) -> Page:
    """The page's translation into `locale`, with `fields` set, published."""
    translation = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return publish(translation)


class SiteTree:
    """The pages of a minimal bilingual site, one of each type, Swedish and English."""

    def __init__(self):
        self.sv = Locale.objects.get(language_code="sv")
        self.en, _ = Locale.objects.get_or_create(language_code="en")
        self.challenge = ChallengeArea.objects.create(
            slug="ungdomsarbetsloshet", name="Ungdomsarbetslöshet", name_en="Youth unemployment"
        )
        self.municipality = Municipality.objects.create(slug="malmo", name="Malmö", code="1280")

        root = Page.get_first_root_node()
        self.home = root.add_child(
            instance=HomePage(title="Social Innovation Skåne", slug="hem", locale=self.sv)
        )
        site = Site.objects.get(is_default_site=True)
        site.root_page = self.home
        site.save()
        Page.objects.filter(depth=2).exclude(pk=self.home.pk).delete()  # Wagtail's welcome page

        self.news_index = self.home.add_child(instance=NewsIndexPage(title="Nyheter", slug="nyheter"))
        self.article = self.news_index.add_child(
            instance=NewsPage(
                title="Skånsk samverkan för sociala innovationer",
                slug="skansk-samverkan",
                date=datetime.date(2015, 9, 1),
                lead="Den 1 september gick startskottet för ett treårigt samverkansprojekt.",
            )
        )
        self.article.tags.add("samverkan")
        self.article.challenge_areas.add(self.challenge)
        publish(self.article)
        self.about = self.home.add_child(
            instance=StandardPage(
                title="Om programmet", slug="om", lead="Ett treårigt program.", show_in_menus=True
            )
        )
        self.event_index = self.home.add_child(instance=EventIndexPage(title="Evenemang", slug="evenemang"))
        start = timezone.now() + datetime.timedelta(days=10)
        self.event = self.event_index.add_child(
            instance=EventPage(
                title="Idéverkstad i Malmö",
                slug="ideverkstad",
                start=start,
                end=start + datetime.timedelta(hours=3),
                place="Malmö stadsbibliotek",
                municipality=self.municipality,
                registration_url="https://example.org/anmalan",
            )
        )
        self.resource_index = self.home.add_child(
            instance=ResourceIndexPage(title="Resurser", slug="resurser")
        )
        self.resource = self.resource_index.add_child(
            instance=ResourcePage(
                title="Guide till sociala innovationer",
                slug="guide",
                resource_type="guide",
                lead="Så tar du en idé till marknaden.",
            )
        )
        self.pages_sv = [
            self.home,
            self.news_index,
            self.article,
            self.about,
            self.event_index,
            self.event,
            self.resource_index,
            self.resource,
        ]
        self.pages_en = [
            translate(self.home, self.en, title="Social Innovation Skåne"),
            translate(self.news_index, self.en, title="News", slug="news"),
            translate(
                self.article, self.en, title="Skåne joins forces for social innovation", slug="joining-forces"
            ),
            translate(self.about, self.en, title="About the programme", slug="about"),
            translate(self.event_index, self.en, title="Events", slug="events"),
            translate(self.event, self.en, title="Idea workshop in Malmö", slug="idea-workshop"),
            translate(self.resource_index, self.en, title="Resources", slug="resources"),
            translate(self.resource, self.en, title="A guide to social innovation", slug="guide"),
        ]
        (self.home_en, self.news_index_en, self.article_en, self.about_en, *_) = self.pages_en


@pytest.fixture
def site_tree(db) -> SiteTree:
    return SiteTree()


def make_user(username: str, *groups: str, superuser: bool = False) -> User:
    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", password="x", is_superuser=superuser
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def editor(db) -> User:
    return make_user("editor", "Editors")


@pytest.fixture
def moderator(db) -> User:
    return make_user("moderator", "Moderators")


@pytest.fixture
def admin_user(db) -> User:
    return make_user("admin", superuser=True)


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
