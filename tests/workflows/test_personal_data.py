"""The personal-data inventory: it covers every free-text field of the project, the access export
gives every field in it, and erasing leaves none of it anywhere: not in any table, not in the
search index, not among the private files."""

import datetime
import json
import smtplib
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, models
from django.urls import reverse
from wagtail.fields import StreamField

from infra.personal_data import inventory
from registrations.actions import Registrant, register
from registrations.models import Registration
from search.backends import get_backend
from search.query import SearchQuery
from tests.helpers import make_user
from tests.registrations.conftest import event  # noqa: F401 (a fixture of the registration below)
from workflows import actions
from workflows.deadlines import send_deadline_reminders
from workflows.digests import send_review_digests
from workflows.models import Idea, ReviewerPreferences, TaskDeadline
from workflows.personal_data import INVENTORY, NOT_PERSONAL

from .helpers import ORGANISATION_NUMBER, claim_and_decide, open_task
from .test_backoffice_screens import login
from .test_validators import PDF

pytestmark = pytest.mark.django_db

FREE_TEXT = (
    models.CharField,
    models.TextField,
    models.JSONField,
    models.FileField,
    models.BinaryField,
    StreamField,
)
#: Every planted marker starts so; a dump is searched for it in lower case (indexes fold case).
PREFIX = "zqmark"
#: A second real organisation number (Luhn-valid), the market outcome's new company.
NEW_COMPANY_NUMBER = "559016-9883"


def project_models() -> list[type[models.Model]]:
    """The models of the project's own apps (those living in its folder), new apps included."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        model
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base) and ".venv" not in Path(config.path).parts
        for model in config.get_models()
    ]


def inventoried() -> set[str]:
    """The fields of every source of the registry: ideas, registrations, the register."""
    return {f"{entry.model._meta.label}.{name}" for entry in inventory() for name in entry.erased}


def test_every_free_text_field_of_the_project_is_in_the_inventory_or_said_not_to_be_personal():
    fields = {
        f"{model._meta.label}.{field.name}"
        for model in project_models()
        for field in model._meta.local_concrete_fields
        if isinstance(field, FREE_TEXT)
    }
    assert "infra.OutboxMessage.payload" in fields
    assert "workflows.Idea.summary" in fields
    assert "registrations.Registration.name" in inventoried()
    placed = inventoried() | set(NOT_PERSONAL)
    assert sorted(fields - placed) == [], "place each field in workflows/personal_data.py"
    assert sorted(set(NOT_PERSONAL) - fields) == [], "not a free-text field of the project (any more)"
    assert sorted(inventoried() & set(NOT_PERSONAL)) == []
    assert all(reason.strip() for reason in NOT_PERSONAL.values())


def marker(entry, name: str) -> str:
    return f"{PREFIX}{entry.name}{name}".replace("_", "")


def mark(section: str, name: str) -> str:
    [entry] = [entry for entry in inventory() if entry.name == section]
    return marker(entry, name)


#: What stands in a planted field that cannot hold a marker, as stored.
PLANTED_AS = {
    ("idea", "organisation_number"): ORGANISATION_NUMBER,
    ("market_outcome", "organisation_number"): NEW_COMPANY_NUMBER,
    # The register's rows of the applicant, an individual: what the idea gave, once.
    ("contact_person", "email"): f"{mark('idea', 'contact_email')}@example.org",
    ("register", "email"): f"{mark('idea', 'contact_email')}@example.org",
    ("team_members", "email"): f"{mark('team_members', 'email')}@example.org",
    # The applicant also registered for an event, under the same address.
    ("registrations", "email"): f"{mark('idea', 'contact_email')}@example.org",
    ("registrations", "organisation_number"): ORGANISATION_NUMBER,
    ("organisation", "name"): mark("idea", "organisation_name"),
    ("organisation", "organisation_number"): ORGANISATION_NUMBER,
    ("emails", "last_error"): "no such user",  # the refusal quoting the applicant's address
}


class RefusingRecipients(BaseEmailBackend):
    """An SMTP server that refuses the recipient, quoting the address as servers do."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused(
            {address: (550, b"No such user") for m in messages for address in m.to}
        )


@dataclass
class Planted:
    idea: Idea
    withdrawn: Idea


@pytest.fixture
def taxonomy(site_tree):
    """The site's own challenge area and municipality: the event registered for is on that site."""
    return site_tree.challenge, site_tree.municipality


@pytest.fixture
def search_index(settings, tmp_path) -> Path:
    settings.SEARCH_BACKEND = "embedded"
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.SEARCH_LOCK_TIMEOUT = 5
    return settings.SEARCH_INDEX_DIR


@pytest.fixture
def planted(submit, cast, event, search_index, settings, django_capture_on_commit_callbacks) -> Planted:  # noqa: F811
    """An applicant whose two ideas went everywhere an idea goes, with a team member, and who
    registered for an event, with a marker in every field of the registry's inventory; each
    step's e-mails and index updates delivered after its commit."""
    screener, advisor, coordinator = cast["screener"], cast["advisor"], cast["coordinator"]
    digest_reader = make_user("advisor2", "Advisors")
    ReviewerPreferences.objects.create(user=digest_reader, daily_digest=True)

    def step(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    document = PDF + f"% {mark('attachments', 'file')}\n".encode()
    applicant = step(
        submit,
        title=mark("idea", "title"),
        summary=f"{mark('idea', 'summary')} ger läxhjälp.",
        organisation_type="individual",
        organisation_name=mark("idea", "organisation_name"),
        organisation_number=ORGANISATION_NUMBER,
        is_new_enterprise=True,
        registration_date=datetime.date(2024, 5, 2),
        contact_name=mark("idea", "contact_name"),
        contact_email=f"{mark('idea', 'contact_email')}@example.org",
        contact_phone=mark("idea", "contact_phone"),
        consent_showcase=True,
        attachments=[SimpleUploadedFile(f"{mark('attachments', 'original_name')}.pdf", document)],
        team_members=[(mark("team_members", "name"), PLANTED_AS["team_members", "email"])],
    )
    idea = applicant.idea
    step(
        register,
        event.pk,
        Registrant(
            name=mark("registrations", "name"),
            email=idea.contact_email,
            organisation_name=mark("registrations", "organisation_name"),
            organisation_number=ORGANISATION_NUMBER,
            consent_processing=True,
        ),
        language="sv",
    )
    texts = {
        name: f"{mark('decisions', name)} text" for name in ("reason", "private_note", "public_feedback")
    }
    step(claim_and_decide, idea, screener, "request_information", **texts)
    step(
        actions.answer_information_request,
        applicant.secret,
        mark("answers", "text"),
        attachments=[SimpleUploadedFile("svar.pdf", document)],
    )
    step(claim_and_decide, idea, screener, "advance", **texts)
    step(send_review_digests)  # the digest reader's lists the support task
    deadline = TaskDeadline.objects.get(task=open_task(idea))
    step(send_deadline_reminders, deadline.due + datetime.timedelta(days=8))
    step(actions.declare_conflict, idea.pk, cast["second_screener"], mark("conflicts_of_interest", "reason"))
    step(
        actions.log_support_activity,
        idea.pk,
        advisor,
        date=datetime.date(2026, 3, 4),
        activity_type="coaching",
        hours=2,
        notes=mark("support_activities", "notes"),
    )
    step(claim_and_decide, idea, advisor, "advance", **texts)
    step(
        actions.save_pilot_plan,
        idea.pk,
        coordinator,
        partners=mark("pilot_plan", "partners"),
        start=datetime.date(2026, 4, 1),
        end=datetime.date(2026, 9, 30),
        budget=50000,
        success_criteria=mark("pilot_plan", "success_criteria"),
        results=mark("pilot_plan", "results"),
    )
    step(claim_and_decide, idea, coordinator, "market", **texts)
    step(
        actions.record_market_outcome,
        idea.pk,
        coordinator,
        outcome_type="new_company",
        organisation_number=NEW_COMPANY_NUMBER,
        registration_date=datetime.date(2026, 10, 1),
        description=mark("market_outcome", "description"),
    )
    # The second idea is withdrawn, and the e-mail saying so is refused by the applicant's server.
    second = step(submit, title=f"{mark('idea', 'title')} två", contact_email=idea.contact_email.upper())
    settings.EMAIL_BACKEND = f"{__name__}.RefusingRecipients"
    step(actions.withdraw_idea, second.secret, mark("idea", "withdrawal_reason"))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    idea.refresh_from_db()
    return Planted(idea, second.refresh())


def database_dump() -> str:
    """Every row of every table of the database, raw, as lower-case text."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (our own table names)
            rows.extend(f"{table}: {row!r}" for row in cursor.fetchall())
    return "\n".join(rows).lower()


def files_dump(root: Path) -> str:
    return "\n".join(
        f"{path}: {path.read_bytes().decode('latin-1')}" for path in sorted(root.rglob("*")) if path.is_file()
    ).lower()


def leaks(text: str) -> list[str]:
    found = [text[max(0, at - 150) : at + 60] for at in _positions(text, PREFIX)]
    found += [number for number in (ORGANISATION_NUMBER, NEW_COMPANY_NUMBER) if number in text]
    return found


def without_legal_entities(dump: str) -> str:
    """The dump less the register's row of the market outcome's new company: a legal entity's
    number is not personal data, and the funders' figures count by it."""
    kept = [
        line
        for line in dump.splitlines()
        if line.startswith("reach_organisation:") and NEW_COMPANY_NUMBER in line
    ]
    assert len(kept) == 1, "the new company stays in the register"
    return dump.replace(kept[0], "")


def _positions(text: str, word: str) -> list[int]:
    positions, at = [], text.find(word)
    while at != -1 and len(positions) < 5:
        positions.append(at)
        at = text.find(word, at + 1)
    return positions


def planted_text_fields():
    for entry in inventory():
        for name in entry.erased:
            field = entry.model._meta.get_field(name)
            if isinstance(field, models.CharField | models.TextField):
                yield entry, name, PLANTED_AS.get((entry.name, name), marker(entry, name))


def test_erasing_leaves_no_marker_in_any_table_the_search_index_or_the_private_files(
    client, planted, manager, private_media, search_index, django_capture_on_commit_callbacks
):
    before = database_dump()
    missing = [planted for _, _, planted in planted_text_fields() if planted.lower() not in before]
    assert missing == [], "the scenario must plant a marker in every text field of the inventory"
    assert f"{mark('idea', 'contact_email')}@example.org': (550" in before  # in a delivery error
    assert PREFIX in files_dump(private_media)
    assert PREFIX in files_dump(search_index)
    assert [hit.id for hit in get_backend().search(SearchQuery(text=mark("idea", "title")).cleaned()).hits]

    login(client, manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ideas:erase", args=[planted.idea.pk]), {"confirm": "on"})
    assert response.status_code == 302

    assert leaks(without_legal_entities(database_dump())) == []
    assert leaks(files_dump(private_media)) == []
    assert leaks(files_dump(search_index)) == []
    assert list(get_backend().search(SearchQuery(text=mark("idea", "title")).cleaned()).hits) == []
    # The applicant's registration went with the ideas: erasing an applicant erases the person.
    assert Registration.objects.get().erased is not None
    # Every field the inventory blanks holds what it says; the rows it deletes are gone.
    for idea in (planted.idea, planted.withdrawn):
        idea.refresh_from_db()
        assert idea.erased
        assert idea.title == idea.reference
        for entry in INVENTORY:
            rows = list(entry.rows(idea))
            if entry.deletes_rows:
                assert rows == [], entry.name
            for row in rows:
                for name, value in entry.erased.items():
                    if not callable(value) and not isinstance(value, models.Expression | models.F):
                        assert getattr(row, name) == value, f"{entry.name}.{name}"


def test_the_access_export_gives_every_field_of_the_inventory(client, planted, manager):
    login(client, manager)
    response = client.post(reverse("ideas:export_personal_data", args=[planted.idea.pk]))
    exported = json.loads(response.content)
    text = json.dumps(exported, ensure_ascii=False).lower()
    assert [planted for _, _, planted in planted_text_fields() if planted.lower() not in text] == []
    first, second = exported["ideas"]
    assert second["withdrawal_reason"] == mark("idea", "withdrawal_reason")
    for entry in INVENTORY:
        rows = [first] if entry.name == "idea" else first[entry.name]
        assert rows, f"the planted idea has {entry.name}"
        for row in rows:
            assert set(entry.erased) <= set(row), entry.name
