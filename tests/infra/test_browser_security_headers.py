"""In a real Chromium, no page breaks its Content-Security-Policy: the public pages (as a visitor and
as staff, with Wagtail's user bar), the admin dashboard, an idea's page and the page editor."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.helpers import make_user
from tests.search.ideas import Pipeline
from tests.workflows.test_browser_journey import log_in, submit_idea

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]

# Runs before any script of the page; the browser fires the event for every blocked resource.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


class Recorder:
    """The CSP violations of each page visited, from the page's event and from the console."""

    def __init__(self, page: Page):
        self.page = page
        self.found: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on(
            "console",
            lambda message: (
                self.found.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def collect(self) -> None:
        self.page.wait_for_load_state("networkidle")
        self.found.extend(f"{self.page.url}: {v}" for v in self.page.evaluate("window.cspViolations"))

    def visit(self, url: str) -> None:
        self.page.goto(url)
        self.collect()


def public_urls(site_tree, showcased) -> list[str]:
    return [
        *(page.url for page in site_tree.pages_sv + site_tree.pages_en),
        reverse("search") + "?q=samverkan",
        "/en/search/?q=innovation",
        reverse("showcase:listing"),
        reverse("showcase:idea", kwargs={"reference": showcased.idea.reference}),
        reverse("idea_status:link", kwargs={"token": showcased.secret}),
        "/finns-inte/",
    ]


def test_no_page_breaks_its_content_security_policy(page, live_server, site_tree, intake):
    pipeline = Pipeline.with_cast()
    showcased = pipeline.at("support", consent_showcase=True)
    base = live_server.url
    recorder = Recorder(page)

    submit_idea(page, base, intake[0].url, site_tree)  # the form, sent from the page
    page.wait_for_url(f"**{intake[0].url}receipt/")
    recorder.collect()  # the receipt
    for url in public_urls(site_tree, showcased):
        recorder.visit(base + url)

    log_in(page, base, pipeline.reviewers["screener"])
    for url in ("/admin/", "/admin/ideas/", f"/admin/ideas/{showcased.idea.pk}/", site_tree.article.url):
        recorder.visit(base + url)
    assert page.locator("wagtail-userbar").count() == 1  # staff see the user bar on public pages

    log_in(page, base, make_user("editor", "Editors"))
    recorder.visit(base + f"/admin/pages/{site_tree.article.pk}/edit/")  # rich text, choosers, preview

    assert recorder.found == []
