"""The status page's roadmap (where the idea is among the stages, what comes next) and, once the
idea is showcased, the link to its public page."""

import re

import pytest
from django.utils import translation

from workflows import actions
from workflows.models import Idea, Stage, Status
from workflows.public.roadmap import roadmap, what_comes_next

from .helpers import claim_and_decide
from .test_public_status import opened, url
from .test_reviewing import RUBRIC


def states(stage: str, status: str = Status.ACTIVE) -> list[str]:
    return [step.state for step in roadmap(Idea(stage=stage, status=status))]


@pytest.mark.parametrize(
    ("stage", "status", "expected"),
    [
        (Stage.SUBMITTED, Status.ACTIVE, ["current", "next", "later", "later"]),
        (Stage.SCREENING, Status.AWAITING_APPLICANT, ["current", "next", "later", "later"]),
        (Stage.SUPPORT, Status.ACTIVE, ["done", "current", "next", "later"]),
        (Stage.PILOT, Status.ON_HOLD, ["done", "done", "current", "next"]),
        (Stage.MARKET, Status.ACTIVE, ["done", "done", "done", "current"]),
        (Stage.GRADUATED, Status.GRADUATED, ["done", "done", "done", "done"]),
        (Stage.SCREENING, Status.REJECTED, ["stopped", "not_reached", "not_reached", "not_reached"]),
        (Stage.PILOT, Status.WITHDRAWN, ["done", "done", "stopped", "not_reached"]),
        (Stage.MARKET, Status.CLOSED, ["done", "done", "done", "stopped"]),
    ],
)
def test_each_stage_and_ending_has_its_place_on_the_roadmap(stage, status, expected):
    assert states(stage, status) == expected


@translation.override("en")
def test_what_comes_next_is_said_while_the_idea_is_in_the_programme_only():
    assert what_comes_next(Idea(stage=Stage.PILOT, status=Status.ACTIVE)).startswith("Next: after the pilot")
    assert what_comes_next(Idea(stage=Stage.PILOT, status=Status.WITHDRAWN)) == ""
    assert what_comes_next(Idea(stage=Stage.GRADUATED, status=Status.GRADUATED)) == ""


def roadmap_text(content: str) -> list[str]:
    """The roadmap's steps as a screen reader reads them."""
    found = re.search(r'<ol class="roadmap">(.*?)</ol>', content, re.DOTALL).group(1)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in found.split("</li>")[:-1]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "steps", "next_step", "public_page"),
    [
        (
            "sv",
            ["Granskning (klart)", "Stöd (du är här)", "Pilot (nästa)", "Marknad (senare)"],
            "Nästa steg: när idén är redo att prövas går den vidare till en pilot.",
            "Se din idés publika sida",
        ),
        (
            "en",
            ["Screening (done)", "Support (you are here)", "Pilot (next)", "Market (later)"],
            "Next: when the idea is ready to be tried out, it moves on to a pilot.",
            "See your idea's public page",
        ),
    ],
)
def test_the_status_page_shows_the_roadmap_and_once_showcased_the_public_page(
    client, submit, screener, language, steps, next_step, public_page
):
    applicant = submit(language=language)
    opened(client, applicant.secret, language)
    assert public_page not in client.get(url(language=language)).content.decode()  # not showcased yet

    actions.score_idea(applicant.idea.pk, screener, RUBRIC)
    claim_and_decide(applicant.idea, screener, "advance")
    actions.set_showcase_consent(applicant.secret, True)
    content = client.get(url(language=language)).content.decode()
    assert roadmap_text(content) == steps
    assert 'aria-current="step"' in content
    assert next_step in content
    prefix = "/en" if language == "en" else ""
    link = f'<a href="{prefix}/ideas/{applicant.idea.reference}/">{public_page}</a>'
    assert link in content
    assert client.get(f"{prefix}/ideas/{applicant.idea.reference}/").status_code == 200


@pytest.mark.django_db
def test_a_withdrawn_idea_shows_where_it_ended_and_no_next_step(client, applicant):
    opened(client, applicant.secret)
    actions.withdraw_idea(applicant.secret)
    content = client.get(url()).content.decode()
    assert roadmap_text(content) == [
        "Granskning (avslutades här)",
        "Stöd (nåddes inte)",
        "Pilot (nåddes inte)",
        "Marknad (nåddes inte)",
    ]
    assert "Nästa steg" not in content
