"""Two reviewers deciding the same task at once: exactly one decision counts.

Runs on PostgreSQL, where the flow's `select_for_update_lock` really locks the process row:
each thread has its own database connection and transaction. On SQLite `SELECT ... FOR
UPDATE` is ignored (writers are serialised by IMMEDIATE transactions instead) and the unique
decision per task is the backstop, tested in test_records.py.

    make test-postgres   # or, after `make services`:
    DATABASE_URL=postgres://sis:sis@127.0.0.1:5432/sis .venv/bin/pytest tests/workflows
"""

import threading
import time

import pytest
from django.db import connection

from workflows import actions, errors
from workflows.actions import decisions
from workflows.models import AuditEntry, AuditEvent, Decision, Status

from .helpers import idea_fields, open_nodes, open_task

pytestmark = [
    # serialized_rollback: the migrations' data (groups, permissions, root page) comes back
    # after each test's flush, for the transactional tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite ignores SELECT ... FOR UPDATE (the unique decision per task is its "
        "backstop, see test_records.py); run `make test-postgres`",
    ),
]


def race(*calls):
    """Run the calls in threads released at the same instant; [(result or exception)] in call order."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as exc:  # the losing side's domain error, collected for the assertions
            outcomes[index] = exc
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.fixture
def slow_completion(monkeypatch):
    """Hold the lock a while inside the first decision, so the two really overlap."""
    original = decisions.complete_view_task

    def slow(task):
        time.sleep(0.5)
        return original(task)

    monkeypatch.setattr(decisions, "complete_view_task", slow)


def assert_one_decision(applicant, outcomes):
    winners = [o for o in outcomes if isinstance(o, Decision)]
    losers = [o for o in outcomes if not isinstance(o, Decision)]
    assert len(winners) == 1, outcomes
    assert len(losers) == 1, outcomes
    assert isinstance(losers[0], errors.WorkflowError), outcomes
    [decision] = Decision.objects.all()
    assert decision.pk == winners[0].pk
    assert AuditEntry.objects.filter(event=AuditEvent.DECISION_MADE).count() == 1
    return decision


def test_two_decisions_posted_at_once_on_the_same_task_count_once(applicant, screener, slow_completion):
    task = open_task(applicant.idea)
    actions.claim_task(task.pk, screener)

    outcomes = race(
        lambda: actions.decide(task.pk, screener, "advance"),
        lambda: actions.decide(task.pk, screener, "reject", reason="Out of scope"),
    )

    decision = assert_one_decision(applicant, outcomes)
    loser = next(o for o in outcomes if not isinstance(o, Decision))
    # Whoever came second found the task done (or, after a rejection, the idea finished).
    assert isinstance(loser, errors.TaskNotOpen | errors.IdeaFinished | errors.Busy), loser
    idea = applicant.refresh()
    if decision.code == "advance":
        assert (idea.stage, idea.status, open_nodes(idea)) == ("support", Status.ACTIVE, ["support"])
    else:
        assert (idea.status, open_nodes(idea)) == (Status.REJECTED, [])


def test_two_reviewers_claiming_and_deciding_the_same_task_at_once(
    applicant, screener, second_screener, slow_completion
):
    task = open_task(applicant.idea)

    def claim_and_decide(user, code, **kwargs):
        actions.claim_task(task.pk, user)
        return actions.decide(task.pk, user, code, **kwargs)

    outcomes = race(
        lambda: claim_and_decide(screener, "advance"),
        lambda: claim_and_decide(second_screener, "hold"),
    )

    decision = assert_one_decision(applicant, outcomes)
    expected = {"advance": ["support"], "hold": ["on_hold"]}[decision.code]
    assert open_nodes(applicant.idea) == expected
    # One claim and one decision in the log, no half-written trace of the loser.
    assert AuditEntry.objects.filter(event=AuditEvent.TASK_CLAIMED).count() == 1


def test_ideas_submitted_at_once_get_different_reference_numbers(taxonomy, groups):
    outcomes = race(*[lambda: actions.submit_idea(**idea_fields(taxonomy)) for _ in range(4)])

    references = sorted(outcome[0].reference for outcome in outcomes)
    assert len(set(references)) == 4, outcomes
    assert [int(reference[-5:]) for reference in references] == [1, 2, 3, 4]
