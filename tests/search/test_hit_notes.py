"""A full event says so in its search hit, in both languages: asked when the hit is shown, since a
registration does not re-index the event."""

import pytest

from registrations import actions
from tests.registrations.conftest import registrant

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_taking_registrations(site, after_commit):
    event = site.event
    event.registration_url, event.registration_open, event.capacity = "", True, 1
    with after_commit():
        event.save_revision().publish()
    return event


def meta_of_the_event(client, path: str, url: str) -> str:
    html = client.get(path, {"q": "malmö"}).content.decode()
    hit = html[html.index(f'href="{url}"') :]
    return hit[hit.index('<p class="hit__meta">') : hit.index("</p>")]


def test_a_full_event_says_so_in_its_hit_in_both_languages(client, site, event_taking_registrations):
    english = site.pages_en[5]
    assert "Full" not in meta_of_the_event(client, "/en/search/", english.url)

    actions.register(event_taking_registrations.pk, registrant(1), language="sv")

    assert "<strong>Full</strong>" in meta_of_the_event(client, "/en/search/", english.url)
    assert "<strong>Fullt</strong>" in meta_of_the_event(client, "/search/", event_taking_registrations.url)
