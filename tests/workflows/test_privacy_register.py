"""The applicant in the register of whom the programme reached: the access export gives their row
there, and erasing leaves an anonymous tally (no address, no personal number) that is still
counted, with every time they were reached. A legal entity's name and number are not personal."""

import pytest
from django.utils import translation

from reach.models import Organisation, Person, Reach
from workflows import actions

pytestmark = pytest.mark.django_db

#: A sole trader's number is their personal identity number (a month in the third and fourth digits).
SOLE_TRADER_NUMBER = "811228-9874"


def counted() -> tuple[int, int, int]:
    return Person.objects.count(), Organisation.objects.count(), Reach.objects.count()


def test_the_export_gives_the_contact_person_and_an_individuals_organisation(submit, manager):
    idea = submit(
        organisation_type="individual",
        organisation_name="",
        organisation_number="",
        contact_gender="woman",
        contact_age_band="25_34",
    ).idea
    [exported] = actions.export_applicant_data(idea.pk, manager)["ideas"]
    [person] = exported["contact_person"]
    assert person["email"] == "amina@example.org"
    assert (person["gender"], person["age_band"], person["erased"]) == ("woman", "25_34", None)
    assert person["municipality"] == str(idea.municipality)
    [organisation] = exported["organisation"]
    assert (organisation["name"], organisation["organisation_type"]) == ("Amina Rahimi", "individual")


def test_a_legal_entitys_organisation_is_not_in_the_export(submit, manager):
    idea = submit().idea  # an idea-driven organisation with its own organisation number
    [exported] = actions.export_applicant_data(idea.pk, manager)["ideas"]
    assert exported["organisation"] == []


def test_erasing_leaves_the_person_and_reaches_as_an_anonymous_tally(submit, manager):
    idea = submit(contact_gender="man", contact_age_band="45_54").idea
    second = submit(title="Andra idén", contact_email="AMINA@example.org").idea
    before = counted()

    actions.erase_applicant_data(idea.pk, manager)

    assert counted() == before
    person = Person.objects.get()
    assert person.email is None
    assert person.erased is not None
    assert (person.gender, person.age_band, person.municipality) == ("man", "45_54", idea.municipality)
    assert sorted(Reach.objects.values_list("source", "person", "role")) == [
        (idea.reference, person.pk, "contact"),
        (second.reference, person.pk, "contact"),
    ]
    # The idea-driven organisation is a legal entity: its name and number stay, and are counted.
    organisation = Organisation.objects.get()
    assert (organisation.organisation_number, organisation.erased) == ("556036-0793", None)
    assert organisation.name == "Läxhjälpen ideell förening"


@pytest.mark.parametrize(
    ("overrides", "why"),
    [
        ({"organisation_type": "individual", "organisation_name": "Amina Rahimi konsult"}, "an individual"),
        (
            {
                "organisation_type": "company",
                "organisation_name": "Rahimi Läxhjälp",
                "organisation_number": SOLE_TRADER_NUMBER,
            },
            "a sole trader's number is a personal identity number",
        ),
    ],
)
def test_an_organisation_that_is_a_person_is_erased_with_them_and_still_counted(
    submit, manager, overrides, why
):
    idea = submit(**overrides).idea
    before = counted()

    actions.erase_applicant_data(idea.pk, manager)

    assert counted() == before, why
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.organisation_number) == ("", None), why
    assert organisation.erased is not None
    with translation.override("en"):
        assert str(organisation) == "Anonymous organisation (erased)"
    assert organisation.organisation_type == overrides["organisation_type"]
    assert Reach.objects.get().organisation == organisation
