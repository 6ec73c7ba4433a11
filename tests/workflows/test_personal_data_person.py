"""A person's personal data by their e-mail address, across the apps: the registry finds, exports
and erases their ideas, team memberships, event registrations and row in the register, and the
managers' Personal data screen in the Wagtail admin works it."""

import json

import pytest
from django.urls import reverse

from infra import personal_data
from infra.models import PersonalDataRequest
from reach.models import Person, Reach
from registrations.actions import Registrant, register
from registrations.models import Change, Registration
from tests.registrations.conftest import event  # noqa: F401 (the event registered for)
from workflows.models import AuditEntry, AuditEvent, Idea, TeamMember

from .test_backoffice_screens import login, messages_of

pytestmark = pytest.mark.django_db

PERSON = "sara.lind@example.org"


@pytest.fixture
def taxonomy(site_tree):
    return site_tree.challenge, site_tree.municipality


@pytest.fixture
def sara(submit, event):  # noqa: F811
    """Sara sent two ideas, is a team member on a third (Olle's), and registered for an event."""
    first = submit(title="Saras första idé", contact_email="Sara.Lind@example.org").idea
    second = submit(title="Saras andra idé", contact_email=PERSON).idea
    olles = submit(
        title="Olles idé",
        contact_email="olle@example.org",
        team_members=[("Sara Lind", "SARA.LIND@example.org")],
    ).idea
    registration = register(
        event.pk, Registrant(name="Sara Lind", email=PERSON, consent_processing=True), language="sv"
    )
    return {"ideas": [first, second], "olles": olles, "registration": registration, "event": event}


def test_the_registry_finds_everything_held_under_an_address(sara):
    found = {source.name: held for source, held in personal_data.find(" SARA.lind@Example.org ").items()}
    assert [held.label for held in found["ideas"]] == [idea.reference for idea in sara["ideas"]]
    assert [held.label for held in found["team_members"]] == [sara["olles"].reference]
    assert [held.label for held in found["registrations"]] == [sara["event"].title]
    assert len(found["register"]) == 1
    assert all(held == [] for held in personal_data.find("nobody@example.org").values())


def test_the_access_export_holds_every_source_and_is_logged_without_the_address(sara, manager):
    exported = personal_data.export(PERSON, manager)
    assert [idea["reference"] for idea in exported["ideas"]] == [idea.reference for idea in sara["ideas"]]
    assert exported["team_members"] == [
        {"idea": sara["olles"].reference, "name": "Sara Lind", "email": PERSON}
    ]
    [registration] = exported["registrations"]
    assert (registration["name"], registration["event"]) == ("Sara Lind", sara["event"].title)
    [person] = exported["register"]
    assert person["email"] == PERSON
    # Her registration reaches nobody until she is marked as having come.
    assert {reach["role"] for reach in person["reached"]} == {"contact", "team_member"}
    request = PersonalDataRequest.objects.get()
    assert (request.acting_user, request.action) == (manager, "exported")
    assert request.counts == {"ideas": 2, "team_members": 1, "registrations": 1, "register": 1}
    assert "sara" not in json.dumps(request.counts).lower()


def test_erasing_a_person_erases_them_everywhere_and_keeps_the_tally(sara, manager):
    reaches = Reach.objects.count()
    counts = personal_data.erase(PERSON, manager)

    assert counts == {"ideas": 2, "team_members": 1, "registrations": 1, "register": 1}
    for idea in sara["ideas"]:
        idea.refresh_from_db()
        assert (idea.erased is not None, idea.contact_email) == (True, "")
        assert AuditEntry.objects.filter(idea=idea, event=AuditEvent.PERSONAL_DATA_ERASED).count() == 1
    olles = Idea.objects.get(pk=sara["olles"].pk)
    assert (olles.erased, olles.contact_email) == (None, "olle@example.org")  # Olle's own idea stays
    assert TeamMember.objects.get(idea=olles).name == ""
    assert AuditEntry.objects.filter(idea=olles, event=AuditEvent.TEAM_MEMBER_ERASED).count() == 1
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.erased is not None) == ("", "", True)
    assert registration.log.filter(change=Change.ERASED).count() == 1
    [tally] = Person.objects.filter(erased__isnull=False)
    assert tally.email is None
    assert Person.objects.filter(email__isnull=False).count() == 1  # Olle
    assert Reach.objects.count() == reaches  # the figures count these
    assert PersonalDataRequest.objects.get().counts == counts
    assert all(held == [] for held in personal_data.find(PERSON).values())


def test_erasing_an_applicant_from_the_idea_page_erases_the_person_everywhere(client, sara, manager):
    login(client, manager)
    response = client.post(reverse("ideas:erase", args=[sara["ideas"][0].pk]), {"confirm": "on"})
    assert response.status_code == 302
    assert Registration.objects.get().erased is not None
    assert Idea.objects.filter(erased__isnull=False).count() == 2
    assert not Person.objects.filter(email=PERSON).exists()


def screen(client, name: str = "personal_data", **data):
    return client.post(reverse(name), data)


def test_a_reviewer_cannot_open_the_screen(client, sara, screener):
    login(client, screener)
    home = reverse("wagtailadmin_home")  # Wagtail's admin answers a refusal so
    assert client.get(reverse("personal_data"))["Location"] == home
    assert screen(client, email=PERSON)["Location"] == home
    assert screen(client, "personal_data_export", email=PERSON)["Location"] == home
    refused = screen(client, "personal_data_erase", email=PERSON, confirming="1", confirm="on")
    assert refused["Location"] == home
    assert Registration.objects.get().erased is None
    assert "personal-data" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_manager_finds_exports_and_erases_after_confirming(client, sara, manager):
    login(client, manager)
    assert "/admin/personal-data/" in client.get(reverse("wagtailadmin_home")).content.decode()  # the menu
    found = screen(client, email=PERSON).content.decode()
    for idea in (*sara["ideas"], sara["olles"]):
        assert idea.reference in found
    assert sara["event"].title in found

    download = screen(client, "personal_data_export", email=PERSON)
    assert download["Content-Disposition"].startswith('attachment; filename="personal-data-')
    assert json.loads(download.content)["registrations"][0]["name"] == "Sara Lind"
    assert client.get(reverse("personal_data_export")).status_code == 405

    asked = screen(client, "personal_data_erase", email=PERSON).content.decode()
    assert "What stays: an anonymous tally row" in asked
    unticked = screen(client, "personal_data_erase", email=PERSON, confirming="1")
    assert "Tick the box to confirm the erasure." in unticked.content.decode()
    assert Registration.objects.get().erased is None

    response = screen(client, "personal_data_erase", email=PERSON, confirming="1", confirm="on")
    assert response.status_code == 302
    assert messages_of(response)[-1].startswith("Erased (Ideas (as the contact person): 2")
    assert Registration.objects.get().erased is not None
    assert list(PersonalDataRequest.objects.values_list("action", flat=True)) == ["erased", "exported"]


@pytest.mark.parametrize("email", ["not an address", "", "nobody@example.org"])
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, sara, manager, email):
    login(client, manager)
    for name in ("personal_data", "personal_data_export", "personal_data_erase"):
        response = screen(client, name, email=email, confirming="1", confirm="on")
        shown = response.content.decode()
        assert (
            "Enter a valid email address." in shown
            or "This field is required." in shown
            or ("Nothing is held under this address." in messages_of(response))
        )
    assert Registration.objects.get().erased is None
    assert not Idea.objects.filter(erased__isnull=False).exists()
    assert not PersonalDataRequest.objects.exists()
