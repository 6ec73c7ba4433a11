"""A submitted idea puts its organisation and contact person in the register of whom the programme
reached, with the time it reached them; the contact person's gender and age band are optional."""

import pytest
from django.core import mail

from reach.models import Organisation, Person, Reach
from workflows import errors
from workflows.models import Idea

from .helpers import ORGANISATION_NUMBER
from .test_public_intake import form_data

pytestmark = pytest.mark.django_db


def test_a_submission_registers_its_organisation_contact_person_and_reach(submit):
    idea = submit(contact_email="Amina@Example.org", contact_gender="woman", contact_age_band="25_34").idea
    organisation, person = idea.organisation, idea.contact_person
    assert (organisation.organisation_number, organisation.name) == (
        ORGANISATION_NUMBER,
        "Läxhjälpen ideell förening",
    )
    assert (organisation.organisation_type, organisation.is_enterprise) == ("idea_driven", False)
    assert (person.email, person.gender, person.age_band) == ("amina@example.org", "woman", "25_34")
    assert (person.municipality, person.first_reached) == (idea.municipality, idea.created)
    reach = Reach.objects.get()
    assert (reach.channel, reach.source, reach.role) == ("idea", idea.reference, "contact")
    assert (reach.person, reach.organisation, reach.reached) == (person, organisation, idea.created)


def test_the_same_number_in_another_format_is_the_same_organisation(submit):
    first = submit().idea
    second = submit(
        organisation_number=ORGANISATION_NUMBER.replace("-", ""), contact_email="olle@example.org"
    ).idea
    assert first.organisation == second.organisation
    assert Organisation.objects.count() == 1
    assert Person.objects.count() == 2


def test_an_idea_without_a_number_gets_its_own_organisation_never_an_enterprise(submit):
    first = submit(
        organisation_type="company", organisation_name="Ännu ej registrerat", organisation_number=""
    ).idea
    second = submit(
        organisation_type="company", organisation_name="Ännu ej registrerat", organisation_number=""
    ).idea
    assert first.organisation != second.organisation
    assert {first.organisation.organisation_number, second.organisation.organisation_number} == {None}
    assert not Organisation.objects.filter(is_enterprise=True).exists()


def test_an_individual_is_registered_under_their_name(submit):
    idea = submit(organisation_type="individual", organisation_name="", organisation_number="").idea
    assert (idea.organisation.name, idea.organisation.organisation_type) == ("Amina Rahimi", "individual")


def test_a_later_idea_fills_what_was_not_declared_and_keeps_what_was(submit):
    submit(contact_gender="other")
    idea = submit(contact_gender="man", contact_age_band="65_plus").idea
    person = Person.objects.get()
    assert (person.gender, person.age_band) == ("other", "65_plus")
    assert Reach.objects.filter(person=person).count() == 2
    assert idea.contact_person == person


@pytest.mark.parametrize("field", ["contact_gender", "contact_age_band"])
def test_an_unknown_answer_is_refused_and_nothing_is_stored(submit, field):
    with pytest.raises(errors.InvalidInput) as error:
        submit(**{field: "robot"})
    assert set(error.value.errors) == {field}
    assert not (Idea.objects.exists())
    assert not (Organisation.objects.exists())
    assert not (Person.objects.exists())


@pytest.mark.parametrize(
    ("language", "why"),
    [
        ("sv", "våra finansiärer efterfrågar siffror uppdelade på kön"),
        ("en", "funders ask for figures broken down by gender"),
    ],
)
def test_the_form_asks_gender_and_age_saying_why_and_never_requires_them(
    client, intake, site_tree, language, why, django_capture_on_commit_callbacks
):
    page = intake[0] if language == "sv" else intake[1]
    form = client.get(page.url).content.decode()
    assert why in form
    assert 'name="contact_gender"' in form
    assert 'name="contact_age_band"' in form

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, form_data(client, page, site_tree))
    assert response.status_code == 302
    person = Idea.objects.get().contact_person
    assert (person.gender, person.age_band) == ("", "")

    data = form_data(client, page, site_tree, contact_email="olle@example.org", contact_gender="undisclosed")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page.url, {**data, "contact_age_band": "under_25"})
    assert Person.objects.get(email="olle@example.org").gender == "undisclosed"
    assert len(mail.outbox) == 2
