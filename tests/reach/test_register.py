"""The register: one organisation per number however typed, one person per e-mail address, each
reach recorded once, and erasure that leaves an anonymous row still counted."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from reach.actions import erase_organisation, erase_person, organisation_for, person_for, record_reach
from reach.models import Organisation, Person, Reach

pytestmark = pytest.mark.django_db

NUMBER = "556036-0793"
SOLE_TRADER = "811228-9874"


def test_the_same_number_in_any_format_is_one_organisation():
    typed = [NUMBER, "5560360793", " 556036 0793 "]
    found = {organisation_for(each, name="Läxhjälpen AB", organisation_type="company").pk for each in typed}
    assert len(found) == 1
    organisation = Organisation.objects.get()
    assert (organisation.organisation_number, organisation.is_enterprise) == (NUMBER, True)


def test_a_later_mention_fills_the_founding_date_and_changes_nothing_else():
    organisation_for(NUMBER, name="Läxhjälpen AB", organisation_type="company")
    organisation = organisation_for(
        NUMBER, name="Annat namn", organisation_type="other", registration_date=datetime.date(2020, 1, 2)
    )
    assert (organisation.name, organisation.organisation_type) == ("Läxhjälpen AB", "company")
    assert organisation.registration_date == datetime.date(2020, 1, 2)


def test_without_a_number_each_mention_is_its_own_row_and_never_an_enterprise():
    first = organisation_for("", name="Grannar", organisation_type="company")
    second = organisation_for("", name="Grannar", organisation_type="company")
    assert first != second
    assert not Organisation.objects.filter(is_enterprise=True).exists()


def test_a_person_is_one_row_per_address_and_keeps_what_they_declared_first():
    early = timezone.now() - datetime.timedelta(days=10)
    first = person_for("Amina@Example.org", gender="woman")
    again = person_for("amina@example.org ", gender="man", age_band="25_34", at=early)
    assert first.pk == again.pk
    assert Person.objects.count() == 1
    person = Person.objects.get()
    assert (person.email, person.gender, person.age_band) == ("amina@example.org", "woman", "25_34")
    assert person.first_reached == early  # the earliest reach is the first


def test_recording_the_same_reach_again_changes_nothing():
    person = person_for("amina@example.org")
    organisation = organisation_for(NUMBER, name="Läxhjälpen AB", organisation_type="company")
    first = record_reach(
        channel="idea", source="SIS-2026-00001", role="contact", person=person, organisation=organisation
    )
    again = record_reach(channel="idea", source="SIS-2026-00001", role="contact", person=person)
    assert first.pk == again.pk
    assert Reach.objects.count() == 1
    record_reach(channel="idea", source="SIS-2026-00002", role="contact", person=person)
    assert Reach.objects.count() == 2


def test_an_erased_person_is_an_anonymous_tally_with_what_they_declared():
    person = person_for("amina@example.org", gender="woman", age_band="35_44")
    record_reach(channel="idea", source="SIS-2026-00001", role="contact", person=person)
    at = timezone.now()
    erase_person(person, at=at)
    erase_person(person)  # a second erasure changes nothing
    person.refresh_from_db()
    assert (person.email, person.erased, person.gender, person.age_band) == (None, at, "woman", "35_44")
    assert Reach.objects.get().person == person
    # The address is free: the same person reached again is a new row, counted again.
    assert person_for("amina@example.org").pk != person.pk


def test_an_erased_organisation_loses_name_and_number_and_stays():
    organisation = organisation_for(SOLE_TRADER, name="Amina Rahimi Konsult", organisation_type="company")
    erase_organisation(organisation)
    organisation.refresh_from_db()
    assert (organisation.name, organisation.organisation_number) == ("", None)
    assert organisation.erased is not None
    assert organisation.is_enterprise


def test_the_database_refuses_an_erased_row_with_an_identifier():
    person = person_for("amina@example.org")
    with pytest.raises(IntegrityError):
        Person.objects.filter(pk=person.pk).update(erased=timezone.now())
