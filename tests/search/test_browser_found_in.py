"""A hit whose words are in an attached file, in a real Chromium: in both themes, on a phone and a
wide screen, the line that says so stands out between the hit's meta line and its snippet, stays
within the hit however long the file's name, and passes the WCAG 2.1 AA audit (contrast too)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from search import indexing
from tests.themes.test_browser import WCAG_21_AA
from tests.themes.test_switching import set_theme

from .files import attach, pdf, stored

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]

# One word longer than a phone is wide: it must wrap inside the line, not widen the page.
FILE = "Årsrapport för ungdomsarbetslöshetsförebyggandesamverkansprojektsutvärderingen 2026"


@pytest.fixture
def found_in_a_file(site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    attach(site.resource, stored(FILE, "rapport.pdf", pdf("Om kardemummabullar i skolan.")))
    indexing.rebuild()


def style(locator, *properties: str) -> list[str]:
    return [locator.evaluate(f"(element) => getComputedStyle(element)['{name}']") for name in properties]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("theme", ["default", "plain"])
def test_the_found_in_the_attachment_line_stands_out_fits_and_passes_the_audit(
    page, live_server, found_in_a_file, theme, width
):
    set_theme(theme)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/search/?q=kardemummabullar")
    hit = page.locator(".search__hits > li")
    line = hit.locator(".hit__found-in")
    expect(line).to_have_text(f"Hittat i bilagan ”{FILE}”")
    # Meta line, then this one, then the snippet quoting the file.
    assert hit.locator("p").evaluate_all("(ps) => ps.map((p) => p.className)") == [
        "hit__meta",
        "hit__found-in",
        "hit__snippet",
    ]
    # Set apart from the lines around it: the default theme's tag, the plain theme's rule.
    if theme == "default":
        assert style(line, "borderTopStyle", "display") == ["solid", "inline-flex"]
        assert style(line, "backgroundColor") != style(hit, "backgroundColor")
    else:
        assert style(line, "borderLeftWidth", "fontStyle") == ["3px", "italic"]
    outer, inner = hit.bounding_box(), line.bounding_box()
    assert outer["x"] <= inner["x"]
    assert inner["x"] + inner["width"] <= outer["x"] + outer["width"]
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    violations = Axe().run(page, context=".search__hits", options=WCAG_21_AA).response["violations"]
    assert [violation["id"] for violation in violations] == []
