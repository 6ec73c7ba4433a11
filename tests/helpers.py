"""What tests of every area build with: the small bilingual site, its people, the log as written."""

import datetime
import logging

from django.contrib.auth.models import Group, User
from django.db import connection
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


def make_user(username: str, *groups: str, superuser: bool = False) -> User:
    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", password="x", is_superuser=superuser
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def database_triggers() -> set[str]:
    """The names of the triggers the database holds (the kept counts and versions live on them)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {name for (name,) in cursor.fetchall()}
