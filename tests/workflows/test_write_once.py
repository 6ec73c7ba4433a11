"""Decisions and audit entries are written once in the database itself, not only in Python: on
PostgreSQL a trigger refuses a raw or bulk UPDATE or DELETE, except the erasure's blanking of a
decision's texts. What these records name (the idea, the task, the user) cannot be deleted from
under them, on any database."""

import pytest
from django.contrib.auth.models import User
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from tests.helpers import make_user
from workflows import actions
from workflows.models import AuditEntry, Decision, Idea

from .helpers import claim_and_decide, open_task
from .test_backoffice_screens import login, messages_of

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the write-once trigger exists on PostgreSQL only (SQLite has only the Python guard); "
    "run `make test-postgres`",
)
TEXTS = {"reason": "Utanför programmet.", "private_note": "Känner sökanden.", "public_feedback": "Tack!"}


@pytest.fixture
def decision(applicant, screener) -> Decision:
    return claim_and_decide(applicant.idea, screener, "reject", **TEXTS)


def refused(statement) -> bool:
    """Whether the database refuses `statement` (run in a savepoint, so the test goes on)."""
    try:
        with transaction.atomic():
            statement()
    except IntegrityError as error:
        reason = str(error)
    else:
        return False
    assert "written once" in reason or "may only be blanked" in reason, reason
    return True


def sql(query: str, *params):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(query, params)

    return run


@on_postgresql
@pytest.mark.django_db
def test_the_database_refuses_to_change_or_delete_a_decision(decision, second_screener):
    decisions = Decision.objects.filter(pk=decision.pk)
    assert refused(sql("UPDATE workflows_decision SET code = 'advance' WHERE id = %s", decision.pk))
    assert refused(sql("DELETE FROM workflows_decision WHERE id = %s", decision.pk))
    assert refused(lambda: decisions.update(code="advance"))
    assert refused(lambda: decisions.update(decided_by=second_screener))
    assert refused(lambda: decisions.update(decided=timezone.now()))
    assert refused(lambda: decisions.update(reason="", decided=timezone.now()))  # blanking is no cover
    assert refused(lambda: decisions.update(private_note="Ett annat omdöme."))  # texts only go to ''
    assert refused(lambda: decisions.delete())
    assert list(decisions.values(*TEXTS, "code")) == [{**TEXTS, "code": "reject"}]


@on_postgresql
@pytest.mark.django_db
def test_the_database_refuses_to_change_or_delete_an_audit_entry(applicant, screener):
    entries = AuditEntry.objects.filter(idea=applicant.idea)
    first = entries.first()
    assert refused(sql("UPDATE workflows_auditentry SET new_value = '{}' WHERE id = %s", first.pk))
    assert refused(sql("DELETE FROM workflows_auditentry WHERE id = %s", first.pk))
    assert refused(lambda: entries.update(acting_user=screener))
    assert refused(lambda: entries.update(created=timezone.now()))
    assert refused(lambda: entries.delete())
    assert entries.count() == 1


@on_postgresql
@pytest.mark.django_db
def test_the_erasure_still_blanks_the_texts_of_decisions(decision, applicant, manager):
    actions.erase_applicant_data(applicant.idea.pk, manager)
    assert list(Decision.objects.filter(pk=decision.pk).values(*TEXTS, "code", "decided_by")) == [
        {**dict.fromkeys(TEXTS, ""), "code": "reject", "decided_by": decision.decided_by_id}
    ]


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_flushing_the_tables_between_tests_is_not_refused(applicant, screener):
    """Django's test flush TRUNCATEs, which fires no row trigger (the teardown's flush too)."""
    claim_and_decide(applicant.idea, screener, "advance")
    tables = [Decision._meta.db_table, AuditEntry._meta.db_table]
    statements = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    assert all(statement.startswith("TRUNCATE") for statement in statements)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    assert not Decision.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_an_idea_with_its_records_is_never_deleted(decision, applicant):
    with pytest.raises(ProtectedError):
        Idea.objects.filter(pk=applicant.idea.pk).delete()
    assert Decision.objects.filter(pk=decision.pk).exists()


@pytest.mark.django_db
def test_an_account_named_in_records_is_deactivated_not_deleted(
    client, applicant, second_screener, admin_user
):
    actions.claim_task(open_task(applicant.idea).pk, second_screener)  # an audit entry names them
    unknown = make_user("visitor")
    login(client, admin_user)
    response = client.post(reverse("wagtailusers_users:delete", args=[second_screener.pk]))
    assert response.status_code == 302
    assert "cannot be deleted" in messages_of(response)[-1]
    assert User.objects.filter(pk=second_screener.pk).exists()
    client.post(reverse("wagtailusers_users:delete", args=[unknown.pk]))
    assert not User.objects.filter(pk=unknown.pk).exists()  # accounts that did nothing still go
