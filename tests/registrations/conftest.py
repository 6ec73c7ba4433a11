import datetime

import pytest
from django.utils import timezone

from registrations import actions
from registrations.actions import Registrant


@pytest.fixture
def event(site_tree):
    """The site tree's event, open for registration on the site: two seats and a waiting list."""
    page = site_tree.event
    page.registration_url = ""
    page.registration_open = True
    page.capacity = 2
    page.waiting_list = True
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def event_en(event, site_tree):
    page = site_tree.pages_en[5]
    page.registration_open = True
    page.registration_url = ""
    page.capacity = 2
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def registrant(number: int = 1, **overrides) -> Registrant:
    values = {
        "name": f"Deltagare {number}",
        "email": f"Deltagare{number}@Example.org",
        "consent_processing": True,
        **overrides,
    }
    return Registrant(**values)


@pytest.fixture
def door_staff(db):
    """A member of the group that runs events: sees the lists, ticks who came, lets people in."""
    from registrations.groups import ensure_event_hosts
    from tests.helpers import make_user

    ensure_event_hosts()
    return make_user("vard", "Event hosts")


def during(event):
    """A moment while the event is on: the door is open."""
    return event.start + datetime.timedelta(minutes=10)


@pytest.fixture
def event_now(event):
    """The event, moved to have begun a moment ago (so the door is open now), with three seats
    taken by participants 1 to 3 registered before it began and participant 4 waiting."""
    event.capacity = 3
    event.save_revision().publish()
    for number in (1, 2, 3, 4):
        actions.register(event.pk, registrant(number), language="sv")
    now = timezone.now()
    event.start = now - datetime.timedelta(minutes=1)
    event.end = max(now + datetime.timedelta(minutes=30), timezone.localtime(now).replace(hour=23, minute=59))
    event.registration_deadline = None
    event.save_revision().publish()
    event.refresh_from_db()
    return event
