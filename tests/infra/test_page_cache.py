"""The page cache's HTTP side: what is stored, what never is, and the headers a proxy reads.

A response served from the cache says how long it has been stored (`Age`), as any HTTP cache does.
"""

import datetime
import time

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.utils import timezone

from infra import page_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def settled(site_tree):
    """The site was just built: pages drawn within a second of a change are not served
    (`page_cache.CLOCK_MARGIN`), so a test starts a second later."""
    time.sleep(page_cache.CLOCK_MARGIN)


def hit(client, path):
    response = client.get(path)
    assert "Age" in response, path
    return response


@pytest.mark.parametrize(
    "path",
    ["/", "/nyheter/", "/nyheter/skansk-samverkan/", "/en/", "/resurser/", "/feeds/news.rss", "/sitemap.xml"],
)
def test_an_anonymous_get_is_stored_and_served_again(client, site_tree, path):
    first = client.get(path)
    assert first.status_code == 200
    assert "Age" not in first
    second = hit(client, path)
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_the_calendar_of_an_event_is_stored(client, site_tree):
    first = client.get("/evenemang/ideverkstad/ical/")
    assert hit(client, "/evenemang/ideverkstad/ical/").content == first.content


def test_a_cached_page_carries_validators_and_a_short_public_lifetime(client, site_tree, settings):
    response = client.get("/nyheter/")
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert response["Cache-Control"] == f"public, max-age={settings.PAGE_CACHE_MAX_AGE}"


def test_a_page_whose_etag_the_browser_holds_is_answered_304_without_a_body(client, site_tree):
    etag = client.get("/nyheter/")["ETag"]
    response = client.get("/nyheter/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_a_feed_answers_304_to_its_last_modified(client, site_tree):
    last_modified = client.get("/feeds/news.rss")["Last-Modified"]
    assert client.get("/feeds/news.rss", headers={"if-modified-since": last_modified}).status_code == 304


def test_the_language_in_the_address_means_no_vary_on_accept_language(client, site_tree):
    vary = client.get("/nyheter/")["Vary"]
    assert "Accept-Language" not in vary
    assert "Cookie" in vary  # a signed-in editor's page differs (the user bar)


def test_each_language_and_address_has_its_own_entry(client, site_tree):
    assert client.get("/en/").content != client.get("/").content
    assert client.get("/resurser/?type=report").content != client.get("/resurser/").content


def test_a_head_request_is_answered_from_the_cache_without_a_body(client, site_tree):
    client.get("/nyheter/")
    response = client.head("/nyheter/")
    assert "Age" in response
    assert response.content == b""


def test_a_signed_in_visitor_is_never_served_or_stored_and_is_told_private(client, site_tree):
    client.get("/nyheter/")
    user = User.objects.create_user("redaktor", password="x", is_superuser=True)
    client.force_login(user)
    response = client.get("/nyheter/")
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    assert "Age" not in response


def test_an_anonymous_session_still_gets_the_cached_page(client, site_tree):
    client.get("/nyheter/")
    session = client.session
    session["intake-receipt"] = {"page": 1}  # it signs no one in
    session.save()
    hit(client, "/nyheter/")


def test_a_page_with_a_csrf_token_is_never_stored(client, intake):
    path = intake[0].url
    first = client.get(path)
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert "private" in first["Cache-Control"]
    second = client.get(path)
    assert "private" in second["Cache-Control"]
    assert "ETag" not in second


def test_the_private_status_page_and_the_search_are_never_stored(client, site_tree):
    for path in ("/ideas/status/", "/search/?q=guide"):
        client.get(path)
        assert "ETag" not in client.get(path)


def test_a_missing_page_is_not_stored(client, site_tree):
    assert client.get("/finns-inte/").status_code == 404
    assert client.get("/finns-inte/").status_code == 404
    assert "ETag" not in client.get("/finns-inte/")


def test_no_public_page_sets_a_cookie_for_an_anonymous_visitor(client, site_tree):
    for page in [*site_tree.pages_sv, *site_tree.pages_en]:
        response = client.get(page.url)
        assert not response.cookies, page.url


def test_an_event_with_registration_open_is_stored(client, site_tree):
    site_tree.event.registration_url = ""
    site_tree.event.registration_open = True
    site_tree.event.save()
    client.get(site_tree.event.url)  # the form's privacy link creates the site's privacy settings
    time.sleep(page_cache.CLOCK_MARGIN)
    response = client.get(site_tree.event.url)
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert hit(client, site_tree.event.url).content == response.content


def test_an_event_whose_registration_has_closed_is_stored(client, site_tree):
    event = site_tree.event
    event.registration_url, event.registration_open = "", True
    event.registration_deadline = timezone.now() - datetime.timedelta(days=1)
    event.save()
    client.get(event.url)
    time.sleep(page_cache.CLOCK_MARGIN)
    response = client.get(event.url)
    assert "Anmälan till evenemanget är stängd." in response.content.decode()
    assert hit(client, event.url).content == response.content


def test_page_cache_off_stores_nothing(client, site_tree, settings):
    settings.PAGE_CACHE = False
    client.get("/nyheter/")
    assert "ETag" not in client.get("/nyheter/")


def test_the_sitemap_is_kept_under_the_tag_of_all_pages_not_one_tag_a_page(client, site_tree, rf):
    """Every page's change drops "pages": a tag a page would be a read more per request for nothing."""
    client.get("/sitemap.xml")
    entry = cache.get(page_cache._key(rf.get("/sitemap.xml")))
    assert "pages" in entry["tags"]
    assert not [tag for tag in entry["tags"] if tag.startswith("page:")]


def test_a_past_events_page_is_stored_its_end_being_behind_it(client, site_tree):
    event = site_tree.event
    event.start = timezone.now() - datetime.timedelta(days=30)
    event.end = event.start + datetime.timedelta(hours=3)
    event.save_revision().publish()
    time.sleep(page_cache.CLOCK_MARGIN)
    first = client.get(event.url)
    assert "Age" not in first
    assert hit(client, event.url).content == first.content
