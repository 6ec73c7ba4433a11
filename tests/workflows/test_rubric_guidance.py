"""The rubric as reviewers and managers meet it: the idea before the forms, each criterion's
guidance under it on the scoring form, the rubric screen by stage, and weights fixed once scored."""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from workflows import actions
from workflows.models import Criterion, Score

from .helpers import open_task
from .test_backoffice_forms_markup import Ids, dangling
from .test_backoffice_screens import login, url
from .test_rubric_admin import RUBRIC, criterion, errors_of, form_data

pytestmark = pytest.mark.django_db


def test_the_idea_page_shows_the_idea_before_the_forms_that_score_and_decide_it(client, applicant, screener):
    idea = applicant.idea
    login(client, screener)
    actions.claim_task(open_task(idea).pk, screener)
    html = client.get(url("detail", idea)).text
    headings = re.findall(r'<h2 id="idea-([a-z-]+)"', html)
    assert headings.index("idea") < headings.index("work")
    assert html.index(idea.summary) < html.index('name="social_impact"') < html.index('name="code"')


def test_each_criterion_s_guidance_describes_its_scores_in_the_reader_s_language(client, applicant, screener):
    Criterion.objects.filter(stage="screening", code="feasibility").update(
        guidance="Finns en budget och en tidsplan som håller?",
        guidance_en="Is there a budget and a timetable that hold?",
    )
    Criterion.objects.filter(stage="screening", code="innovation").update(guidance="Nytt för regionen?")
    idea = applicant.idea
    login(client, screener)
    actions.claim_task(open_task(idea).pk, screener)
    html = client.get(url("detail", idea)).text
    help_id = "score-feasibility-helptext"
    assert re.search(rf'id="{help_id}"[^>]*>\s*<div class="help">Is there a budget and a timetable', html)
    # Every 1-5 radio of the criterion is described by it, and by nothing that does not exist.
    radios = re.findall(r'<input[^>]*name="feasibility"[^>]*>', html)
    assert len(radios) == 5
    assert all(f'aria-describedby="{help_id}"' in radio for radio in radios)
    assert dangling(Ids(html)) == []
    # Without an English text, the Swedish one rather than none; without any, no description.
    assert "Nytt för regionen?" in html
    assert "score-scalability-helptext" not in re.search(r'<input[^>]*name="scalability"[^>]*>', html)[0]

    profile = UserProfile.get_for_user(screener)
    profile.preferred_language = "sv"
    profile.save()
    assert "Finns en budget och en tidsplan som håller?" in client.get(url("detail", idea)).text


def test_the_rubric_screen_shows_each_stage_under_its_own_heading_in_the_order_of_the_flow(client, manager):
    login(client, manager)
    html = client.get(reverse("rubric:index")).text
    headings = re.findall(r'<h2 class="w-h2[^"]*">\s*([^<]+?)\s*</h2>', html)
    assert headings == ["Screening", "Support", "Pilot", "Market"]
    screening = html[html.index(">Screening<") : html.index(">Support<")]
    assert "Social impact" in screening
    assert screening.count("<table") == 1
    assert len(re.findall(r"<tbody>.*?</tbody>", html, flags=re.S)) == 4


def test_a_criterion_s_weight_cannot_change_once_it_has_scores(client, applicant, manager, screener):
    actions.claim_task(open_task(applicant.idea).pk, screener)
    actions.score_idea(applicant.idea.pk, screener, RUBRIC)
    feasibility = criterion("feasibility")
    before = feasibility.weight
    login(client, manager)
    response = client.post(
        reverse("rubric:edit", args=[feasibility.pk]), form_data(feasibility, weight=before + 1)
    )
    assert response.status_code == 200
    assert errors_of(response, "weight") == [
        f"The weight stays {before}: 1 score was given with it. "
        "To weigh differently, add a new criterion and take this one out of use."
    ]
    feasibility.refresh_from_db()
    assert feasibility.weight == before
    # The guidance and the wording may still be improved.
    response = client.post(
        reverse("rubric:edit", args=[feasibility.pk]),
        form_data(feasibility, guidance="Budget och tidsplan.", name_en="Feasibility and plan"),
    )
    assert response.status_code == 302
    feasibility.refresh_from_db()
    assert (feasibility.guidance, feasibility.name_en, feasibility.weight) == (
        "Budget och tidsplan.",
        "Feasibility and plan",
        before,
    )
    assert Score.objects.filter(criterion=feasibility).count() == 1
