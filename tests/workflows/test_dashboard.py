"""The admin dashboard opens with what waits for the reviewer: inbox, queues, the most urgent tasks."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from workflows import actions
from workflows.models import TaskDeadline

from .helpers import open_task
from .test_backoffice_screens import login

pytestmark = pytest.mark.django_db


def test_a_screener_sees_the_queue_then_the_claimed_task_on_the_dashboard(client, applicant, screener):
    idea = applicant.idea
    login(client, screener)
    html = client.get("/admin/").content.decode()
    assert "0 tasks in my inbox" in html
    assert "1 task waiting in my groups' queues" in html
    assert 'href="/admin/ideas/queue/"' in html

    actions.claim_task(open_task(idea).pk, screener)
    html = client.get("/admin/").content.decode()
    assert "1 task in my inbox" in html
    assert "0 tasks waiting in my groups' queues" in html
    assert f"{idea.reference} · {idea.title}" in html
    assert "Overdue" not in html


def test_overdue_tasks_stand_out(client, applicant, screener):
    task = open_task(applicant.idea)
    TaskDeadline.objects.filter(task=task).update(due=timezone.now() - datetime.timedelta(days=1))
    login(client, screener)
    assert "1 overdue" in client.get("/admin/").content.decode()


def test_editors_dashboards_have_no_ideas_panel(client, editor, applicant):
    login(client, editor)
    assert "Ideas waiting for you" not in client.get("/admin/").content.decode()


def test_the_panel_costs_the_same_queries_for_one_task_or_many(client, submit, screener):
    def dashboard_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/").status_code == 200
        return len(captured)

    login(client, screener)
    actions.claim_task(open_task(submit().idea).pk, screener)
    dashboard_queries()  # the first visit also sets up the session and the admin profile
    one = dashboard_queries()
    for _ in range(4):
        actions.claim_task(open_task(submit().idea).pk, screener)
        submit()
    assert dashboard_queries() == one
