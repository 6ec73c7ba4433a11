"""The Viewflow process of an idea: a proxy of Viewflow's Process that carries our permissions."""

from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

#: Task permissions, one per reviewing group's work (see workflows/groups.py).
TASK_PERMISSIONS = (
    ("screen_idea", _("Can screen ideas")),
    ("support_idea", _("Can support ideas")),
    ("coordinate_pilot", _("Can coordinate pilots")),
    ("decide_market", _("Can decide on market outcomes")),
)


class IdeaProcess(Process):
    """An idea's way through the pipeline; the idea itself is `process.idea` (one-to-one)."""

    class Meta:
        proxy = True
        verbose_name = _("idea process")
        verbose_name_plural = _("idea processes")
        # Viewflow adds "manage" at flow class creation; declaring it keeps migrations stable.
        default_permissions = ("add", "change", "delete", "view", "manage")
        permissions = TASK_PERMISSIONS
