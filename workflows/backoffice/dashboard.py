"""The reviewer's start page in the admin: their inbox and their groups' queues at a glance."""

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .. import queries

SHOWN = 5


def _counts(tasks, now) -> dict:
    return tasks.order_by().aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(deadline__due__lt=now)))


class IdeaTasksPanel(Component):
    """First on the dashboard of whoever reviews: what waits for them, the most urgent first."""

    name = "idea_tasks"
    template_name = "workflows/admin/dashboard_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        now = timezone.now()
        inbox, queue = queries.inbox(self.user), queries.queue(self.user)
        context.update(
            {
                "now": now,
                "inbox": _counts(inbox, now),
                "queue": _counts(queue, now),
                "urgent": list(inbox[:SHOWN]),
            }
        )
        return context
