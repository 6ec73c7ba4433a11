"""submit_idea: one transaction creates the idea, its process, the status link, audit and e-mails."""

import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from viewflow.workflow.models import Process, Task

from infra.models import OutboxMessage
from workflows import actions, errors
from workflows.models import AuditEntry, AuditEvent, Idea, IdeaAttachment, StatusToken, TaskDeadline

from .helpers import effects, idea_fields
from .test_validators import PDF, png_bytes

pytestmark = pytest.mark.django_db


def test_a_submission_creates_the_idea_its_process_link_audit_and_receipt(
    taxonomy, screener, second_screener
):
    with effects() as found:
        idea, secret = actions.submit_idea(**idea_fields(taxonomy))

    assert re.fullmatch(rf"SIS-{timezone.localdate().year}-00001", idea.reference)
    assert idea.process.flow_class.__name__ == "IdeaFlow"
    assert list(idea.challenge_areas.all()) == [taxonomy[0]]
    assert idea.organisation_number == "556036-0793"
    [entry] = found.audit
    assert entry.event == AuditEvent.IDEA_SUBMITTED
    assert entry.acting_user is None
    assert entry.new_value == {"stage": "submitted", "status": "active", "attachments": 0}
    # No personal data in the audit log.
    assert "amina" not in str(entry.new_value).lower()
    assert "Läxhjälp" not in str(entry.new_value)

    receipt, *to_reviewers, index = found.outbox
    # The reviewers' private index of every idea learns of it after commit.
    assert (index.kind, index.payload) == ("index", {"documents": [f"idea:{idea.pk}"]})
    assert receipt.payload["to"] == ["amina@example.org"]
    assert receipt.payload["template"] == "receipt"
    assert receipt.payload["subject"] == f"Tack för din idé – {idea.reference}"
    assert f"/ideas/status/{secret}/" in receipt.payload["body"]
    assert receipt.payload["redact_after_send"]
    assert sorted(row.payload["to"][0] for row in to_reviewers) == [
        "screener2@example.org",
        "screener@example.org",
    ]

    deadline = TaskDeadline.objects.get(idea=idea)
    assert deadline.stage == "screening"
    assert (deadline.due - deadline.task.created).days == 14


def test_the_receipt_is_in_the_language_of_the_submission(taxonomy, groups):
    with effects() as found:
        idea, _ = actions.submit_idea(**idea_fields(taxonomy, language="en"))
    [receipt] = [row for row in found.outbox if row.kind == "email"]
    assert receipt.payload["subject"] == f"Thank you for your idea – {idea.reference}"
    assert "Your reference number" in receipt.payload["body"]
    assert "<p>Hello" in receipt.payload["html"]


def test_only_a_hash_of_the_status_link_is_stored(applicant):
    token = StatusToken.objects.get(idea=applicant.idea)
    assert token.token_hash == hashlib.sha256(applicant.secret.encode()).hexdigest()
    assert applicant.secret not in token.token_hash
    assert len(applicant.secret) >= 40
    assert StatusToken.objects.find(applicant.secret).idea == applicant.idea
    assert StatusToken.objects.find(applicant.secret[:-1] + "x") is None
    assert StatusToken.objects.find("") is None
    assert StatusToken.objects.find("x" * 1000) is None


def test_reference_numbers_follow_each_other(submit):
    first, second = submit(), submit(title="Cykelkök i Lund")
    assert int(second.idea.reference[-5:]) == int(first.idea.reference[-5:]) + 1


def test_attachments_are_stored_privately_under_a_random_name(submit, private_media, settings):
    applicant = submit(
        attachments=[
            SimpleUploadedFile("affärsplan.txt", PDF, "text/plain"),
            SimpleUploadedFile("team.png", png_bytes(), "image/png"),
        ]
    )
    pdf, png = IdeaAttachment.objects.filter(idea=applicant.idea)
    assert (pdf.original_name, pdf.content_type, pdf.size) == ("affärsplan.pdf", "application/pdf", len(PDF))
    assert png.content_type == "image/png"
    assert png.source == "submission"
    path = pdf.file.path
    assert path.startswith(str(private_media))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert "affärsplan" not in path
    with pdf.file.open("rb") as stored:
        assert stored.read() == PDF
    with pytest.raises(ValueError, match="no public URL"):
        pdf.file.url  # noqa: B018 - private files have no public URL


def nothing_written():
    return not (
        Idea.objects.exists()
        or Process.objects.exists()
        or Task.objects.exists()
        or AuditEntry.objects.exists()
        or OutboxMessage.objects.exists()
        or StatusToken.objects.exists()
        or IdeaAttachment.objects.exists()
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"organisation_number": "556036-0794"}, "organisation_number"),
        ({"consent_processing": False}, "consent_processing"),
        ({"contact_email": "not-an-address"}, "contact_email"),
        ({"title": ""}, "title"),
        ({"organisation_type": "cooperative-ish"}, "organisation_type"),
        ({"team_size": 2, "women_count": 2, "men_count": 1}, "team_size"),
        ({"language": "de"}, "language"),
        ({"challenge_areas": []}, "challenge_areas"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(taxonomy, groups, overrides, field):
    with pytest.raises(errors.InvalidInput) as error:
        actions.submit_idea(**idea_fields(taxonomy, **overrides))
    assert field in error.value.errors
    assert nothing_written()


def test_a_forged_upload_is_refused_and_no_file_is_left_behind(taxonomy, groups, private_media):
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not really a pdf", "application/pdf")
    with pytest.raises(errors.InvalidInput) as error:
        actions.submit_idea(**idea_fields(taxonomy, attachments=[SimpleUploadedFile("ok.pdf", PDF), fake]))
    assert "attachment_2" in error.value.errors
    assert nothing_written()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_a_failure_after_the_files_were_saved_removes_them(taxonomy, groups, private_media, monkeypatch):
    from workflows.actions import intake

    def broken(*args, **kwargs):
        raise RuntimeError("the mail template is broken")

    monkeypatch.setattr(intake, "email_applicant", broken)
    with pytest.raises(RuntimeError):
        actions.submit_idea(**idea_fields(taxonomy, attachments=[SimpleUploadedFile("ok.pdf", PDF)]))
    assert nothing_written()
    assert not [path for path in private_media.rglob("*") if path.is_file()]


def test_the_gender_breakdown_and_team_size_are_optional(taxonomy, groups):
    idea, _ = actions.submit_idea(
        **idea_fields(taxonomy, team_size=None, women_count=None, men_count=None, organisation_number="")
    )
    assert idea.team_size is None
    assert idea.women_count is None
    assert idea.organisation_number == ""


def test_an_unknown_field_is_a_programming_error(taxonomy, groups):
    with pytest.raises(TypeError):
        actions.submit_idea(**idea_fields(taxonomy, stage="graduated"))
    assert nothing_written()


def test_the_receipt_leaves_after_commit_and_its_link_is_then_blanked(
    taxonomy, groups, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        _idea, secret = actions.submit_idea(**idea_fields(taxonomy))
    [receipt] = [message for message in mail.outbox if message.to == ["amina@example.org"]]
    assert secret in receipt.body
    assert receipt.alternatives
    row = OutboxMessage.objects.get(payload__template="receipt")
    assert row.done_at
    assert row.payload["body"] == ""
    assert secret not in str(row.payload)
