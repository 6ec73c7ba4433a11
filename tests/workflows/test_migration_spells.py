"""Ideas from before the stage spells get them from their audit log by a data migration; migrating
back drops them and leaves the log as it was."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# Migrations change the schema, which SQLite refuses inside a test's transaction; the data the
# migrations made (groups, permissions, root page) comes back after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("workflows", "0013_idea_text_search_indexes")]
AFTER = [("workflows", "0014_stage_spells")]
DAY = timezone.make_aware(datetime.datetime(2025, 3, 1, 10))


def migrate(targets):
    """The apps as they were at `targets`, once the database is there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def at(days: int) -> datetime.datetime:
    return DAY + datetime.timedelta(days=days)


@pytest.fixture
def old_ideas():
    """Three ideas with stage changes in their audit logs (and an entry of another kind)."""
    yield _old_ideas(migrate(BEFORE))
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # as the other tests expect it


def _old_ideas(apps) -> dict[str, int]:
    Idea, AuditEntry = apps.get_model("workflows", "Idea"), apps.get_model("workflows", "AuditEntry")

    def idea(serial, *changes):
        made = Idea.objects.create(
            reference=f"SIS-2025-{serial:05d}",
            title="Idé",
            summary="Sammanfattning",
            organisation_type="company",
            contact_name="Amina Rahimi",
            contact_email="amina@example.org",
            consent_processing=True,
            created=at(serial),
        )
        for event, new_value, moment in changes:
            AuditEntry.objects.create(idea=made, event=event, new_value=new_value, created=moment)
        return made.pk

    return {
        "in support": idea(
            1,
            (101, {"stage": "submitted", "status": "active"}, at(1)),
            (201, {"stage": "screening", "owner": 1}, at(2)),  # a claim: not a stage change
            (301, {"stage": "screening", "status": "on_hold", "decision": "hold"}, at(3)),
            (301, {"stage": "support", "status": "active", "decision": "advance"}, at(5)),
        ),
        "rejected": idea(
            2,
            (101, {"stage": "submitted", "status": "active"}, at(2)),
            (301, {"stage": "screening", "status": "rejected", "decision": "reject"}, at(4)),
        ),
        "withdrawn": idea(
            3,
            (101, {"stage": "submitted", "status": "active"}, at(3)),
            (103, {"status": "withdrawn", "cancelled_tasks": [1]}, at(6)),
        ),
    }


def test_old_ideas_get_their_spells_from_the_audit_log(old_ideas):
    apps = migrate(AFTER)
    StageSpell = apps.get_model("workflows", "StageSpell")

    def spells(name):
        return list(
            StageSpell.objects.filter(idea_id=old_ideas[name])
            .order_by("entered")
            .values_list("stage", "entered", "left", "exit", "exit_stage")
        )

    assert spells("in support") == [
        ("submitted", at(1), at(3), "", ""),
        ("screening", at(3), at(5), "", ""),
        ("support", at(5), None, "", ""),
    ]
    assert spells("rejected") == [("submitted", at(2), at(4), "rejected", "screening")]
    assert spells("withdrawn") == [("submitted", at(3), at(6), "withdrawn", "")]


def test_migrating_back_drops_the_spells_and_keeps_the_log(old_ideas):
    migrate(AFTER)
    apps = migrate(BEFORE)
    assert "workflows_stagespell" not in connection.introspection.table_names()
    assert apps.get_model("workflows", "AuditEntry").objects.count() == 8
