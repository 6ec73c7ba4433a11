"""Whatever a visitor sends to the public idea form, or an applicant from their status page, the
answer is never a 5xx and nothing is stored by halves: property-based tests, 200 examples each,
every one in a savepoint that is rolled back so that each starts from the same data."""

import contextlib
import html
import os
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http.multipartparser import MultiPartParser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infra.models import OutboxMessage
from workflows import notifications
from workflows.models import (
    AttachmentSource,
    AuditEntry,
    AuditEvent,
    HeldUpload,
    Idea,
    IdeaAttachment,
    Status,
    StatusToken,
)
from workflows.public.forms import IdeaForm

from . import test_public_status
from .test_public_intake import form_data, private_files

pytestmark = pytest.mark.django_db

asked = test_public_status.asked  # the fixture: an idea that awaits its applicant's answer

EXAMPLES = settings(
    max_examples=200,
    deadline=None,
    # CI tries the same examples on every run, so that what fails there fails again on a developer's
    # machine; elsewhere every run tries new ones.
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: What a visitor can type in a field: any text (NUL and control characters included), numbers
#: far out of any range, the values of a checkbox, nothing.
anything = st.one_of(
    st.text(max_size=300),
    st.integers().map(str),
    st.sampled_from(["", " ", "\x00", "1e309", "-1", "9" * 40, "on", "2026-02-30", "556036-0793"]),
)
field_values = st.one_of(anything, st.lists(anything, max_size=3))
#: Files as a browser sends them: a base name in UTF-8 (no folders, no lone surrogates, which UTF-8
#: cannot carry) and any content. A name that Django's parser cannot use (nothing printable, "..")
#: is no file to it: dropped before any form sees it.
file_names = st.text(
    st.characters(codec="utf-8", exclude_characters="/\\\x00"), min_size=1, max_size=60
).filter(lambda name: MultiPartParser.sanitize_file_name(None, name) is not None)
uploads = st.lists(st.tuples(file_names, st.binary(max_size=3000)), max_size=2)

INTAKE_FIELDS = [*IdeaForm.base_fields, "an_unknown_field"]


class _Undo(Exception):
    pass


@contextlib.contextmanager
def undone():
    """The block's database changes, rolled back at its end."""
    with contextlib.suppress(_Undo), transaction.atomic():
        yield
        raise _Undo


@EXAMPLES
@given(
    changes=st.dictionaries(st.sampled_from(INTAKE_FIELDS), field_values, max_size=6),
    attachments=uploads,
)
def test_no_post_to_the_idea_form_fails_or_stores_an_idea_by_halves(
    client, intake, site_tree, private_media, changes, attachments
):
    cache.clear()  # the rate limit and the one-time keys of earlier examples
    data = {**form_data(client, intake[0], site_tree), **changes}
    if attachments:
        data["attachments"] = [SimpleUploadedFile(name, content) for name, content in attachments]
    files_before = set(private_files(private_media))
    with undone():
        response = client.post(intake[0].url, data)
        assert response.status_code < 500
        idea = Idea.objects.first()
        if idea is None:
            assert not IdeaAttachment.objects.exists()
            assert not OutboxMessage.objects.filter(kind="email").exists()
            # Only the valid files kept for the form's next try (held, tied to its key) are new.
            kept = {Path(held.file.path) for held in HeldUpload.objects.all()}
            assert set(private_files(private_media)) - files_before == kept
        else:  # all of it: the process, the link, the audit entry and the receipt
            assert response.status_code == 302
            assert Idea.objects.count() == 1
            assert idea.process_id is not None
            assert StatusToken.objects.filter(idea=idea).exists()
            assert AuditEntry.objects.filter(idea=idea, event=AuditEvent.IDEA_SUBMITTED).count() == 1
            emails = OutboxMessage.objects.filter(kind="email")
            assert [email.payload["to"] for email in emails] == [[idea.contact_email]]
            assert idea.attachments.count() == len(attachments)


STATUS_FIELDS = ["consent_showcase", "text", "reason", "an_unknown_field"]
FORM_ACTION = re.compile(r'<form[^>]*method="post"[^>]*action="([^"]+)"')
WITHDRAW_LINK = re.compile(r'href="([^"]+/withdraw/)"')


def status_forms(client, link: str) -> list[str]:
    """Where the forms of the status page and of its withdrawal page post, opened from the link."""
    page = client.get(link, follow=True).content.decode()
    withdraw = client.get(WITHDRAW_LINK.search(page).group(1), follow=True).content.decode()
    return FORM_ACTION.findall(page) + FORM_ACTION.findall(withdraw)


@EXAMPLES
@given(
    form=st.integers(min_value=0, max_value=2),
    data=st.dictionaries(st.sampled_from(STATUS_FIELDS), field_values, max_size=4),
    attachments=uploads,
)
def test_no_post_from_the_status_page_fails_or_changes_the_idea_by_halves(
    client, asked, private_media, form, data, attachments
):
    """The idea awaits an answer, so all three forms are there: answer, showcase, withdraw."""
    idea = asked.idea
    if attachments:
        data = {**data, "attachments": [SimpleUploadedFile(name, content) for name, content in attachments]}
    files_before = set(private_files(private_media))
    with undone():
        actions = status_forms(client, notifications.status_url(asked.secret))
        assert len(actions) == 3, actions
        response = client.post(html.unescape(actions[form]), data)
        assert response.status_code < 500
        idea.refresh_from_db()
        events = list(AuditEntry.objects.filter(idea=idea).values_list("event", flat=True))
        answered = idea.answers.exists()
        assert answered == (AuditEvent.INFORMATION_ANSWERED in events) == (idea.status == Status.ACTIVE)
        assert (AuditEvent.IDEA_WITHDRAWN in events) == (idea.status == Status.WITHDRAWN)
        assert idea.consent_showcase == (AuditEvent.SHOWCASE_CONSENT_CHANGED in events)
        if not answered:
            assert not IdeaAttachment.objects.filter(idea=idea, source=AttachmentSource.ANSWER).exists()
            assert set(private_files(private_media)) == files_before
