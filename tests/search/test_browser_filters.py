"""The search on a phone and on a wide screen, in a real Chromium: hits first, filters folded."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]

PHONE = {"width": 390, "height": 844}


def first_hit_top(page) -> float:
    return page.locator(".search__hits > li").first.bounding_box()["y"]


@pytest.mark.parametrize("path", ["/search/", "/en/search/"])
def test_on_a_phone_the_first_hit_is_on_the_first_screen_and_the_filters_are_folded(
    page, live_server, site, path
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + path + "?q=malmö")
    filters = page.locator("details.search__facets")
    expect(filters).not_to_have_attribute("open", "")
    expect(page.locator(".facet").first).to_be_hidden()
    # Six facet groups above the hits put the first one about 1 600 px down; folded, about 560.
    assert first_hit_top(page) < PHONE["height"] * 3 / 4
    filters.locator("summary").click()
    expect(page.locator(".facet").first).to_be_visible()


def test_on_a_wide_screen_the_filters_are_open_beside_the_hits(page, live_server, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/search/?q=malmö")
    expect(page.locator("details.search__facets")).to_have_attribute("open", "")
    facet = page.locator(".facet").first.bounding_box()
    hit = page.locator(".search__hits > li").first.bounding_box()
    assert facet["x"] + facet["width"] <= hit["x"]
