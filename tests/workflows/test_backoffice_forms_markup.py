"""The idea page's forms as assistive technology reads them: one id per element, every
description an element points to exists, each partner once, a reload after a rejected form."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from cms.models import Partner
from workflows.backoffice import audit_log
from workflows.models import AuditEvent, Criterion

from .helpers import claim_and_decide, open_task
from .test_backoffice_screens import login, url

pytestmark = pytest.mark.django_db


class Ids(HTMLParser):
    """Every element's id, and every id an `aria-describedby`, `aria-labelledby` or `for` names."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.named: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        for name in ("aria-describedby", "aria-labelledby", "for"):
            self.named += [(name, target) for target in (attrs.get(name) or "").split()]


def duplicates(ids: list[str]) -> set[str]:
    return {found for found in ids if ids.count(found) > 1}


def dangling(page: Ids) -> list[tuple[str, str]]:
    return [(name, target) for name, target in page.named if target not in page.ids]


def test_the_forms_of_an_idea_page_share_no_id_and_point_only_to_what_exists(client, applicant, screener):
    idea = applicant.idea
    login(client, screener)
    client.post(url("claim", idea), {"task": open_task(idea).pk})
    page = Ids(client.get(url("detail", idea)).text)
    # The decision, the scores and the conflict of interest are on the page together.
    for form in ("decide-reason", "conflict-reason", "decide-task", "release-task"):
        assert form in page.ids
    assert duplicates(page.ids) == set()
    assert dangling(page) == []


def test_a_rejected_form_ties_each_error_to_its_field_and_says_so_in_the_title(client, applicant, screener):
    idea = applicant.idea
    login(client, screener)
    task = open_task(idea)
    client.post(url("claim", idea), {"task": task.pk})
    response = client.post(url("decide", idea), {"task": task.pk})  # no decision chosen
    assert response.status_code == 200
    page = Ids(response.text)
    assert dangling(page) == []
    # Each radio button of the decision is described by the error.
    described = [target for name, target in page.named if name == "aria-describedby"]
    assert described.count("decide-code-error") == len(response.context["forms"]["decide"]["code"])
    assert "<title>Error: " in response.text


def test_a_rejected_support_activity_points_to_its_error(client, applicant, screener, advisor):
    idea = applicant.idea
    claim_and_decide(idea, screener, "advance")
    login(client, advisor)
    client.post(url("claim", idea), {"task": open_task(idea).pk})
    response = client.post(
        url("activity", idea), {"date": datetime.date.today().isoformat(), "activity_type": "coaching"}
    )
    assert response.status_code == 200
    assert 'aria-describedby="activity-hours-error"' in response.text
    assert 'id="activity-hours-error"' in response.text
    assert dangling(Ids(response.text)) == []


def test_reloading_the_address_of_a_rejected_form_leads_back_to_the_idea(client, applicant, screener):
    idea = applicant.idea
    login(client, screener)
    for name in ("decide", "claim", "score", "activity", "conflict", "erase"):
        response = client.get(url(name, idea))
        assert (response.status_code, response["Location"]) == (302, url("detail", idea)), name


def test_the_support_activity_lists_each_partner_once_and_no_funder(client, applicant, screener, advisor):
    swedish = Locale.objects.get(language_code="sv")
    english, _ = Locale.objects.get_or_create(language_code="en")
    partner = Partner.objects.create(name="Coompanion Skåne", role="partner", locale=swedish)
    partner.copy_for_translation(english).save()
    Partner.objects.create(name="Mötesplats Social Innovation", role="partner", locale=swedish)
    Partner.objects.create(name="Region Skåne", role="funder", locale=swedish)
    idea = applicant.idea
    claim_and_decide(idea, screener, "advance")
    login(client, advisor)
    client.post(url("claim", idea), {"task": open_task(idea).pk})
    form = client.get(url("detail", idea)).context["forms"]["activity"]
    listed = [str(partner) for partner in form.fields["partner"].queryset]
    assert sorted(listed) == ["Coompanion Skåne", "Mötesplats Social Innovation"]
    english_one = form.fields["partner"].queryset.get(name="Coompanion Skåne")
    assert english_one.locale == english  # the advisor reads the admin in English


def test_the_lists_wrap_their_tables_in_a_focusable_region(client, applicant, screener):
    login(client, screener)
    for name in ("queue", "index"):
        text = client.get(reverse(f"ideas:{name}")).text
        assert 'class="idea-table-region" role="region" tabindex="0"' in text, name


def test_every_audit_event_is_written_as_a_sentence():
    assert set(audit_log.SENTENCES) == set(AuditEvent)


@pytest.mark.parametrize(
    ("language", "heading", "sentences"),
    [
        (
            "en",
            "What happened",
            [
                "Took the task from the queue; the idea moved from submitted to screening.",
                "Submitted scores for screening.",
                "Decided: advance. The idea is now at support (active).",
                "Gave the task to",
            ],
        ),
        (
            "sv",
            "Vad som hände",
            [
                "Tog uppgiften från kön; idén gick från inlämnad till granskning.",
                "Lämnade poäng för granskning.",
                "Beslutade: gå vidare. Idén är nu i stöd (aktiv).",
                "Gav uppgiften till",
            ],
        ),
    ],
)
def test_the_audit_log_and_timeline_read_as_sentences_in_the_readers_language(
    client, applicant, screener, advisor, manager, language, heading, sentences
):
    idea = applicant.idea
    login(client, screener)
    task = open_task(idea)
    client.post(url("claim", idea), {"task": task.pk})
    scores = {criterion.code: 4 for criterion in Criterion.objects.filter(stage="screening", active=True)}
    client.post(url("score", idea), scores)
    client.post(url("decide", idea), {"task": task.pk, "code": "advance"})
    login(client, manager)
    client.post(url("reassign", idea), {"task": open_task(idea).pk, "to_user": advisor.pk})
    profile = UserProfile.get_for_user(manager)
    profile.preferred_language = language
    profile.save()
    page = client.get(url("detail", idea)).text
    assert f"<th>{heading}</th>" in page
    for sentence in sentences:
        assert sentence in page
    for raw in ("owner=", "stage=", "decision_id", "{&#x27;", "ASSIGNED", "(New", "(Done"):
        assert raw not in page
