"""The reviewing groups and their permissions; `ensure_reviewer_groups()` is idempotent.

Each View task of `IdeaFlow` requires one task permission; the group holding it sees the
task in its queue (`pipeline.TASKS` names each task's group). Viewflow shows a reviewer no
task at all without the process model's `view` permission, so every reviewing group gets
`workflows.view_ideaprocess` too.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

#: The groups' stored names: keys that code and data refer to, so they stay as they are in every
#: language; `group_label` gives the name a member reads.
SCREENING = "Screening committee"
ADVISORS = "Advisors"
PILOT_COORDINATORS = "Pilot coordinators"
MANAGERS = "Programme managers"
LABELS = {
    SCREENING: _("Screening committee"),
    ADVISORS: _("Advisors"),
    PILOT_COORDINATORS: _("Pilot coordinators"),
    MANAGERS: _("Programme managers"),
}


def group_label(name: str):
    """The group's name, translated when it is rendered (an e-mail in its reader's language); a
    group the programme added keeps its own name."""
    return LABELS.get(name, name)


_REVIEWER = ["wagtailadmin.access_admin", "workflows.view_ideaprocess", "workflows.view_idea"]
#: Correcting the register's organisations, which the funders' figures count (reach/wagtail_hooks.py).
_REGISTER = ["reach.view_organisation", "reach.change_organisation"]
GROUP_PERMISSIONS = {
    SCREENING: [*_REVIEWER, "workflows.screen_idea"],
    ADVISORS: [*_REVIEWER, "workflows.support_idea"],
    PILOT_COORDINATORS: [*_REVIEWER, "workflows.coordinate_pilot", "workflows.decide_market", *_REGISTER],
    MANAGERS: [
        *_REVIEWER,
        "workflows.screen_idea",
        "workflows.support_idea",
        "workflows.coordinate_pilot",
        "workflows.decide_market",
        # Viewflow's own: reassign, unassign and cancel any task of the flow.
        "workflows.manage_ideaprocess",
        "workflows.change_idea",
        "workflows.add_criterion",
        "workflows.change_criterion",
        "workflows.delete_criterion",  # refused once scores were given on it (workflows/backoffice/rubric.py)
        "workflows.view_criterion",
        "workflows.change_stagesettings",
        "workflows.view_stagesettings",
        "workflows.view_auditentry",
        *_REGISTER,
        # The programme's period and targets (Settings, Programme targets), read by the figures.
        "figures.change_programmetargets",
        # Find, export and erase a person's personal data (infra/personal_data_views.py).
        "infra.manage_personal_data",
    ],
}


def permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_reviewer_groups() -> dict[str, Group]:
    """Create the four groups if missing and give each exactly its pipeline permissions (adds only)."""
    groups = {}
    for name, dotted_names in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(permission(dotted) for dotted in dotted_names))
        groups[name] = group
    return groups


def is_manager(user) -> bool:
    return user.is_superuser or user.has_perm("workflows.manage_ideaprocess")
