"""The public site in a real headless Chromium: accessibility audit, phone layout, switching."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .test_switching import set_theme

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]


WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PHONE = {"width": 390, "height": 844}


def audit(page, url: str) -> list[str]:
    page.goto(url)
    result = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{violation['id']}: {node['target']}"
        for violation in result.response["violations"]
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("theme", ["default", "plain"])
def test_axe_finds_no_wcag_21_aa_violation(page, live_server, site_tree, theme):
    set_theme(theme)
    urls = [p.url for p in (site_tree.home, site_tree.article, site_tree.event, site_tree.resource_index)]
    urls += [site_tree.article_en.url, "/finns-inte/"]
    for width in (PHONE["width"], 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            assert audit(page, live_server.url + url) == [], (theme, width, url)


def test_the_phone_layout_never_scrolls_sideways(page, live_server, site_tree):
    page.set_viewport_size(PHONE)
    for p in site_tree.pages_sv:
        page.goto(live_server.url + p.url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, p.url


def test_the_skip_link_is_the_first_stop_and_shows_when_focused(page, live_server, site_tree):
    page.goto(live_server.url + site_tree.article.url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    expect(page.locator("a[href='#main']")).to_be_in_viewport(ratio=1)  # after its slide-in
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_the_language_switcher_lands_on_the_translated_article(page, live_server, site_tree):
    page.goto(live_server.url + site_tree.article.url)
    page.locator("a[hreflang='en']").first.click()
    page.wait_for_url(live_server.url + site_tree.article_en.url)
    assert page.locator("h1").inner_text() == site_tree.article_en.title
    assert page.locator("html").get_attribute("lang") == "en"


def test_no_request_leaves_the_site(page, live_server, site_tree):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for p in site_tree.pages_sv:
        page.goto(live_server.url + p.url)
    assert requested
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requested)


def test_key_figures_fit_their_cards_on_a_phone(page, live_server, site_tree):
    """Long Swedish compounds break inside the card (by the language's hyphenation) rather than
    spill out of it."""
    home = site_tree.home
    home.key_figures = [
        ("figure", {"value": "7", "label": "samhällsutmaningar", "live": ""}),
        ("figure", {"value": "4", "label": "samverkansparter", "live": ""}),
    ]
    home.save_revision().publish()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + home.url)
    spills = page.evaluate(
        """[...document.querySelectorAll('.key-figure')]
             .filter(card => card.scrollWidth > card.clientWidth)
             .map(card => card.textContent.trim())"""
    )
    assert page.locator(".key-figure").count() == 2
    assert spills == []
