"""The idea pipeline as the tests drive and inspect it: an idea's fields, its applicant, its open
task and a decision on it, and the audit entries and outbox rows an action writes."""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass

from viewflow.workflow.status import STATUS

from infra.models import OutboxMessage
from workflows import actions
from workflows.models import AuditEntry, Idea, PilotPlan
from workflows.queries import open_task_of

# A real organisation number (Luhn-valid), the classic example of Swedish documentation.
ORGANISATION_NUMBER = "556036-0793"


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


def open_task(idea: Idea):
    task = open_task_of(idea)
    assert task is not None, "the idea has no open reviewer task"
    return task


def claim_and_decide(idea: Idea, user, code: str, **kwargs):
    """`user` claims the open task and decides; before "market" they write the pilot plan it needs."""
    task = open_task(idea)
    actions.claim_task(task.pk, user)
    if code == "market" and not PilotPlan.objects.filter(idea=idea).exists():
        save_a_pilot_plan(idea, user)
    return actions.decide(task.pk, user, code, **kwargs)


def save_a_pilot_plan(idea: Idea, coordinator) -> PilotPlan:
    return actions.save_pilot_plan(
        idea.pk,
        coordinator,
        start=datetime.date(2016, 9, 1),
        end=datetime.date(2017, 6, 1),
        success_criteria="Trettio elever med godkänt betyg.",
    )


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
