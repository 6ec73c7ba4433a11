"""The attendance screen in the Wagtail admin: who may see it and who may tick, each tick a POST
that comes back to its row with a message, the walk-in form's refusals that store nothing."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from reach.models import Reach
from registrations.models import Registration, RegistrationLog, Status
from tests.helpers import make_user

pytestmark = pytest.mark.django_db

WALK_IN = {
    "name": "Vera Dörr",
    "email": "vera@example.org",
    "organisation_name": "",
    "organisation_number": "",
    "gender": "woman",
    "age_band": "",
    "consent_processing": "on",
}


def screen_url(event) -> str:
    return reverse("registrations_attendance", args=[event.pk])


def seated(event, number: int) -> Registration:
    return Registration.objects.get(event=event, email=f"deltagare{number}@example.org")


@pytest.fixture
def viewer(db):
    """May see the lists, not tick."""
    user = make_user("lasare")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_registration")
    )
    return user


def test_door_staff_see_the_counts_and_everyone_seated_by_name(client, event_now, door_staff):
    client.force_login(door_staff)
    html = client.get(screen_url(event_now)).content.decode()

    assert "<dt>Med plats</dt><dd>3</dd>" in html
    assert "<dt>Närvarade</dt><dd>0</dd>" in html
    assert "<dt>Anmälda på plats</dt><dd>0</dd>" in html
    assert html.index("Deltagare 1") < html.index("Deltagare 2") < html.index("Deltagare 3")
    assert html.count('aria-label="Deltagare 1 kom"') == 1
    assert "Anmäl en deltagare på plats" in html
    filtered = client.get(screen_url(event_now), {"q": "tagare 2"}).content.decode()
    assert "Deltagare 2" in filtered
    assert "Deltagare 1 kom" not in filtered


def test_a_tick_comes_back_to_its_row_with_a_message_and_can_be_undone(client, event_now, door_staff):
    client.force_login(door_staff)
    registration = seated(event_now, 2)
    tick = reverse("registrations_tick", args=[event_now.pk, registration.pk])

    response = client.post(tick, {"q": "tagare"})
    assert response.status_code == 302
    assert response["Location"] == screen_url(event_now) + f"?q=tagare#registration-{registration.pk}"
    html = client.get(response["Location"]).content.decode()
    assert "Deltagare 2 är markerad som närvarande." in html
    assert "<dt>Närvarade</dt><dd>1</dd>" in html
    assert 'aria-label="Ångra: Deltagare 2 kom inte"' in html
    assert Reach.objects.filter(person=registration.person).count() == 1

    client.post(tick, {"undo": "1"})
    html = client.get(screen_url(event_now)).content.decode()
    assert "Närvaromarkeringen för Deltagare 2 är ångrad." in html
    assert not Reach.objects.exists()


def test_a_second_tick_says_so_and_changes_nothing(client, event_now, door_staff):
    client.force_login(door_staff)
    registration = seated(event_now, 1)
    tick = reverse("registrations_tick", args=[event_now.pk, registration.pk])
    client.post(tick)
    logged = RegistrationLog.objects.count()

    client.post(tick)

    assert (
        "Deltagare 1 är redan markerad som närvarande." in client.get(screen_url(event_now)).content.decode()
    )
    assert RegistrationLog.objects.count() == logged


def test_a_walk_in_is_let_in_and_the_same_address_again_is_marked_not_duplicated(
    client, event_now, door_staff
):
    client.force_login(door_staff)
    walk_in = reverse("registrations_walk_in", args=[event_now.pk])

    response = client.post(walk_in, WALK_IN)
    vera = Registration.objects.get(email="vera@example.org")
    assert response["Location"].endswith(f"#registration-{vera.pk}")
    assert (vera.status, vera.walk_in, vera.attended is not None) == (Status.SEATED, True, True)
    assert (
        "Vera Dörr är insläppt och markerad som närvarande."
        in client.get(response["Location"]).content.decode()
    )

    client.post(walk_in, {**WALK_IN, "email": "Deltagare3@example.org", "name": "D3"})
    html = client.get(screen_url(event_now)).content.decode()
    assert "D3 var redan anmäld med den här e-postadressen" not in html  # the registered name is used
    assert "Deltagare 3 var redan anmäld med den här e-postadressen: markerad som närvarande" in html
    assert Registration.objects.filter(email="deltagare3@example.org").count() == 1
    assert "<dt>Närvarade</dt><dd>2</dd>" in html
    assert "<dt>Anmälda på plats</dt><dd>1</dd>" in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"consent_processing": ""}, "Fråga först om personens samtycke: utan det sparas ingenting."),
        ({"email": "inte-en-adress"}, "Ange en giltig mejladress."),
        ({"organisation_number": "556036-0794"}, "Organisationsnumret finns inte: kontrollsiffran är fel."),
        ({"gender": "robot"}, "Välj ett giltigt alternativ. robot finns inte bland tillgängliga alternativ."),
    ],
    ids=["no consent", "bad e-mail", "bad organisation number", "unknown gender"],
)
def test_a_refused_walk_in_says_why_and_stores_nothing(client, event_now, door_staff, change, message):
    client.force_login(door_staff)
    registrations, reaches = Registration.objects.count(), Reach.objects.count()

    response = client.post(reverse("registrations_walk_in", args=[event_now.pk]), {**WALK_IN, **change})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert (Registration.objects.count(), Reach.objects.count()) == (registrations, reaches)


def test_someone_who_may_only_view_sees_no_ticks_and_is_refused_a_tick(client, event_now, viewer):
    client.force_login(viewer)
    html = client.get(screen_url(event_now)).content.decode()
    assert "Deltagare 1" in html
    assert "kom</button>" not in html.lower()
    assert "Anmäl en deltagare på plats" not in html

    registration = seated(event_now, 1)
    registrations = Registration.objects.count()
    # Wagtail's admin answers a refused permission with a redirect to its dashboard and a message.
    refused = client.post(reverse("registrations_tick", args=[event_now.pk, registration.pk]))
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    refused = client.post(reverse("registrations_walk_in", args=[event_now.pk]), WALK_IN)
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert not Reach.objects.exists()
    assert Registration.objects.count() == registrations


def test_without_the_view_permission_the_screen_is_refused(client, event_now, editor):
    client.force_login(editor)
    response = client.get(screen_url(event_now))
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_a_tick_without_the_csrf_token_is_refused(event_now, door_staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(door_staff)
    registration = seated(event_now, 1)

    response = client.post(reverse("registrations_tick", args=[event_now.pk, registration.pk]))

    assert response.status_code == 403
    assert not Reach.objects.exists()


def test_outside_the_event_days_the_screen_offers_no_ticks(client, event, door_staff):
    from registrations import actions

    from .conftest import registrant

    actions.register(event.pk, registrant(1), language="sv")  # the event is days away
    client.force_login(door_staff)
    html = client.get(screen_url(event)).content.decode()
    assert "Närvaro kan markeras från dagen evenemanget börjar" in html
    assert "kom</button>" not in html.lower()
