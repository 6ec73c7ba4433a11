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


def at_once(count: int, work) -> list[Exception]:
    """Run `work(number)` in `count` threads released together; what they raised."""
    barrier = threading.Barrier(count)
    raised = []

    def run(number):
        try:
            barrier.wait()
            work(number)
        except Exception as exc:  # collected: the caller's assertion shows it
            raised.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return raised


def test_two_door_staff_ticking_the_same_registrant_at_once_mark_once(event_now, door_staff):
    from reach.models import Reach
    from registrations import attendance, errors
    from registrations.models import RegistrationLog

    registration = Registration.objects.get(email="deltagare1@example.org")

    raised = at_once(2, lambda _number: attendance.mark_attended(registration.pk, by=door_staff))

    assert [type(exc) for exc in raised] == [errors.AlreadyAttended]
    assert RegistrationLog.objects.filter(registration=registration, change="attended").count() == 1
    assert Reach.objects.filter(person=registration.person).count() == 1


def test_the_same_walk_in_at_two_doors_at_once_is_registered_once(event_now, door_staff):
    from registrations import attendance, errors

    raised = at_once(2, lambda _number: attendance.walk_in(event_now.pk, registrant(9), by=door_staff))

    assert [type(exc) for exc in raised] == [errors.AlreadyAttended]
    assert Registration.objects.filter(email="deltagare9@example.org").count() == 1


def test_the_last_seat_asked_for_on_the_swedish_and_the_english_page_at_once_seats_one(event, event_en):
    event.capacity = 1
    event.save_revision().publish()
    pages = {0: (event, "sv"), 1: (event_en, "en")}

    raised = at_once(
        2, lambda number: actions.register(pages[number][0].pk, registrant(number), language=pages[number][1])
    )

    assert raised == []
    registrations = Registration.objects.all()
    assert sorted(registrations.values_list("status", flat=True)) == [Status.SEATED, Status.WAITING]
    assert set(registrations.values_list("event_id", flat=True)) == {event.pk}
    assert sorted(registrations.values_list("language", flat=True)) == ["en", "sv"]
