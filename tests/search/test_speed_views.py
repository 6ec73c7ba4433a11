"""/search/ stays cheap: a pinned number of queries whatever the hits, and the site's menu and
footer come from the fragment cache, which every change to the pages they show invalidates."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.models import StandardPage
from infra import page_cache
from search.backends import get_backend
from tests.helpers import publish
from themes.models import ThemeSettings

from .test_views import synthetic

pytestmark = pytest.mark.django_db

# None: the site, the home page in the request's language, the language switcher's locales and
# the names of facet values all come from the cache once warm.
SEARCH_QUERIES = {"/search/": 0, "/en/search/": 0}


def queries(client, path: str, **params) -> int:
    client.get(path, params)  # warm the caches (site's theme, menu and footer fragments)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/search/", "/en/search/"])
def test_the_search_page_runs_a_fixed_number_of_queries_whatever_the_hits(client, site, path):
    get_backend().index(synthetic(30))
    # Parts drawn within the clock margin of a change (the site was just made) are not kept.
    time.sleep(page_cache.CLOCK_MARGIN)
    assert queries(client, path, q="cykel nummer 3") == SEARCH_QUERIES[path]  # one hit
    assert queries(client, path, q="cykel") == SEARCH_QUERIES[path]  # twenty hits, and the pager
    assert queries(client, path, q="cykel", type="news", page=2) == SEARCH_QUERIES[path]


def menu(client, path: str = "/search/") -> str:
    """The main menu's markup ("" when it has no pages)."""
    html = client.get(path).content.decode()
    start = html.find('<nav class="main-menu"')
    return html[start : html.index("</nav>", start)] if start >= 0 else ""


def test_a_page_published_into_the_menu_shows_at_once(client, site):
    assert "Om programmet" in menu(client)
    contact = site.home.add_child(
        instance=StandardPage(title="Kontakt", slug="kontakt", show_in_menus=True, live=False)
    )
    assert "Kontakt" not in menu(client)
    publish(contact)
    assert "Kontakt" in menu(client)
    contact.unpublish()
    assert "Kontakt" not in menu(client)


def test_a_renamed_moved_private_or_deleted_page_leaves_the_cached_menu(client, site):
    assert "Om programmet" in menu(client)
    site.about.title = "Om oss"
    publish(site.about)
    assert "Om oss" in menu(client)
    assert "Om programmet" not in menu(client)
    restriction = PageViewRestriction.objects.create(
        page=site.about, restriction_type=PageViewRestriction.LOGIN
    )
    assert "Om oss" not in menu(client)
    restriction.delete()
    assert "Om oss" in menu(client)
    site.about.move(site.news_index, pos="last-child")
    assert "Om oss" not in menu(client)
    site.about.delete()
    assert "Om oss" not in menu(client)


def test_the_cached_menu_is_per_language_theme_and_current_page(client, site):
    assert "Om programmet" in menu(client)
    assert "About the programme" in menu(client, "/en/search/")
    assert 'aria-current="page">Om programmet' not in menu(client)
    assert 'aria-current="page">Om programmet' in menu(client, "/om/")
    settings = ThemeSettings.for_site(site.home.get_site())
    settings.theme = "plain"
    settings.save()
    html = client.get("/search/").content.decode()
    assert 'class="theme-plain' in html
    assert "Om programmet" in html


def site_name_link(client, path: str) -> str:
    html = client.get(path).content.decode()
    start = html.index('class="site-name" href="')
    return html[start : html.index(">", start)]


def test_the_cached_home_page_and_locales_follow_a_change_at_once(client, site):
    assert 'href="/en/"' in site_name_link(client, "/en/search/")
    site.home_en.unpublish()  # the English visitor's home is now the Swedish one
    assert 'href="/"' in site_name_link(client, "/en/search/")
    publish(site.home_en)
    assert 'href="/en/"' in site_name_link(client, "/en/search/")
    html = client.get("/search/").content.decode()
    assert 'hreflang="en"' in html
