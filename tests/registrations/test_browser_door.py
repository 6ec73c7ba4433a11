"""The attendance screen on a phone (390 px wide) in a real Chromium: the door staff sign in, tick a
registrant, find one by typing, let a walk-in in; nothing is wider than the screen and every
button is big enough to tap."""

import re

import pytest
from playwright.sync_api import Page, expect

from reach.models import Reach
from registrations.models import Registration, Status
from tests.workflows.test_browser_backoffice import CUT_OFF_TABLES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]

PHONE = {"width": 390, "height": 844}

NO_OVERFLOW = """() => {
  const main = document.querySelector("#main");
  return document.documentElement.scrollWidth <= window.innerWidth && main.scrollWidth <= main.clientWidth;
}"""


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/admin/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", "x")
    page.get_by_role("button", name=re.compile("Sign in|Logga in")).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_door_staff_tick_a_registrant_and_let_a_walk_in_in_on_a_phone(
    page: Page, live_server, event_now, door_staff
):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, door_staff.username)
    page.goto(live_server.url + f"/admin/registrations/{event_now.pk}/")
    page.get_by_role("link", name="Närvaro vid entrén").click()
    expect(page.locator(".door-counts")).to_contain_text("Med plats3")
    assert page.evaluate(NO_OVERFLOW)

    button = page.get_by_role("button", name="Deltagare 2 kom")
    assert button.bounding_box()["height"] >= 44
    button.click()
    second = Registration.objects.get(email="deltagare2@example.org")
    expect(page).to_have_url(re.compile(rf"#registration-{second.pk}$"))
    expect(page.get_by_role("status")).to_contain_text("Deltagare 2 är markerad som närvarande.")
    expect(page.get_by_role("button", name="Ångra: Deltagare 2 kom inte")).to_be_visible()
    assert Reach.objects.filter(person=second.person).exists()

    page.get_by_label("Sök på namn eller organisation").fill("tagare 3")
    expect(page.get_by_role("button", name="Deltagare 1 kom")).to_be_hidden()
    expect(page.get_by_role("button", name="Deltagare 3 kom")).to_be_visible()
    page.get_by_label("Sök på namn eller organisation").fill("")

    form = page.locator(".door-walk-in form")
    form.get_by_label(re.compile(r"^Namn")).fill("Vera Dörr")
    form.get_by_label(re.compile(r"^E-post")).fill("vera@example.org")
    form.get_by_label("Kvinna").check()
    form.get_by_label("Personen godkänner", exact=False).check()
    assert page.evaluate(NO_OVERFLOW)
    form.get_by_role("button", name="Släpp in").click()
    expect(page.get_by_role("status")).to_contain_text("Vera Dörr är insläppt och markerad som närvarande.")
    expect(page.locator(".door-counts")).to_contain_text("Närvarade2")
    expect(page.locator(".door-counts")).to_contain_text("Anmälda på plats1")
    vera = Registration.objects.get(email="vera@example.org")
    assert (vera.status, vera.walk_in, vera.person.gender) == (Status.SEATED, True, "woman")
    assert vera.attended is not None
    assert page.evaluate(NO_OVERFLOW)


def test_the_registration_tables_can_be_scrolled_to_their_last_column_on_a_phone(
    page: Page, live_server, event_now, door_staff
):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, door_staff.username)
    for path in ("/admin/registrations/", f"/admin/registrations/{event_now.pk}/"):
        page.goto(live_server.url + path)
        assert page.evaluate(CUT_OFF_TABLES) == [], path
