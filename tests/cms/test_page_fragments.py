"""The parts of a page that come from the fragment cache (the header with its menu and language
links, the breadcrumbs, the meta tags, the footer, a page's body, an index's heading and filters,
which page holds an event's registration) are never stale: with the page cache off, each change
shows on the next request.

Changes run their after-commit callbacks (`committed`), as they would outside a test's transaction.
"""

import time

import pytest

from cms.models import ChallengeArea, EventPage, FooterSettings, NewsPage, Partner, StandardPage
from infra import page_cache
from tests.helpers import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def later() -> None:
    """A second on: a part drawn within `page_cache.CLOCK_MARGIN` of a change is not kept."""
    time.sleep(page_cache.CLOCK_MARGIN)


@pytest.fixture
def warm(client, site_tree, settings):
    """The page cache off, and every page of the site drawn once, its parts kept."""
    settings.PAGE_CACHE = False
    later()
    for page in [*site_tree.pages_sv, *site_tree.pages_en]:
        client.get(page.url)


def text(client, path: str) -> str:
    return client.get(path).content.decode()


def translation(page, locale):
    return type(page).objects.get(translation_key=page.translation_key, locale=locale)


def test_unpublishing_a_translation_takes_it_off_the_language_links_and_hreflang(
    client, site_tree, warm, committed
):
    english = translation(site_tree.article, site_tree.en)
    assert text(client, site_tree.article.url).count(f"{english.url}") == 2  # hreflang, switcher
    with committed():
        english.unpublish()
    page = text(client, site_tree.article.url)
    assert english.url not in page
    assert 'href="/en/" hreflang="en"' in page  # the switcher falls back to the English home page


def test_a_new_page_in_the_menus_shows_in_the_menu_of_every_page(client, site_tree, warm, committed):
    with committed():
        contact = StandardPage(title="Kontakta oss", slug="kontakt", show_in_menus=True)
        site_tree.home.add_child(instance=contact)
    for path in ("/", site_tree.article.url, site_tree.event.url):
        assert 'href="/kontakt/">Kontakta oss</a>' in text(client, path)


def test_renaming_an_index_changes_the_breadcrumbs_of_its_pages(client, site_tree, warm, committed):
    index = site_tree.news_index
    index.title = "Aktuellt"
    with committed():
        publish(index)
    breadcrumbs = text(client, site_tree.article.url).split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert 'href="/nyheter/">Aktuellt</a>' in breadcrumbs


def test_the_footers_contact_and_funders_show_on_every_page(client, site_tree, warm, committed):
    settings = FooterSettings.for_site(site_tree.home.get_site())
    settings.contact_email = "ny-kontakt@example.org"
    with committed():
        settings.save()
    for path in ("/", "/om/", "/en/about/"):
        assert "ny-kontakt@example.org" in text(client, path)
    later()
    assert "Tillväxtverket" not in text(client, "/om/")  # drawn with no funder at all
    later()
    with committed():
        Partner.objects.create(name="Tillväxtverket", role="funder", locale=site_tree.sv)
    assert "Tillväxtverket" in text(client, "/om/")


def test_a_new_challenge_area_is_offered_by_the_resource_filters_that_had_none(
    client, site_tree, warm, committed
):
    with committed():
        ChallengeArea.objects.all().delete()
    later()
    assert "Bostäder" not in text(client, "/resurser/")  # drawn with no area at all
    later()
    with committed():
        ChallengeArea.objects.create(slug="bostader", name="Bostäder", name_en="Housing")
    assert '<option value="bostader">Bostäder</option>' in text(client, "/resurser/")


def test_a_new_description_of_the_picture_shows_as_the_articles_alt_text(
    client, site_tree, warm, committed, picture
):
    article = site_tree.article
    article.image = picture
    with committed():
        publish(article)
    assert '<figure class="hero">' in text(client, article.url)
    later()
    article.lead = "En ny ingress."
    with committed():
        publish(article)
    later()
    assert "En ny ingress." in text(client, article.url)  # drawn again, the renditions from their cache
    later()
    picture.description = "Deltagare vid ett bord"  # the alt text when the page gives none
    with committed():
        picture.save()
    hero = text(client, article.url).split('<figure class="hero">')[1].split("</figure>")[0]
    assert 'alt="Deltagare vid ett bord"' in hero


def test_registration_opened_on_the_events_first_page_shows_on_its_translation(
    client, site_tree, warm, committed
):
    english = translation(site_tree.event, site_tree.en)
    assert 'href="#registration"' not in text(client, english.url)
    event = EventPage.objects.get(pk=site_tree.event.pk)
    event.registration_url, event.registration_open = "", True
    with committed():
        publish(event)
    page = text(client, english.url)
    assert 'href="#registration"' in page
    assert 'id="registration"' in page


def test_an_edit_of_the_articles_body_shows_on_it(client, site_tree, warm, committed):
    article = NewsPage.objects.get(pk=site_tree.article.pk)
    article.body = [("paragraph", "<p>Ett nytt stycke i artikeln.</p>")]
    with committed():
        publish(article)
    assert "Ett nytt stycke i artikeln." in text(client, article.url)


def test_a_preview_shows_the_draft_and_keeps_nothing_of_it(client, site_tree, warm):
    draft = NewsPage.objects.get(pk=site_tree.article.pk)
    draft.title = "Utkastets rubrik"
    draft.lead = "Utkastets ingress."

    preview = draft.make_preview_request().content.decode()  # what the admin's preview runs

    assert "<h1>Utkastets rubrik</h1>" in preview  # the body, kept for the live page, drawn anew
    assert "<title>Utkastets rubrik" in preview  # the meta tags likewise
    assert "Utkastets" not in text(client, site_tree.article.url)
