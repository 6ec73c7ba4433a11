"""News goes through Wagtail's own moderation: an editor submits, a moderator decides."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, Workflow, WorkflowState
from wagtail.users.models import UserProfile

from cms.models import NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderated_site(site_tree):
    workflow = Workflow.objects.get(name="Moderatorernas godkännande")
    workflow.workflow_pages.get_or_create(page=site_tree.home)
    return site_tree


def submit_new_article(client, editor, site):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("cms", "newspage", site.news_index.pk))
    response = client.post(
        url,
        {
            "title": "Nytt stöd för idéburna organisationer",
            "slug": "nytt-stod",
            "date": "2015-10-01",
            "lead": "Programmet öppnar för ansökningar.",
            "body-count": "0",
            "related_pages-TOTAL_FORMS": "0",
            "related_pages-INITIAL_FORMS": "0",
            "related_pages-MIN_NUM_FORMS": "0",
            "related_pages-MAX_NUM_FORMS": "1000",
            "action-submit": "Submit for moderation",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return NewsPage.objects.get(slug="nytt-stod")


def act_on_task(client, moderator, page, action):
    client.force_login(moderator)
    state = page.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, action, state.pk),
    )
    response = client.post(url, {"comment": "Ser bra ut." if action == "approve" else "Korta ingressen."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    return page


def test_an_editor_cannot_publish_news_directly(client, editor, moderated_site):
    page = submit_new_article(client, editor, moderated_site)
    assert not page.live
    assert page.workflow_in_progress
    assert client.get(page.url).status_code == 404


def test_a_moderator_approves_and_the_article_goes_live(client, editor, moderator, moderated_site):
    page = submit_new_article(client, editor, moderated_site)
    page = act_on_task(client, moderator, page, "approve")
    assert page.live
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == "approved"
    client.logout()
    assert client.get(page.url).status_code == 200


def test_a_moderator_rejects_and_the_article_stays_unpublished(client, editor, moderator, moderated_site):
    page = submit_new_article(client, editor, moderated_site)
    page = act_on_task(client, moderator, page, "reject")
    assert not page.live
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == "needs_changes"


def test_scheduled_publishing_waits_for_its_time(moderated_site):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        page = moderated_site.news_index.add_child(
            instance=NewsPage(title="Planerad nyhet", slug="planerad", live=False)
        )
        page.go_live_at = timezone.now() + datetime.timedelta(seconds=1)
        page.save_revision().publish()
        assert not Page.objects.get(pk=page.pk).live
        call_command("publish_scheduled")
        assert not Page.objects.get(pk=page.pk).live

        clock.shift(datetime.timedelta(seconds=1.2))
        call_command("publish_scheduled")
        assert Page.objects.get(pk=page.pk).live


@pytest.mark.parametrize(
    ("language", "submit", "name"),
    [
        ("sv", "(?:Lämna|Skicka) in till", "Moderatorernas godkännande"),
        ("en", "Submit to", "Moderators' approval"),
    ],
)
def test_the_admin_offers_to_submit_to_the_workflow_by_its_name_in_the_editors_language(
    client, editor, moderated_site, language, submit, name
):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("cms", "newspage", moderated_site.news_index.pk))
    html = client.get(url).text
    # As the button's text and as its value: the workflow's name follows the translated words.
    found = re.findall(rf"""{submit} ([^<"]+)[<"]""", html)
    offers = {" ".join(unescape(offer).split()) for offer in found}
    assert offers == {name}


def test_swedish_readers_keep_the_swedish_name_after_an_english_editor_saved_it(moderated_site):
    with translation.override("en"):
        workflow = Workflow.objects.get(name="Moderatorernas godkännande")
        workflow.save()
    with translation.override("sv"):
        assert Workflow.objects.get(pk=workflow.pk).name == "Moderatorernas godkännande"


def test_a_workflow_the_programme_named_itself_is_shown_as_typed(moderated_site):
    Workflow.objects.filter(name="Moderatorernas godkännande").update(name="Redaktionens granskning")
    with translation.override("en"):
        assert Workflow.objects.get().name == "Redaktionens granskning"
