"""The managers' screen for the stage deadlines (Ideas → Stage deadlines): what it changes, what
it refuses and why. Who reaches it is in test_rubric_admin_access.py."""

import pytest
from django.urls import reverse

from workflows.models import StageSettings

from .test_backoffice_screens import login
from .test_rubric_admin import errors_of, log_actions

pytestmark = pytest.mark.django_db


def test_a_manager_changes_a_stages_deadline_for_tasks_created_afterwards(client, manager, submit):
    login(client, manager)
    screening = StageSettings.objects.get(stage="screening")
    edit_url = reverse("stage_deadlines:edit", args=[screening.pk])
    page = client.get(edit_url).text
    assert "a change applies to tasks created afterwards" in page
    waiting = submit().idea.deadlines.get()

    response = client.post(edit_url, {"deadline_days": "30", "overdue_notify_days": "3"})
    assert response.status_code == 302
    screening.refresh_from_db()
    assert (screening.deadline_days, screening.overdue_notify_days) == (30, 3)
    assert log_actions(screening) == [("wagtail.edit", "manager")]

    later = submit(title="Cykelkök i Rosengård").idea.deadlines.get()
    assert (later.due - later.task.created).days == 30
    assert waiting.due == type(waiting).objects.get(pk=waiting.pk).due  # unchanged


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"deadline_days": "0", "overdue_notify_days": "7"},
            "deadline_days",
            "Ensure this value is greater than or equal to 1.",
        ),
        (
            {"deadline_days": "366", "overdue_notify_days": "7"},
            "deadline_days",
            "Ensure this value is less than or equal to 365.",
        ),
        (
            {"deadline_days": "14", "overdue_notify_days": "400"},
            "overdue_notify_days",
            "Ensure this value is less than or equal to 365.",
        ),
        ({"deadline_days": "två", "overdue_notify_days": "7"}, "deadline_days", "Enter a whole number."),
    ],
)
def test_days_outside_1_to_365_are_refused_with_a_message(client, manager, data, field, message):
    login(client, manager)
    market = StageSettings.objects.get(stage="market")
    before = market.deadline_days, market.overdue_notify_days
    response = client.post(reverse("stage_deadlines:edit", args=[market.pk]), data)
    assert response.status_code == 200
    assert errors_of(response, field) == [message]
    market.refresh_from_db()
    assert (market.deadline_days, market.overdue_notify_days) == before
