"""The reviewer's start page in the admin: their inbox and their groups' queues at a glance."""

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .. import queries

SHOWN = 5


def _counts(deadlines, now) -> dict:
    return deadlines.order_by().aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(due__lt=now)))


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
        held = queries.held(self.user)
        waiting = queries.waiting_count(self.user)
        context.update(
            {
                "now": now,
                "inbox": _counts(held, now),
                # Overdue is None when it is over COUNTED_AT_MOST and so is the rest.
                "queue": {"total": waiting, "overdue": queries.waiting_overdue(self.user, waiting, now)},
                "urgent": list(queries.tasks_of(held[:SHOWN])),
            }
        )
        return context
