"""The cast of the idea pipeline: an applicant (known only by the status link), a screener, a
second screener, an advisor, a pilot coordinator and a programme manager."""

from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from viewflow.workflow.status import STATUS

from cms.models import ChallengeArea, Municipality
from infra.models import OutboxMessage
from tests.conftest import make_user, publish
from workflows import actions
from workflows.groups import ensure_reviewer_groups
from workflows.models import AuditEntry, Idea, IdeaSubmissionPage
from workflows.queries import open_task_of

# A real organisation number (Luhn-valid), the classic example of Swedish documentation.
ORGANISATION_NUMBER = "556036-0793"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def groups(db):
    return ensure_reviewer_groups()


@pytest.fixture
def screener(groups) -> User:
    return make_user("screener", "Screening committee")


@pytest.fixture
def second_screener(groups) -> User:
    return make_user("screener2", "Screening committee")


@pytest.fixture
def advisor(groups) -> User:
    return make_user("advisor", "Advisors")


@pytest.fixture
def coordinator(groups) -> User:
    return make_user("coordinator", "Pilot coordinators")


@pytest.fixture
def manager(groups) -> User:
    return make_user("manager", "Programme managers")


@pytest.fixture
def cast(screener, second_screener, advisor, coordinator, manager):
    return {
        "screener": screener,
        "second_screener": second_screener,
        "advisor": advisor,
        "coordinator": coordinator,
        "manager": manager,
    }


@pytest.fixture
def taxonomy(db):
    area = ChallengeArea.objects.create(
        slug="ungdomsarbetsloshet", name="Ungdomsarbetslöshet", name_en="Youth unemployment"
    )
    municipality = Municipality.objects.create(slug="malmo", name="Malmö", code="1280")
    return area, municipality


def idea_fields(taxonomy, **overrides) -> dict:
    area, municipality = taxonomy
    fields = {
        "title": "Läxhjälp på biblioteket",
        "summary": "Unga vuxna ger läxhjälp till högstadieelever på Malmös bibliotek.",
        "challenge_areas": [area],
        "municipality": municipality,
        "organisation_type": "idea_driven",
        "organisation_name": "Läxhjälpen ideell förening",
        "organisation_number": ORGANISATION_NUMBER,
        "contact_name": "Amina Rahimi",
        "contact_email": "amina@example.org",
        "contact_phone": "040-123 45 67",
        "team_size": 4,
        "women_count": 3,
        "men_count": 1,
        "language": "sv",
        "consent_processing": True,
        "consent_showcase": False,
    }
    fields.update(overrides)
    return fields


@dataclass
class Applicant:
    """The applicant: no account, only the secret of the status link."""

    idea: Idea
    secret: str

    def refresh(self) -> Idea:
        self.idea.refresh_from_db()
        return self.idea


@pytest.fixture
def submit(taxonomy, groups):
    def submit(**overrides) -> Applicant:
        idea, secret = actions.submit_idea(**idea_fields(taxonomy, **overrides))
        return Applicant(idea, secret)

    return submit


@pytest.fixture
def applicant(submit) -> Applicant:
    return submit()


def open_task(idea: Idea):
    task = open_task_of(idea)
    assert task is not None, "the idea has no open reviewer task"
    return task


def claim_and_decide(idea: Idea, user, code: str, **kwargs):
    task = open_task(idea)
    actions.claim_task(task.pk, user)
    return actions.decide(task.pk, user, code, **kwargs)


def flow_nodes(idea: Idea) -> list[tuple[str, str]]:
    """(node name, status) of every task of the idea's process, in creation order."""
    from viewflow.workflow.models import Task

    return [
        (task.flow_task.name, task.status)
        for task in Task.objects.filter(process_id=idea.process_id).order_by("pk")
    ]


def open_nodes(idea: Idea) -> list[str]:
    return [name for name, status in flow_nodes(idea) if status in (STATUS.NEW, STATUS.ASSIGNED)]


@dataclass
class Effects:
    audit: list
    outbox: list


@contextmanager
def effects():
    """The audit entries and outbox rows written inside the block."""
    last_audit = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    last_outbox = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    found = Effects([], [])
    yield found
    found.audit.extend(AuditEntry.objects.filter(pk__gt=last_audit).order_by("pk"))
    found.outbox.extend(OutboxMessage.objects.filter(pk__gt=last_outbox).order_by("pk"))


def emails_to(found: Effects, address: str) -> list:
    return [row for row in found.outbox if row.kind == "email" and row.payload["to"] == [address]]


@pytest.fixture
def intake(site_tree, groups):
    """The submission page under both home pages: (Swedish page, English page)."""
    page = site_tree.home.add_child(
        instance=IdeaSubmissionPage(
            title="Skicka in en idé", slug="skicka-in-en-ide", intro="<p>Berätta om din idé.</p>"
        )
    )
    publish(page)
    english = page.copy_for_translation(site_tree.en)
    english.title, english.slug, english.intro = "Submit an idea", "submit-an-idea", "<p>Tell us.</p>"
    english.save()
    publish(english)
    return page, english
