"""The applicant's personal data: a manager exports or erases it on request; the retention rule
erases it from ideas that ended long ago. Erasing keeps what the funders' figures need."""

import datetime
import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from infra.models import OutboxMessage
from workflows import actions, errors
from workflows.models import (
    ApplicantAnswer,
    AuditEntry,
    AuditEvent,
    Decision,
    Idea,
    IdeaAttachment,
    Stage,
    Status,
)
from workflows.queries import open_task_of

from .helpers import claim_and_decide
from .test_backoffice_screens import login, messages_of
from .test_showcase import PERSONAL as SHOWCASE_PERSONAL
from .test_validators import PDF

pytestmark = pytest.mark.django_db

# Words that exist only in the applicant's personal data, to be looked for after erasure.
PERSONAL = {
    **SHOWCASE_PERSONAL,
    "title": "Zorbaflinkens läxhjälp",
    "summary": "Quillamina Yxbergsdotter startar läxhjälp i Zorbaflinken.",
}
MARKERS = ("Zorbaflink", "Quillamina", "Yxbergsdotter", "quillamina@", "987 65 43")


@pytest.fixture
def asked(submit, screener):
    """An idea in screening whose applicant answered a request for information, with a file."""
    applicant = submit(**PERSONAL, attachments=[SimpleUploadedFile("plan.pdf", PDF)])
    claim_and_decide(
        applicant.idea,
        screener,
        "request_information",
        public_feedback="Hur når Quillamina eleverna?",
        private_note="Yxbergsdotter verkar kunnig.",
    )
    actions.answer_information_request(applicant.secret, "Quillamina når dem via skolan.")
    return applicant


def stored_text() -> str:
    """Every row that could hold personal data, as text."""
    rows = [
        *Idea.objects.values(),
        *Decision.objects.values(),
        *OutboxMessage.objects.values("payload"),
        *AuditEntry.objects.values("old_value", "new_value"),
        *IdeaAttachment.objects.values(),
        *ApplicantAnswer.objects.values(),
    ]
    return json.dumps(rows, default=str, ensure_ascii=False)


def test_the_export_holds_everything_about_the_applicant_and_is_audited(asked, submit, manager):
    second = submit(title="Andra idén", contact_email="QUILLAMINA@example.org").idea  # the same person
    other = submit(title="Någon annans idé", contact_email="olle@example.org").idea
    data = actions.export_applicant_data(asked.idea.pk, manager)
    assert data["applicant"]["email"] == "quillamina@example.org"
    assert [idea["reference"] for idea in data["ideas"]] == [asked.idea.reference, second.reference]
    first = data["ideas"][0]
    assert first["contact_phone"] == "070-987 65 43"
    assert first["team_size"] == 4
    assert first["answers"][0]["text"] == "Quillamina når dem via skolan."
    assert first["attachments"][0]["original_name"] == "plan.pdf"
    [decision] = first["decisions"]
    assert decision["public_feedback"] == "Hur når Quillamina eleverna?"
    assert decision["private_note"] == "Yxbergsdotter verkar kunnig."  # what reviewers wrote is theirs too
    emails = first["emails"]
    assert len(emails) >= 2
    assert all(email["payload"]["subject"] for email in emails)
    assert {email["payload"]["audience"] for email in emails} == {"applicant"}  # not the reviewers'
    assert other.reference not in json.dumps(data)
    exported = AuditEntry.objects.filter(event=AuditEvent.PERSONAL_DATA_EXPORTED)
    assert sorted(exported.values_list("idea_id", flat=True)) == [asked.idea.pk, second.pk]
    assert all(entry.acting_user == manager for entry in exported)


def test_only_managers_export_or_erase(asked, screener):
    with pytest.raises(errors.NotAllowed):
        actions.export_applicant_data(asked.idea.pk, screener)
    with pytest.raises(errors.NotAllowed):
        actions.erase_applicant_data(asked.idea.pk, screener)
    assert Idea.objects.get().erased is None


def test_erasing_removes_every_trace_of_the_person_and_keeps_the_figures(
    asked, submit, manager, private_media, django_capture_on_commit_callbacks
):
    second = submit(title="Andra idén", contact_email="Quillamina@Example.org").idea
    idea = asked.refresh()
    assert any(path.is_file() for path in private_media.rglob("*"))
    areas = list(idea.challenge_areas.values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        erased = actions.erase_applicant_data(idea.pk, manager)

    assert [each.pk for each in erased] == [idea.pk, second.pk]
    text = stored_text()
    for marker in MARKERS:
        assert marker not in text, text[max(0, text.find(marker) - 300) : text.find(marker) + 100]
    assert not any(path.is_file() for path in private_media.rglob("*"))
    idea.refresh_from_db()
    assert idea.erased
    assert idea.title == idea.reference
    assert idea.contact_email == ""
    # What the funders' figures read stays.
    assert (idea.stage, idea.status) == (Stage.SCREENING, Status.WITHDRAWN)
    assert list(idea.challenge_areas.values_list("pk", flat=True)) == areas
    assert idea.municipality is not None
    assert idea.organisation_type == "idea_driven"
    assert Decision.objects.filter(idea=idea).count() == 1
    assert open_task_of(idea) is None
    # The status link is dead, nothing more goes to the applicant, and the index forgets the idea.
    assert not idea.status_tokens.filter(revoked__isnull=True).exists()
    assert not OutboxMessage.objects.filter(kind="email", done_at__isnull=True, payload__audience="applicant")
    entry = AuditEntry.objects.filter(idea=idea, event=AuditEvent.PERSONAL_DATA_ERASED).get()
    assert entry.acting_user == manager
    assert entry.new_value["attachments"] == 1

    with pytest.raises(errors.AlreadyErased):
        actions.erase_applicant_data(idea.pk, manager)
    with pytest.raises(errors.AlreadyErased):
        actions.export_applicant_data(idea.pk, manager)


def test_the_status_link_of_an_erased_idea_is_dead(client, asked, manager):
    actions.erase_applicant_data(asked.idea.pk, manager)
    assert client.get(f"/ideas/status/{asked.secret}/").status_code == 404


def test_the_retention_rule_erases_only_ideas_that_ended_long_ago(submit, screener, settings):
    settings.IDEA_PERSONAL_DATA_RETENTION_DAYS = 30
    old_rejected = submit(title="Gammal").idea
    claim_and_decide(old_rejected, screener, "reject", reason="Utanför programmet.")
    recent_rejected = submit(title="Ny").idea
    claim_and_decide(recent_rejected, screener, "reject", reason="Utanför programmet.")
    old_active = submit(title="Pågående").idea
    long_ago = timezone.now() - datetime.timedelta(days=31)
    Idea.objects.filter(pk__in=[old_rejected.pk, old_active.pk]).update(updated=long_ago)

    call_command("erase_expired_personal_data")

    assert [idea.title for idea in Idea.objects.filter(erased__isnull=False)] == [old_rejected.reference]
    entry = AuditEntry.objects.get(event=AuditEvent.PERSONAL_DATA_ERASED)
    assert entry.acting_user is None
    assert entry.new_value["by"] == "retention rule"
    assert actions.erase_expired_personal_data() == 0  # a rerun finds nothing more


def test_managers_work_the_status_link_and_personal_data_from_the_idea_page(client, asked, manager, screener):
    idea = asked.idea
    page = reverse("ideas:detail", args=[idea.pk])
    login(client, screener)
    assert "Erase the applicant's personal data" not in client.get(page).content.decode()
    response = client.post(reverse("ideas:erase", args=[idea.pk]), {"confirm": "on"})
    assert messages_of(response) == ["You are not allowed to do this."]

    login(client, manager)
    shown = client.get(page).content.decode()
    assert "Erase the applicant's personal data" in shown
    assert "1 idea under this e-mail address" in shown

    response = client.post(reverse("ideas:revoke_link", args=[idea.pk]))
    assert messages_of(response) == ["The status link no longer works."]
    response = client.post(reverse("ideas:new_link", args=[idea.pk]))
    assert "a new one is on its way" in messages_of(response)[-1]

    download = client.post(reverse("ideas:export_personal_data", args=[idea.pk]))
    assert download["Content-Disposition"] == f'attachment; filename="{idea.reference}-personal-data.json"'
    assert json.loads(download.content)["applicant"]["name"] == "Quillamina Yxbergsdotter"
    assert client.get(reverse("ideas:export_personal_data", args=[idea.pk])).status_code == 405

    unconfirmed = client.post(reverse("ideas:erase", args=[idea.pk]), {})
    assert unconfirmed.status_code == 200
    assert Idea.objects.get(pk=idea.pk).erased is None
    response = client.post(reverse("ideas:erase", args=[idea.pk]), {"confirm": "on"})
    assert html.unescape(messages_of(response)[-1]) == "The applicant's personal data is erased from 1 idea."
    assert "personal data was erased on" in client.get(page).content.decode()
