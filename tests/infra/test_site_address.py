"""Every absolute link names the site's address, BASE_URL, whatever host the request came by."""

import datetime
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Site

from workflows.models import Idea
from workflows.notifications import admin_idea_url, status_url

pytestmark = pytest.mark.django_db

ADDRESS = "http://127.0.0.1:8101"


@pytest.fixture
def moved(settings, site_tree):
    """The site served at 127.0.0.1:8101 (as `make run PORT=8101` sets BASE_URL), after a migrate."""
    settings.WAGTAILADMIN_BASE_URL = ADDRESS
    call_command("migrate", verbosity=0)
    return site_tree


def get(client, path: str):
    response = client.get(path, HTTP_HOST="localhost")
    assert response.status_code == 200, path
    return response


def test_migrate_gives_the_default_site_the_address_of_base_url(moved):
    assert Site.objects.get(is_default_site=True).root_url == ADDRESS


def test_canonical_link_og_url_and_the_calendar_name_the_site_address(client, moved):
    soup = BeautifulSoup(get(client, moved.article.url).content, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == ADDRESS + moved.article.url
    assert soup.find("meta", property="og:url")["content"] == ADDRESS + moved.article.url

    calendar = icalendar.Calendar.from_ical(get(client, moved.event.url + "ical/").content)
    assert [str(event["url"]) for event in calendar.walk("VEVENT")] == [ADDRESS + moved.event.url]


def test_feeds_sitemap_and_robots_name_the_site_address(client, moved):
    rss = ET.fromstring(get(client, "/feeds/news.rss").content)
    assert rss.findtext("channel/link") == ADDRESS + moved.news_index.url
    assert [item.findtext("link") for item in rss.iter("item")] == [ADDRESS + moved.article.url]
    atom = ET.fromstring(get(client, "/feeds/news.atom").content)
    links = [link.get("href") for link in atom.iter("{http://www.w3.org/2005/Atom}link")]
    assert links
    assert all(link.startswith(ADDRESS + "/") for link in links), links

    sitemap = ET.fromstring(get(client, "/sitemap.xml").content)
    locations = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations
    assert all(location.startswith(ADDRESS + "/") for location in locations)
    assert f"Sitemap: {ADDRESS}/sitemap.xml" in get(client, "/robots.txt").content.decode()


def test_e_mail_links_name_the_site_address(moved):
    assert status_url("the-secret", "sv") == ADDRESS + "/ideas/status/the-secret/"
    assert admin_idea_url(Idea(pk=7)) == ADDRESS + "/admin/ideas/7/"


def test_an_rss_item_is_dated_by_the_article_not_by_its_publication(client, site_tree):
    rss = ET.fromstring(get(client, "/feeds/news.rss").content)
    [date] = [item.findtext("pubDate") for item in rss.iter("item")]
    assert date.startswith("Tue, 01 Sep 2015 00:00:00")
    assert site_tree.article.date == datetime.date(2015, 9, 1)


def test_make_run_on_another_port_gives_every_process_that_address():
    environment = {key: value for key, value in os.environ.items() if key != "BASE_URL"}
    commands = subprocess.run(
        [shutil.which("make"), "--dry-run", "run", "PORT=8101"],
        cwd=Path(__file__).resolve().parents[2],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    before, _, after = "\n".join(commands).partition("export BASE_URL=http://127.0.0.1:8101;")
    assert "manage.py db_worker" in after
    assert "manage.py runserver 127.0.0.1:8101" in after
    setup = [line for line in before.splitlines() if "manage.py" in line]
    assert len(setup) == 3, setup  # migrate, load_demo, migrate again before serving
    assert all(line.startswith("BASE_URL=http://127.0.0.1:8101 ") for line in setup), setup
