"""Capacity holds when many register at once: on PostgreSQL, the event's row lock decides."""

import threading

import pytest
from django.db import connection

from registrations import actions
from registrations.models import Registration, Status

from .conftest import registrant

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite ignores SELECT ... FOR UPDATE"
    ),
]

SEATS = 3
MORE = 4


def test_n_plus_k_registrations_at_once_for_n_seats_seat_exactly_n_and_the_rest_wait(event):
    event.capacity = SEATS
    event.save_revision().publish()
    barrier = threading.Barrier(SEATS + MORE)
    failures = []

    def run(number):
        try:
            barrier.wait()
            actions.register(event.pk, registrant(number), language="sv")
        except Exception as exc:  # collected: the assertion below shows it
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(SEATS + MORE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failures == []
    statuses = list(Registration.objects.values_list("status", flat=True))
    assert statuses.count(Status.SEATED) == SEATS
    assert statuses.count(Status.WAITING) == MORE
