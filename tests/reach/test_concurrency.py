"""Two requests naming the same organisation number or e-mail at the same instant land on one row.

Runs on PostgreSQL, where each thread has its own connection and transaction and the second
insert waits for the first one's commit; SQLite serialises writers, so there is no race to see.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from reach.actions import organisation_for, person_for
from reach.models import Organisation, Person

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: run `make test-postgres`"
    ),
]


def at_once(call, times: int = 2) -> list:
    """`call` in `times` threads released together, each in a transaction held open a moment."""
    barrier = threading.Barrier(times)
    results = [None] * times

    def run(index):
        try:
            barrier.wait()
            with transaction.atomic():
                results[index] = call()
                time.sleep(0.3)  # the other thread's insert now waits on this one's row
        except Exception as exc:  # collected: the assertions say what went wrong
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_applicants_typing_one_number_differently_at_once_make_one_organisation():
    typed = iter(["556036-0793", "5560360793"])
    results = at_once(
        lambda: organisation_for(next(typed), name="Läxhjälpen AB", organisation_type="company")
    )
    assert all(isinstance(each, Organisation) for each in results), results
    assert len({each.pk for each in results}) == 1
    assert Organisation.objects.count() == 1


def test_one_address_at_once_is_one_person():
    results = at_once(lambda: person_for("amina@example.org"))
    assert all(isinstance(each, Person) for each in results), results
    assert Person.objects.count() == 1
