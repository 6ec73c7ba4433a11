"""The manager's Figures screen and the funders' report on a phone (390 px) in Chromium: every
table can be scrolled to its last column, and the page itself never scrolls sideways."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.workflows.test_browser_backoffice import CUT_OFF_TABLES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]


def test_the_figures_and_the_report_fit_a_phone(page: Page, live_server, manager):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/admin/login/")
    page.fill("[name=username]", manager.username)
    page.fill("[name=password]", "x")
    page.get_by_role("button", name=re.compile("Sign in|Logga in")).click()
    expect(page).to_have_url(re.compile(r"/admin/"))
    for path in ("/admin/figures/", "/admin/figures/report/"):
        page.goto(live_server.url + path)
        expect(page.locator("table").first).to_be_visible()
        assert page.evaluate(CUT_OFF_TABLES) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
