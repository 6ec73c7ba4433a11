"""Migration 0004: the registrations of an event's translations move to its first page, one
registration per address (the earlier kept, the later cancelled); back, each returns to the page
in its language."""

import datetime

import pytest
from django.utils import timezone

from reach.models import Reach
from registrations import actions
from registrations.models import Registration, RegistrationLog, Status

from .conftest import registrant
from .test_migration import migrate

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("registrations", "0003_reach_at_attendance")]
AFTER = [("registrations", "0004_one_set_of_seats_per_event")]


def kept_on(page, number: int, language: str, at: datetime.datetime, email: str = "") -> Registration:
    """A registration as the code before 0004 kept it: on the page registered from."""
    made = actions.register(page.pk, registrant(number), language=language, at=at)
    Registration.objects.filter(pk=made.pk).update(event=page, email=email or made.email)
    return Registration.objects.get(pk=made.pk)


def test_translations_registrations_join_the_first_page_once_per_address_and_go_back(event, event_en):
    migrate(BEFORE)
    event.capacity = None  # the old code's two sets of seats: here simply room for all
    event.save_revision().publish()
    start = timezone.now() - datetime.timedelta(days=2)
    at = [start + datetime.timedelta(hours=hour) for hour in range(6)]
    erik_en = kept_on(event_en, 5, "en", at[0])
    anna = kept_on(event, 1, "sv", at[1])
    bertil = kept_on(event, 2, "sv", at[2])
    cecilia = kept_on(event_en, 3, "en", at[3])
    anna_en = kept_on(event_en, 6, "en", at[4], email=anna.email)
    erik = kept_on(event, 7, "sv", at[5], email=erik_en.email)
    Registration.objects.filter(pk=cecilia.pk).update(attended=at[5])
    Reach.objects.create(
        person=cecilia.person, channel="event", source=str(event_en.pk), role="participant", reached=at[5]
    )

    migrate(AFTER)

    assert set(Registration.objects.values_list("event_id", flat=True)) == {event.pk}
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {
        erik_en.pk: Status.SEATED,
        anna.pk: Status.SEATED,
        bertil.pk: Status.SEATED,
        cecilia.pk: Status.SEATED,
        anna_en.pk: Status.CANCELLED,
        erik.pk: Status.CANCELLED,
    }
    cancelled = Registration.objects.filter(status=Status.CANCELLED)
    assert set(cancelled.values_list("cancel_token_hash", flat=True)) == {None}
    logged = RegistrationLog.objects.filter(change="cancelled").values_list("registration", flat=True)
    assert sorted(logged) == sorted([anna_en.pk, erik.pk])
    assert Registration.objects.get(pk=cecilia.pk).language == "en"
    assert list(Reach.objects.filter(person=cecilia.person).values_list("source", flat=True)) == [
        str(event.pk)
    ]

    migrate(BEFORE)

    pages = dict(Registration.objects.values_list("pk", "event_id"))
    assert pages == {
        erik_en.pk: event_en.pk,
        anna.pk: event.pk,
        bertil.pk: event.pk,
        cecilia.pk: event_en.pk,
        anna_en.pk: event_en.pk,
        erik.pk: event.pk,
    }
    assert Registration.objects.filter(status=Status.CANCELLED).count() == 2  # cancellations stay
    assert list(Reach.objects.filter(person=cecilia.person).values_list("source", flat=True)) == [
        str(event_en.pk)
    ]

    migrate(AFTER)
    assert set(Registration.objects.values_list("event_id", flat=True)) == {event.pk}
