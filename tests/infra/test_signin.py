"""Staff sign-in as an attacker and as staff meet it: the lock-out after repeated wrong
passwords, the password rules, and the second factor in front of the admin."""

import datetime

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.settings import base
from fixtures.data.accounts import ACCOUNTS
from tests.helpers import make_user
from workflows.groups import MANAGERS, ensure_reviewer_groups

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PROXY = "10.0.0.1"
START = datetime.datetime(2026, 12, 5, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def manager(db):
    ensure_reviewer_groups()
    return make_user("manager", MANAGERS)


@pytest.fixture
def screener(db):
    ensure_reviewer_groups()
    return make_user("screener", "Screening committee")


@pytest.fixture
def second_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def sign_in(client, username: str, password: str = "x"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def not_(right: str) -> str:
    return f"{(int(right) + 1) % 1_000_000:06d}"


# Lock-out


def test_thirty_wrong_passwords_lock_the_account_and_the_address_out_until_the_cool_off_ends(
    editor, moderator, frozen
):
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    answers = [sign_in(attacker, "editor", f"guess-{number}").status_code for number in range(30)]
    limit = django_settings.AXES_FAILURE_LIMIT
    assert answers[: limit - 1] == [200] * (limit - 1)  # the form again, with its error
    assert set(answers[limit:]) == {429}
    locked = sign_in(attacker, "editor")  # the right password is refused too
    assert locked.status_code == 429
    assert "Inloggningen är spärrad" in locked.content.decode()
    assert "editor" not in locked.content.decode().split("<main", 1)[1]

    # The account is locked from anywhere, and the address for every account.
    assert sign_in(Client(REMOTE_ADDR="198.51.100.7"), "editor").status_code == 429
    assert sign_in(attacker, "moderator").status_code == 429

    frozen.shift(django_settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=30))
    assert sign_in(Client(REMOTE_ADDR="198.51.100.7"), "editor").status_code == 429
    frozen.shift(datetime.timedelta(minutes=1))
    response = sign_in(Client(REMOTE_ADDR="198.51.100.7"), "editor")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_behind_the_proxy_the_lock_out_holds_the_attacker_not_everyone_else(
    editor, moderator, settings, frozen
):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
    for number in range(30):
        # A fresh leftmost X-Forwarded-For each time buys nothing.
        attacker.defaults["HTTP_X_FORWARDED_FOR"] = f"198.51.100.{number}, 203.0.113.5"
        sign_in(attacker, f"nobody-{number}", "guess")
    assert sign_in(attacker, "moderator").status_code == 429
    colleague = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.6")
    response = sign_in(colleague, "moderator")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_right_password_clears_the_earlier_failures(editor, frozen):
    client = Client()
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "editor", "guess")
    assert sign_in(client, "editor").status_code == 302
    client.post("/admin/logout/")
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "editor", "guess")
    assert sign_in(client, "editor").status_code == 302


# Password rules


@pytest.mark.parametrize("password", ["Summer2026", "password1234", "qwertyuiop123", "123456789012"])
def test_short_or_common_passwords_are_refused(editor, password):
    with pytest.raises(ValidationError):
        validate_password(password, editor)


def test_a_long_uncommon_password_and_the_demo_passwords_pass_the_rules(editor):
    validate_password("tre-gröna-kaffekoppar-i-Lund", editor)
    for account in ACCOUNTS:
        user = make_user(f"demo-{account['username']}")
        user.username = account["username"]
        validate_password(account["password"], user)


def test_staff_sessions_last_a_working_day_and_production_requires_the_second_factor():
    assert base.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert base.TWO_FACTOR_REQUIRED is True
    assert base.TWO_FACTOR_EXEMPT_USERNAMES == []


# Second factor


@pytest.mark.parametrize("address", ["/admin/", "/admin/pages/", "/admin/users/", "/admin/account/"])
@pytest.mark.parametrize("who", ["manager", "superuser"])
def test_a_manager_or_superuser_without_an_app_is_sent_to_set_one_up_before_any_admin_page(
    second_factor_required, manager, who, address
):
    user = manager if who == "manager" else make_user("root", superuser=True)
    client = Client()
    assert sign_in(client, user.username).status_code == 302
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/set-up/?next=")


def test_someone_else_without_an_app_goes_straight_in(second_factor_required, screener):
    client = Client()
    sign_in(client, "screener")
    assert client.get("/admin/").status_code == 200


def test_setting_up_the_app_takes_a_code_from_it(second_factor_required, manager, frozen):
    client = Client()
    sign_in(client, "manager")
    page = client.get("/admin/two-factor/set-up/?next=/admin/pages/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    assert "".join(page.context["secret"].split()) in page.content.decode().replace(" ", "")

    wrong = client.post("/admin/two-factor/set-up/", {"code": not_(code(device)), "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "Koden stämmer inte" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    frozen.shift(datetime.timedelta(seconds=31))  # past the wait after a wrong code
    right = client.post("/admin/two-factor/set-up/", {"code": code(device), "next": "/admin/pages/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


@pytest.fixture
def managers_app(manager):
    return TOTPDevice.objects.create(user=manager, name="Telefon", confirmed=True)


def test_with_an_app_a_correct_code_lets_the_manager_in_and_a_wrong_one_does_not(
    second_factor_required, managers_app, frozen
):
    client = Client()
    assert sign_in(client, "manager")["Location"] == "/admin/"
    asked = client.get("/admin/")
    assert asked.status_code == 302
    assert asked["Location"] == "/admin/two-factor/?next=%2Fadmin%2F"

    wrong = client.post("/admin/two-factor/", {"code": not_(code(managers_app)), "next": "/admin/"})
    assert wrong.status_code == 200
    assert "Koden stämmer inte" in wrong.content.decode()
    assert client.get("/admin/account/").status_code == 302

    frozen.shift(datetime.timedelta(seconds=31))
    right = client.post("/admin/two-factor/", {"code": code(managers_app), "next": "/admin/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/"
    assert client.get("/admin/account/").status_code == 200


def test_a_code_once_used_does_not_let_a_second_session_in(second_factor_required, managers_app, frozen):
    first, second = Client(), Client()
    for client in (first, second):
        sign_in(client, "manager")
    used = code(managers_app)
    assert first.post("/admin/two-factor/", {"code": used})["Location"] == "/admin/"
    assert second.post("/admin/two-factor/", {"code": used}).status_code == 200


def test_the_password_alone_cannot_replace_the_app(second_factor_required, managers_app):
    client = Client()
    sign_in(client, "manager")
    response = client.get("/admin/two-factor/set-up/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/?next=")
    assert list(TOTPDevice.objects.filter(user=managers_app.user)) == [managers_app]


def test_anyone_with_an_app_is_asked_for_its_code_and_finds_it_on_their_account_page(screener):
    client = Client()
    sign_in(client, "screener")
    assert "/admin/two-factor/set-up/" in client.get("/admin/account/").content.decode()
    TOTPDevice.objects.create(user=screener, name="Telefon", confirmed=True)
    client.post("/admin/logout/")
    sign_in(client, "screener")
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/")


def test_only_the_development_settings_let_the_demo_manager_in_without_an_app(
    second_factor_required, manager, settings
):
    from cms.settings import dev

    settings.TWO_FACTOR_EXEMPT_USERNAMES = dev.TWO_FACTOR_EXEMPT_USERNAMES
    client = Client()
    sign_in(client, "manager")
    assert client.get("/admin/").status_code == 200
    assert {account["username"] for account in ACCOUNTS} <= set(dev.TWO_FACTOR_EXEMPT_USERNAMES)
