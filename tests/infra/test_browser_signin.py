"""A programme manager's first and second sign-in in a real Chromium: password, then the
authenticator app, set up from the page's key and then asked for on every sign-in."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect
from wagtail.users.models import UserProfile

from tests.helpers import make_user
from workflows.groups import MANAGERS, ensure_reviewer_groups

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]


def app_code(key: bytes, steps_ahead: int = 0) -> str:
    """What the manager's phone shows (or will show: each code is accepted once, so the second
    sign-in uses the next one, which the app's tolerance of one step accepts)."""
    return f"{totp(key, t0=-30 * steps_ahead):06d}"


def enter_password(page: Page, base: str) -> None:
    page.goto(base + "/admin/login/")
    page.fill("[name=username]", "manager")
    page.fill("[name=password]", "x")
    page.get_by_role("button", name=re.compile("Sign in|Logga in")).click()


def test_a_manager_sets_up_the_app_then_signs_in_with_password_and_code(page: Page, live_server, settings):
    settings.TWO_FACTOR_REQUIRED = True
    ensure_reviewer_groups()
    manager = make_user("manager", MANAGERS)
    profile = UserProfile.get_for_user(manager)
    profile.preferred_language = "en"
    profile.save()
    base = live_server.url

    enter_password(page, base)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/set-up/\?next=%2Fadmin%2F$"))
    expect(page.locator("figure svg")).to_be_visible()
    key = b32decode(page.locator("[data-secret]").inner_text().replace(" ", ""))
    page.get_by_label("Code from your authenticator app").fill(app_code(key))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_text("Two-factor sign-in is on")).to_be_visible()

    page.context.clear_cookies()
    enter_password(page, base)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/\?next=%2Fadmin%2F$"))
    page.get_by_label("Code from your authenticator app").fill(app_code(key, 1))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
