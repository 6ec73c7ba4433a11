"""Migration 0003: the seat-time reach of events still to come is withdrawn, that of events that
ended stays, and migrating back writes it again as the old rule did."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from reach.models import Reach
from registrations import actions
from registrations.models import Registration

from .conftest import registrant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("registrations", "0002_attendance")]
AFTER = [("registrations", "0003_reach_at_attendance")]


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def sources() -> list[str]:
    return sorted(Reach.objects.filter(channel="event").values_list("source", flat=True))


def test_the_reach_of_ended_events_stays_and_that_of_events_to_come_goes_both_ways(event, event_en):
    actions.register(event.pk, registrant(1), language="sv")  # ten days ahead
    actions.register(event_en.pk, registrant(2), language="en")
    # Kept on the page registered from, as before migration 0004.
    Registration.objects.filter(email="deltagare2@example.org").update(event=event_en)
    ended = timezone.now() - datetime.timedelta(days=30)
    event_en.start, event_en.end = ended, ended + datetime.timedelta(hours=2)
    event_en.save_revision().publish()
    assert sources() == []  # under the new rule, nobody came yet

    migrate(BEFORE)  # back: the old rule, a reach per seat
    assert sources() == sorted([str(event.pk), str(event_en.pk)])

    migrate(AFTER)
    assert sources() == [str(event_en.pk)]
