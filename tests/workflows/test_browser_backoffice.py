"""The reviewer's screens in Chromium: no WCAG 2.1 AA violation at phone and desktop widths, no
page scrolling sideways, and the screener's claim → score → advance done with the keyboard alone."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.search.ideas import Pipeline
from tests.themes.test_browser import audit
from workflows.models import Idea, Stage

from .test_browser_journey import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]


#: Tables wider than the window whose hidden part no keyboard can scroll to: Wagtail's main area
#: hides what overflows it, so the page itself never scrolls sideways and cannot tell.
CUT_OFF_TABLES = """() => [...document.querySelectorAll("table")].filter(table => {
    if (table.getBoundingClientRect().right <= window.innerWidth) return false;
    for (let box = table.parentElement; box; box = box.parentElement) {
        const overflow = getComputedStyle(box).overflowX;
        if (overflow === "auto" || overflow === "scroll") return box.tabIndex < 0;
        if (overflow === "hidden" || overflow === "clip") return true;
    }
    return true;
}).map(table => table.closest("section, main")?.getAttribute("aria-labelledby") || "table")"""


def focused(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            return {tag: e.tagName, text: e.textContent.trim(), name: e.name || "", value: e.value || ""};
        }"""
    )


def tab_to(page: Page, matches, limit: int = 120) -> None:
    """Press Tab until the focused element is the one wanted, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if matches(focused(page)):
            return
    raise AssertionError(f"never reached by Tab; last focused: {focused(page)}")


def a_button(label: str):
    return lambda element: element["tag"] == "BUTTON" and element["text"] == label


def a_screening_idea():
    """An idea waiting for screening, and a screener (the pipeline's cast)."""
    pipeline = Pipeline.with_cast()
    return pipeline.at("screening"), pipeline.reviewers["screener"]


def test_the_reviewers_screens_pass_axe_and_never_scroll_sideways(page: Page, live_server):
    applicant, screener = a_screening_idea()
    base = live_server.url
    log_in(page, base, screener)
    idea_page = f"/admin/ideas/{applicant.idea.pk}/"
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for url in ("/admin/ideas/queue/", "/admin/ideas/", idea_page):
            assert audit(page, base + url) == [], (width, url)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (width, url, overflow)
            assert page.evaluate(CUT_OFF_TABLES) == [], (width, url)


def test_a_screener_claims_scores_and_advances_with_the_keyboard_alone(page: Page, live_server):
    applicant, screener = a_screening_idea()
    base = live_server.url
    log_in(page, base, screener)
    page.goto(f"{base}/admin/ideas/{applicant.idea.pk}/")

    tab_to(page, a_button("Claim"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Release to the queue")).to_be_visible()
    # Focus is on the outcome, which a screen reader then reads.
    expect(page.locator(":focus")).to_contain_text("You hold the task now.")

    for criterion in ("social_impact", "innovation", "feasibility", "scalability", "team_capacity"):
        tab_to(page, lambda element, name=criterion: element["name"] == name)
        page.keyboard.press("Space")  # the first of the scale, then across to 4
        for _ in range(3):
            page.keyboard.press("ArrowRight")
    tab_to(page, a_button("Submit my scores"))
    page.keyboard.press("Enter")
    expect(page.locator("section[aria-labelledby=idea-scores]")).to_contain_text("Social impact: 4")
    expect(page.locator(":focus")).to_contain_text("Your scores are saved")

    tab_to(page, a_button("Record the decision"))  # without a decision: the error takes the focus
    page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(":focus")).to_have_attribute("name", "code")
    page.keyboard.press("Space")
    while focused(page)["value"] != "advance":
        page.keyboard.press("ArrowRight")
    tab_to(page, a_button("Record the decision"))
    page.keyboard.press("Enter")
    expect(page.locator("[aria-labelledby=idea-where] dd").first).to_have_text("Support")
    assert applicant.refresh().stage == Stage.SUPPORT


def test_the_ideas_facts_wrap_within_a_phones_screen(page: Page, live_server):
    """A long address or challenge area breaks onto the next line rather than running under the
    edge of Wagtail's main area, which hides what overflows it."""
    applicant, screener = a_screening_idea()
    Idea.objects.filter(pk=applicant.idea.pk).update(
        contact_email="storstads-och-landsbygdsutveckling.kontakt@example.org"
    )
    log_in(page, live_server.url, screener)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/admin/ideas/{applicant.idea.pk}/")
    expect(page.locator(".idea-facts dd").first).to_be_visible()
    beyond = page.evaluate(
        """() => [...document.querySelectorAll(".idea-facts dd")]
            .filter(dd => dd.scrollWidth > dd.clientWidth
                || dd.getBoundingClientRect().right > window.innerWidth)
            .map(dd => dd.textContent.trim())"""
    )
    assert beyond == []
