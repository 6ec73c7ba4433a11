"""Only those who came to an event are reached: a seat alone counts for nothing, a tick counts once,
in the period of the day it was made."""

import datetime

import pytest
from django.utils import timezone

from figures import counting
from figures.counting import Period
from registrations import actions, attendance
from registrations.actions import Registrant

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(site_tree):
    page = site_tree.event
    page.registration_url = ""
    page.registration_open = True
    page.capacity = None
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_seated_person_who_did_not_come_is_not_reached_and_one_who_came_is(event):
    """By hand: three registrations with seats; Ada (woman, from Alfa AB) and Bo came, Cilla did not.
    From the first of the month to the event's day: persons 2, organisations 1 (Alfa, a registrant's
    organisation: type "other", not an enterprise until a coordinator says so); by gender woman 1,
    not stated 1."""
    people = [
        Registrant(
            "Ada", "ada@example.org", "Alfa AB", "556036-0793", gender="woman", consent_processing=True
        ),
        Registrant("Bo", "bo@example.org", consent_processing=True),
        Registrant("Cilla", "cilla@example.org", gender="woman", consent_processing=True),
    ]
    ada, bo, _cilla = (actions.register(event.pk, person, language="sv") for person in people)
    day = timezone.localdate(event.start)
    month = Period(day.replace(day=1), day)  # to the event's day, which the tick falls on
    assert counting.reached(month).persons == 0

    for registration in (ada, bo):
        attendance.mark_attended(registration.pk, by=None, at=event.start)

    totals = counting.reached(month)
    assert (totals.persons, totals.organisations, totals.enterprises) == (2, 1, 0)
    assert counting.persons_by_gender(month) == {"woman": 1, "not_stated": 1}
    the_day_before = Period(day - datetime.timedelta(days=1), day - datetime.timedelta(days=1))
    assert counting.reached(the_day_before).persons == 0
