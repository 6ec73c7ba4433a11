"""Feeds, sitemap, robots.txt, iCalendar and the read-only API."""

import xml.etree.ElementTree as ET

import icalendar
import pytest

pytestmark = pytest.mark.django_db


def test_rss_feed_lists_the_news_of_each_language(client, site_tree):
    sv = client.get("/feeds/news.rss")
    en = client.get("/en/feeds/news.rss")
    assert sv.status_code == en.status_code == 200
    titles_sv = [item.findtext("title") for item in ET.fromstring(sv.content).iter("item")]
    titles_en = [item.findtext("title") for item in ET.fromstring(en.content).iter("item")]
    assert titles_sv == [site_tree.article.title]
    assert titles_en == [site_tree.article_en.title]


def test_atom_feed_is_valid_atom(client, site_tree):
    response = client.get("/feeds/news.atom")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.findtext("{http://www.w3.org/2005/Atom}title") for e in entries] == [site_tree.article.title]


def test_sitemap_lists_live_pages_in_both_languages(client, site_tree):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", ns)}
    assert "http://testserver/nyheter/skansk-samverkan/" in locations
    assert "http://testserver/en/news/joining-forces/" in locations
    assert len(locations) == len(site_tree.pages_sv) + len(site_tree.pages_en)


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_an_event_exports_as_icalendar(client, site_tree):
    response = client.get(site_tree.event.url + "ical/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["summary"]) == site_tree.event.title
    assert events[0].decoded("dtstart") == site_tree.event.start.replace(microsecond=0)


def test_the_event_calendar_exports_every_event(client, site_tree):
    response = client.get(site_tree.event_index.url + "ical/")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [site_tree.event.title]


def test_the_pages_api_lists_live_pages_and_refuses_bad_parameters_politely(client, site_tree):
    response = client.get("/api/v2/pages/?type=cms.NewsPage&fields=date,lead,tags,challenge_areas")
    assert response.status_code == 200
    items = {item["title"]: item for item in response.json()["items"]}
    assert set(items) == {site_tree.article.title, site_tree.article_en.title}
    article = items[site_tree.article.title]
    assert article["date"] == "2015-09-01"
    assert article["tags"] == ["samverkan"]
    assert article["challenge_areas"] == ["ungdomsarbetsloshet"]
    for bad in ("?limit=abc", "?offset=-1", "?type=nope.Nope", "?order=nonsense"):
        assert client.get("/api/v2/pages/" + bad).status_code == 400, bad
