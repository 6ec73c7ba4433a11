import pytest

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
