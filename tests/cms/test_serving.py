"""The home page's routing answers as Wagtail's walk down the tree would, in fewer queries."""

import pytest
from wagtail.models import PageViewRestriction

from cms.models import EventPage
from tests.helpers import publish

pytestmark = pytest.mark.django_db


def test_a_path_that_leads_to_no_page_is_not_found(client, site_tree):
    assert client.get("/nyheter/ingen-sadan-artikel/").status_code == 404
    assert client.get(site_tree.article.url + "mer/").status_code == 404


def test_an_unpublished_page_is_not_found(client, site_tree):
    site_tree.article.unpublish()
    assert client.get(site_tree.article.url).status_code == 404


def test_an_event_called_ical_is_shadowed_by_the_calendars_feed_as_in_wagtail(client, site_tree):
    event = site_tree.event
    publish(
        site_tree.event_index.add_child(
            instance=EventPage(title="Ical", slug="ical", start=event.start, end=event.end, place="Lund")
        )
    )
    response = client.get(site_tree.event_index.url + "ical/")
    assert response["Content-Type"].startswith("text/calendar")
    assert client.get(event.url + "ical/")["Content-Type"].startswith("text/calendar")


def test_a_private_section_asks_for_a_login_and_opens_when_the_restriction_goes(client, site_tree):
    restriction = PageViewRestriction.objects.create(
        page=site_tree.news_index, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(site_tree.article.url).status_code == 302
    assert site_tree.article.title not in client.get("/").content.decode()
    restriction.delete()
    assert client.get(site_tree.article.url).status_code == 200
    assert site_tree.article.title in client.get("/").content.decode()
