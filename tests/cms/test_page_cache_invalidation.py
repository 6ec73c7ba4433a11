"""Every kind of change reaches the next anonymous request through the page cache (never stale),
and drops only what showed it (an unrelated page is still served without a query).

Changes run their after-commit callbacks (`committed`), as they would outside a test's transaction.
"""

import datetime
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.models import FooterSettings, NewsPage, Partner, PrivacySettings
from infra import page_cache
from registrations import actions
from tests.helpers import publish
from tests.registrations.conftest import registrant
from themes.models import ThemeSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def warm(client, site_tree):
    """Every page of the site in the cache; returns a check that `path` is still a hit. Pages drawn
    within a second of a change are not served (`page_cache.CLOCK_MARGIN`): the site was just built."""
    time.sleep(page_cache.CLOCK_MARGIN)
    paths = [page.url for page in [*site_tree.pages_sv, *site_tree.pages_en]]
    paths += ["/feeds/news.rss", "/sitemap.xml"]
    for path in paths:
        client.get(path)

    def still_cached(path: str) -> None:
        assert "Age" in client.get(path), f"{path} was dropped"

    return still_cached


def text(client, path: str) -> str:
    return client.get(path).content.decode()


NEW_TITLE = "Ny rubrik på artikeln"


def retitle_article(site_tree, committed):
    """The article published again under `NEW_TITLE`, its after-commit callbacks run."""
    article = site_tree.article
    article.title = NEW_TITLE
    with committed():
        publish(article)
    return article


def test_publishing_an_edit_shows_on_the_page_its_index_the_home_page_and_the_feed(
    client, site_tree, warm, committed
):
    article = retitle_article(site_tree, committed)
    for path in (article.url, "/nyheter/", "/", "/feeds/news.rss", "/sitemap.xml"):
        assert NEW_TITLE in text(client, path) or path == "/sitemap.xml"
    warm("/resurser/guide/")
    warm("/en/about/")


def test_a_saved_draft_drops_nothing(client, site_tree, warm, committed):
    article = site_tree.article
    article.title = "Ett utkast"
    with committed():
        article.save_revision()
    warm(site_tree.article.url)
    assert "Ett utkast" not in text(client, site_tree.article.url)


def test_a_new_article_appears_in_the_index_and_the_feed(client, site_tree, warm, committed):
    with committed():
        new = site_tree.news_index.add_child(
            instance=NewsPage(title="Helt ny artikel", slug="helt-ny", date=datetime.date(2030, 1, 1))
        )
        publish(new)
    assert "Helt ny artikel" in text(client, "/nyheter/")
    assert "Helt ny artikel" in text(client, "/feeds/news.rss")
    assert "/nyheter/helt-ny/" in text(client, "/sitemap.xml")


def test_unpublishing_takes_the_page_off_its_index(client, site_tree, warm, committed):
    with committed():
        site_tree.article.unpublish()
    assert client.get(site_tree.article.url).status_code == 404
    assert site_tree.article.title not in text(client, "/nyheter/")
    warm("/om/")


def test_deleting_a_page_takes_it_off_everywhere(client, site_tree, warm, committed):
    url = site_tree.article.url
    with committed():
        site_tree.article.delete()
    assert client.get(url).status_code == 404
    assert site_tree.article.title not in text(client, "/nyheter/")
    assert url not in text(client, "/sitemap.xml")


def test_moving_a_page_changes_its_address_and_its_subpages(client, site_tree, warm, committed):
    about = site_tree.about
    child = about.add_child(instance=type(about)(title="Underordnad sida", slug="under"))
    publish(child)
    assert client.get("/om/under/").status_code == 200
    with committed():
        about.move(site_tree.resource_index, pos="last-child")
    assert client.get("/om/").status_code != 200  # a redirect to the new address
    assert client.get("/om/under/").status_code != 200
    assert client.get("/resurser/om/under/").status_code == 200
    assert "Om programmet" not in text(client, "/")  # the menu


def test_a_scheduled_publication_and_expiry_reach_the_index(client, site_tree, warm, committed):
    page = site_tree.news_index.add_child(
        instance=NewsPage(title="Schemalagd artikel", slug="schemalagd", live=False)
    )
    page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    assert "Schemalagd artikel" not in text(client, "/nyheter/")
    with committed():
        call_command("publish_scheduled")
    assert "Schemalagd artikel" in text(client, "/nyheter/")

    page.refresh_from_db()
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save()
    text(client, "/nyheter/")
    with committed():
        call_command("publish_scheduled")
    assert "Schemalagd artikel" not in text(client, "/nyheter/")


def test_a_view_restriction_drops_the_page(client, site_tree, warm, committed):
    with committed():
        PageViewRestriction.objects.create(page=site_tree.about, restriction_type="login")
    assert client.get("/om/").status_code == 302


def test_editing_a_challenge_area_shows_where_it_is_named_only(client, site_tree, warm, committed):
    area = site_tree.challenge
    area.name = "Unga utanför arbetsmarknaden"
    with committed():
        area.save()
    assert "Unga utanför arbetsmarknaden" in text(client, "/resurser/")  # the filter
    assert "Unga utanför arbetsmarknaden" in text(client, site_tree.article.url)
    warm("/om/")


def test_renaming_a_municipality_shows_on_the_event(client, site_tree, warm, committed):
    municipality = site_tree.municipality
    municipality.name = "Malmö stad"
    with committed():
        municipality.save()
    assert "Malmö stad" in text(client, site_tree.event.url)
    warm(site_tree.article.url)


def test_changing_the_theme_changes_every_page_of_the_site(client, site_tree, warm, committed):
    assert "theme-default" in text(client, "/om/")
    settings = ThemeSettings.for_site(site_tree.home.get_site())
    settings.theme = "plain"
    with committed():
        settings.save()
    assert "theme-default" not in text(client, "/om/")


def test_choosing_the_privacy_notice_shows_on_the_forms_that_link_it(client, site_tree, warm, committed):
    event = site_tree.event
    event.registration_url, event.registration_open = "", True
    with committed():
        publish(event)
    assert "/om/" not in text(client, event.url).split("<main", 1)[1].split("</main>")[0]
    settings = PrivacySettings.for_site(site_tree.home.get_site())
    settings.privacy_notice = site_tree.about
    with committed():
        settings.save()
    assert 'href="/om/"' in text(client, event.url).split("<main", 1)[1]


def test_the_footers_contact_and_funders_show_on_every_page_at_once(client, site_tree, warm, committed):
    settings = FooterSettings.for_site(site_tree.home.get_site())
    settings.contact_email = "ny-kontakt@example.org"
    with committed():
        settings.save()
    for path in ("/", "/om/", "/en/about/", site_tree.event.url):
        assert "ny-kontakt@example.org" in text(client, path)
    time.sleep(page_cache.CLOCK_MARGIN)
    with committed():
        Partner.objects.create(name="Tillväxtverket", role="funder", locale=site_tree.sv)
    assert "Tillväxtverket" in text(client, "/om/")


def test_a_settings_row_made_with_its_defaults_on_first_reading_drops_nothing(
    client, site_tree, warm, committed
):
    site = site_tree.home.get_site()
    assert not FooterSettings.objects.filter(site=site).exists()
    with committed():
        FooterSettings.for_site(site)  # Wagtail creates the row, with nothing a visitor sees changed
        PrivacySettings.for_site(site)
        ThemeSettings.for_site(site)
    for path in ("/", "/om/", site_tree.event.url):
        warm(path)


def test_unpublishing_the_accessibility_statement_takes_its_link_off_every_page(
    client, site_tree, warm, committed
):
    settings = FooterSettings(site=site_tree.home.get_site(), accessibility_statement=site_tree.about)
    with committed():
        settings.save()
    assert 'href="/om/">Tillgänglighetsredogörelse' in text(client, "/nyheter/")
    time.sleep(page_cache.CLOCK_MARGIN)
    with committed():
        site_tree.about.unpublish()
    assert "Tillgänglighetsredogörelse" not in text(client, "/nyheter/")


def test_a_registration_changes_the_seats_left_on_the_event_page(client, site_tree, warm, committed):
    event = site_tree.event
    event.registration_url, event.registration_open, event.capacity = "", True, 5
    with committed():
        publish(event)
    assert "5 platser kvar" in text(client, event.url)
    time.sleep(page_cache.CLOCK_MARGIN)
    with committed():
        actions.register(event.pk, registrant(), language="sv")
    assert "4 platser kvar" in text(client, event.url)
    warm("/om/")


def test_a_page_drawn_after_the_last_change_is_served_without_its_tags(client, site_tree, warm, rf):
    """The time of the last change bounds every tag's stamp: a page drawn after it is good even
    with its tags' stamps gone from the cache."""
    url = site_tree.article.url
    tags = cache.get(page_cache._key(rf.get(url)))["tags"]
    cache.delete_many([page_cache.TAG_PREFIX + tag for tag in tags])
    assert "Age" in client.get(url)


def test_with_the_last_change_evicted_a_page_drawn_before_a_change_is_drawn_again(
    client, site_tree, warm, committed
):
    retitle_article(site_tree, committed)
    cache.delete(page_cache.LAST_CHANGE)
    assert NEW_TITLE in text(client, "/nyheter/")


def test_an_evicted_stamp_made_again_by_another_drawing_never_serves_a_page_drawn_before_its_change(
    client, site_tree, warm, committed, rf
):
    retitle_article(site_tree, committed)
    tags = cache.get(page_cache._key(rf.get("/nyheter/")))["tags"]
    cache.delete_many([page_cache.TAG_PREFIX + tag for tag in tags])  # evicted
    page_cache.stamp_unstamped(tags)  # as when another drawing showing them is stored
    assert NEW_TITLE in text(client, "/nyheter/")
