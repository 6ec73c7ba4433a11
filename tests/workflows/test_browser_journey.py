"""The idea pipeline's whole journey in a real Chromium, as the issue's "done when" tells it.

A visitor submits an idea on the public form and follows it by the link in the receipt e-mail;
the screener claims, scores and advances it in the Wagtail admin; the advisor logs support and
advances it; the coordinator plans the pilot, takes it to market and graduates it. Every step
is on the idea's timeline and in the applicant's e-mails.
"""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect
from wagtail.users.models import UserProfile

from tests.search.ideas import Pipeline
from tests.themes.test_browser import audit
from tests.themes.test_switching import set_theme
from workflows.models import Idea, Stage, Status

from .helpers import ORGANISATION_NUMBER

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("browser_database"),
]

APPLICANT = "amina@example.org"


def fill_idea(page: Page, site_tree, organisation_number: str = ORGANISATION_NUMBER) -> None:
    """The idea form's required fields, as an applicant fills them in."""
    page.fill("[name=title]", "Läxhjälp på biblioteket")
    page.fill("[name=summary]", "Unga vuxna ger läxhjälp till högstadieelever på Malmös bibliotek.")
    page.check(f"[name=challenge_areas][value='{site_tree.challenge.pk}']")
    page.select_option("[name=municipality]", str(site_tree.municipality.pk))
    page.check("[name=organisation_type][value=idea_driven]")
    page.fill("[name=organisation_name]", "Läxhjälpen ideell förening")
    page.fill("[name=organisation_number]", organisation_number)
    page.fill("[name=contact_name]", "Amina Rahimi")
    page.fill("[name=contact_email]", APPLICANT)
    page.check("[name=consent_processing]")


def submit_idea(page: Page, base: str, form_url: str, site_tree) -> None:
    page.goto(base + form_url)
    fill_idea(page, site_tree)
    page.get_by_label("Kvinna", exact=True).check()  # optional, as the form says next to it
    page.get_by_label("Ålder (frivilligt)").select_option("25_34")
    page.get_by_label("Teammedlem 1: namn").fill("Olle Berg")
    page.get_by_label("Teammedlem 1: e-post").fill("Olle.Berg@example.org")
    page.get_by_role("button", name="Skicka in idén").click()


def applicant_emails() -> list:
    return [message for message in mail.outbox if message.to == [APPLICANT]]


def log_in(page: Page, base: str, user) -> None:
    """Log in through the admin's own login form, with the admin in English."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("[name=username]", user.username)
    page.fill("[name=password]", "x")
    page.get_by_role("button", name=re.compile("Sign in|Logga in")).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def task_form(page: Page, button: str):
    return page.locator("form", has=page.get_by_role("button", name=button, exact=True))


def claim(page: Page) -> None:
    task_form(page, "Claim").get_by_role("button").click()
    expect(page.get_by_text("Release to the queue")).to_be_visible()


def expect_stage(page: Page, label: str) -> None:
    expect(page.locator("[aria-labelledby=idea-where] dd").first).to_have_text(label)


def decide(page: Page, code: str) -> None:
    form = task_form(page, "Record the decision")
    form.locator(f"input[name=code][value={code}]").check()
    form.locator("[name=public_feedback]").fill(f"Beslut: {code}.")
    form.get_by_role("button").click()


def test_an_idea_goes_from_the_public_form_to_graduation(
    page: Page, live_server, site_tree, intake, screener, advisor, coordinator
):
    base = live_server.url
    submit_idea(page, base, intake[0].url, site_tree)
    # The receipt names the reference (its resend form's hint holds an example of one too).
    expect(page.locator("strong").filter(has_text=re.compile(r"^SIS-\d{4}-\d+$"))).to_be_visible()
    idea = Idea.objects.get()
    assert (idea.contact_person.gender, idea.contact_person.age_band) == ("woman", "25_34")
    [member] = idea.team_members.all()
    assert (member.name, member.person.email) == ("Olle Berg", "olle.berg@example.org")
    assert member.person.reaches.get().role == "team_member"

    [receipt] = applicant_emails()
    status_link = re.search(r"http://[^/\s]+(/\S*ideas/status/[\w-]+/)", receipt.body).group(1)
    page.goto(base + status_link)
    expect(page).to_have_url(base + "/ideas/status/")  # the link's secret is kept in the session
    expect(page.get_by_role("heading", level=1)).to_contain_text(idea.title)
    expect(page.locator("dd", has_text="Inlämnad")).to_be_visible()

    # Screening: the task waits in the screening committee's queue.
    log_in(page, base, screener)
    page.goto(base + "/admin/ideas/queue/")
    page.get_by_role("link", name=idea.title).click()
    claim(page)
    scores = task_form(page, "Submit my scores")
    for radio in scores.locator("input[type=radio][value='4']").all():
        radio.check()
    scores.get_by_role("button").click()
    expect(page.locator("section[aria-labelledby=idea-scores]")).to_contain_text("Social impact: 4")
    decide(page, "advance")
    expect_stage(page, "Support")

    # Support: the advisor logs an activity and advances the idea.
    log_in(page, base, advisor)
    page.goto(base + "/admin/ideas/queue/")
    page.get_by_role("link", name=idea.title).click()
    claim(page)
    activity = task_form(page, "Log the activity")
    activity.locator("[name=date]").fill("2026-11-20")
    activity.locator("[name=activity_type]").select_option("coaching")
    activity.locator("[name=hours]").fill("2.5")
    activity.get_by_role("button").click()
    decide(page, "advance")
    expect_stage(page, "Pilot")

    # Pilot and market: the coordinator plans, takes it to market, records the outcome, graduates.
    log_in(page, base, coordinator)
    page.goto(base + f"/admin/ideas/{idea.pk}/")
    claim(page)
    plan = task_form(page, "Save the pilot plan")
    plan.locator("[name=start]").fill("2026-12-01")
    plan.locator("[name=end]").fill("2027-03-01")
    plan.locator("[name=success_criteria]").fill("Trettio elever med godkänt betyg.")
    plan.get_by_role("button").click()
    decide(page, "market")
    claim(page)
    outcome = task_form(page, "Record the outcome")
    outcome.locator("[name=outcome_type]").select_option("social_enterprise")
    launched = datetime.date.today() - datetime.timedelta(days=10)
    outcome.get_by_label("Product new to the firm introduced on").fill(launched.isoformat())
    outcome.get_by_role("button").click()
    decide(page, "graduate")
    expect_stage(page, "Graduated")

    timeline = page.locator(".idea-timeline")
    for step in (
        "Decision in Screening: Advance",
        "Support activity: Coaching",
        "Decision in Support: Advance",
        "Decision in Pilot: Take to market",
        "Decision in Market: Graduate",
    ):
        expect(timeline).to_contain_text(step)

    idea.refresh_from_db()
    assert (idea.stage, idea.status) == (Stage.GRADUATED, Status.GRADUATED)
    assert idea.market_outcome.product_new_to_firm == launched
    assert idea.market_outcome.organisation == idea.organisation
    feedback = [message.body for message in applicant_emails()[1:]]
    for code in ("advance", "advance", "market", "graduate"):
        assert any(f"Beslut: {code}." in body for body in feedback), code
    page.goto(base + status_link)
    expect(page.get_by_text("Beslut: graduate.")).to_be_visible()


@pytest.mark.parametrize("theme", ["default", "plain"])
def test_axe_finds_no_wcag_21_aa_violation_on_the_public_idea_pages(
    page, live_server, site_tree, intake, theme
):
    set_theme(theme)
    applicant = Pipeline.with_cast().at("support", consent_showcase=True)
    idea = applicant.idea
    urls = [
        intake[0].url,
        intake[1].url,
        f"/ideas/status/{applicant.secret}/",  # the status page, after the link's redirect
        f"/en/ideas/status/{applicant.secret}/",
        "/ideas/",
        f"/ideas/{idea.reference}/",
        f"/en/ideas/{idea.reference}/",
        f"/search/?q={idea.title.split()[0]}",
        "/en/search/?q=zzzyx",
    ]
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            assert audit(page, live_server.url + url) == [], (theme, width, url)
