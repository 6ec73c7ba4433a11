"""Managers and pilot coordinators correct the register's organisations in the admin; bad input
gets a clear message and changes nothing; reviewers without the right do not see the register."""

import pytest
from django.urls import reverse

from reach.actions import erase_organisation, organisation_for
from reach.models import Organisation
from tests.workflows.test_backoffice_screens import login

pytestmark = pytest.mark.django_db

NUMBER = "556036-0793"


@pytest.fixture
def registered():
    return [
        organisation_for(NUMBER, name="Läxhjälpen AB", organisation_type="company"),
        organisation_for("802945-8075", name="Grannar ideell förening", organisation_type="idea_driven"),
    ]


def edit_url(organisation) -> str:
    return reverse("wagtailsnippets_reach_organisation:edit", args=[organisation.pk])


def form(organisation, **changes) -> dict:
    data = {
        "name": organisation.name,
        "organisation_number": organisation.organisation_number or "",
        "organisation_type": organisation.organisation_type,
        "size_class": organisation.size_class,
        "registration_date": "",
    }
    if organisation.is_enterprise:
        data["is_enterprise"] = "on"
    return {**data, **changes}


def test_a_manager_lists_searches_and_filters_the_organisations(client, manager, registered):
    login(client, manager)
    url = reverse("wagtailsnippets_reach_organisation:list")
    assert "Grannar ideell förening" in client.get(url).text
    found = client.get(url, {"q": "556036"}).text
    assert "Läxhjälpen AB" in found
    assert "Grannar" not in found
    found = client.get(url, {"q": "grannar"}).text
    assert "Grannar ideell förening" in found
    assert "Läxhjälpen AB" not in found
    found = client.get(url, {"is_enterprise": "true"}).text
    assert "Läxhjälpen AB" in found
    assert "Grannar" not in found
    found = client.get(url, {"organisation_type": "idea_driven"}).text
    assert "Grannar ideell förening" in found
    assert "Läxhjälpen AB" not in found


def test_a_coordinator_corrects_an_organisation_and_the_number_is_stored_normalised(
    client, coordinator, registered
):
    association = registered[1]
    login(client, coordinator)
    response = client.post(
        edit_url(association),
        form(
            association,
            is_enterprise="on",
            size_class="micro",
            registration_date="2024-02-01",
            organisation_number="8029458075",
        ),
    )
    assert response.status_code == 302
    association.refresh_from_db()
    assert (association.is_enterprise, association.size_class) == (True, "micro")
    assert (association.organisation_number, str(association.registration_date)) == (
        "802945-8075",
        "2024-02-01",
    )


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("802945-8076", "its check digit is wrong"),
        ("5560360793", "Läxhjälpen AB already has this number: one organisation number is one organisation."),
    ],
)
def test_a_bad_or_taken_number_is_refused_with_a_message_and_changes_nothing(
    client, manager, registered, number, message
):
    association = registered[1]
    login(client, manager)
    response = client.post(
        edit_url(association), form(association, organisation_number=number, size_class="small")
    )
    assert response.status_code == 200
    assert message in response.text
    association.refresh_from_db()
    assert (association.organisation_number, association.size_class) == ("802945-8075", "")


def test_an_erased_organisation_keeps_no_name_or_number(client, manager):
    organisation = organisation_for("811228-9874", name="Amina Rahimi Konsult", organisation_type="company")
    erase_organisation(organisation)
    login(client, manager)
    response = client.post(
        edit_url(organisation),
        form(organisation, name="Amina", organisation_number=NUMBER, size_class="micro"),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.organisation_number, organisation.size_class) == (
        "",
        None,
        "micro",
    )


def test_reviewers_without_the_right_do_not_reach_the_register(client, screener, registered):
    login(client, screener)
    assert client.get(reverse("wagtailsnippets_reach_organisation:list")).status_code in (302, 403)
    response = client.post(edit_url(registered[0]), form(registered[0], name="Kapat"))
    assert response.status_code in (302, 403)
    assert Organisation.objects.filter(name="Kapat").count() == 0


def test_the_register_speaks_swedish_to_a_swedish_manager(client, manager, registered):
    client.force_login(manager)  # the profile's language: Swedish, the site's default
    response = client.get(reverse("wagtailsnippets_reach_organisation:edit", args=[registered[1].pk]))
    assert "Producerar varor eller tjänster" in response.text
    assert "Mikro (färre än 10)" in response.text
