"""Completions under the search box, in a real Chromium: the script asks the suggest API as one types."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]


def test_completions_appear_under_the_search_box_as_one_types(page, live_server, site):
    page.goto(live_server.url + "/search/")
    with page.expect_response(lambda response: "/api/search/suggest/" in response.url) as answer:
        page.locator("#search-q").press_sequentially("samver", delay=30)
    assert answer.value.ok
    expect(page.locator("#search-suggestions option[value='samverkan']")).to_have_count(1)
    page.locator("#search-q").fill("samverkan")
    page.locator("#search-q").press("Enter")
    expect(page.locator(".search__results")).to_contain_text("Skånsk samverkan för sociala innovationer")
