"""What the applicant does with the private link, and what managers do with that link."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from workflows import actions, errors
from workflows.models import ApplicantAnswer, AuditEvent, IdeaAttachment, StatusToken

from .helpers import claim_and_decide, effects, open_nodes
from .test_validators import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(applicant, screener):
    claim_and_decide(applicant.idea, screener, "request_information", public_feedback="Berätta om teamet.")
    return applicant


def test_an_answer_may_bring_attachments(asked):
    answer = actions.answer_information_request(
        asked.secret, "Se bifogad plan.", attachments=[SimpleUploadedFile("plan.pdf", PDF)]
    )
    [attachment] = IdeaAttachment.objects.filter(idea=asked.idea)
    assert attachment.answer == answer
    assert attachment.source == "answer"


def test_an_empty_answer_or_forged_file_changes_nothing(asked):
    for text, files in [("   ", []), ("Se bilagan", [SimpleUploadedFile("plan.pdf", b"MZ\x90\x00fake")])]:
        with effects() as found, pytest.raises(errors.InvalidInput):
            actions.answer_information_request(asked.secret, text, attachments=files)
        assert found.audit == []
        assert found.outbox == []
    assert not ApplicantAnswer.objects.exists()
    assert open_nodes(asked.idea) == ["awaiting_applicant"]


def test_an_answer_without_an_open_request_is_refused(applicant):
    with effects() as found, pytest.raises(errors.NoOpenRequest):
        actions.answer_information_request(applicant.secret, "Hej!")
    assert found.audit == []
    assert not ApplicantAnswer.objects.exists()


def test_a_replayed_answer_is_refused(asked):
    actions.answer_information_request(asked.secret, "Ungefär 120 elever.")
    with pytest.raises(errors.NoOpenRequest):
        actions.answer_information_request(asked.secret, "Ungefär 120 elever.")
    assert ApplicantAnswer.objects.count() == 1


def test_a_tampered_or_another_applicants_link_opens_nothing(submit):
    mine, theirs = submit(), submit(title="Cykelkök i Lund", contact_email="olle@example.org")
    for secret in (mine.secret[:-2] + "xx", "", "../../admin"):
        with pytest.raises(errors.StatusLinkInvalid):
            actions.withdraw_idea(secret)
    actions.withdraw_idea(theirs.secret)
    assert mine.refresh().status == "active"
    assert theirs.refresh().status == "withdrawn"


def test_showcase_consent_is_given_and_withdrawn_with_one_audit_entry_each(applicant):
    with effects() as found:
        actions.set_showcase_consent(applicant.secret, True)
    assert applicant.refresh().consent_showcase is True
    [entry] = found.audit
    assert (entry.event, entry.old_value, entry.new_value) == (
        AuditEvent.SHOWCASE_CONSENT_CHANGED,
        {"consent_showcase": False},
        {"consent_showcase": True},
    )
    with effects() as found:
        actions.set_showcase_consent(applicant.secret, True)  # no change, nothing logged
    assert found.audit == []
    actions.set_showcase_consent(applicant.secret, False)
    assert applicant.refresh().consent_showcase is False


def test_showcase_changes_and_decisions_on_showcased_ideas_write_index_rows(applicant, screener, monkeypatch):
    from infra import outbox

    monkeypatch.setitem(outbox._handlers, "index", lambda payload: None)  # search's handler, or a stand-in
    document = {"documents": [f"idea:{applicant.idea.pk}"]}
    with effects() as found:
        actions.set_showcase_consent(applicant.secret, True)
    assert [(row.kind, row.payload) for row in found.outbox] == [("index", document)]
    with effects() as found:
        claim_and_decide(applicant.idea, screener, "advance")
    assert [row.payload for row in found.outbox if row.kind == "index"] == [document]
    with effects() as found:
        actions.set_showcase_consent(applicant.secret, False)  # leaves the index
    assert [(row.kind, row.payload) for row in found.outbox] == [("index", document)]


def test_ideas_never_showcased_write_index_rows_for_the_reviewers_index(applicant, screener, monkeypatch):
    from infra import outbox

    monkeypatch.setitem(outbox._handlers, "index", lambda payload: None)
    with effects() as found:
        claim_and_decide(applicant.idea, screener, "advance")
        actions.withdraw_idea(applicant.secret)
    # One for the decision, one for the withdrawal: the public index drops what it does not show.
    document = {"documents": [f"idea:{applicant.idea.pk}"]}
    assert [(row.kind, row.payload) for row in found.outbox if row.kind != "email"] == [
        ("index", document)
    ] * 2


def test_a_manager_revokes_the_link_and_it_stops_working(applicant, manager, screener):
    with pytest.raises(errors.NotAllowed):
        actions.revoke_status_token(applicant.idea.pk, screener)
    with effects() as found:
        assert actions.revoke_status_token(applicant.idea.pk, manager) == 1
    [entry] = found.audit
    assert entry.event == AuditEvent.STATUS_TOKEN_REVOKED
    assert entry.acting_user == manager
    with pytest.raises(errors.StatusLinkInvalid):
        actions.set_showcase_consent(applicant.secret, True)
    assert applicant.refresh().consent_showcase is False


def test_a_new_link_replaces_the_old_one_and_is_e_mailed(applicant, manager):
    with effects() as found:
        secret = actions.issue_status_token(applicant.idea.pk, manager)
    [entry] = found.audit
    assert entry.event == AuditEvent.STATUS_TOKEN_ISSUED
    [mail] = found.outbox
    assert mail.payload["template"] == "status_link"
    assert secret in mail.payload["body"]
    assert StatusToken.objects.find(applicant.secret) is None
    assert StatusToken.objects.find(secret).idea == applicant.idea
    actions.set_showcase_consent(secret, True)
    assert applicant.refresh().consent_showcase is True
