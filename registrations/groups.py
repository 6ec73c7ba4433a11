"""The group that runs events at the door; `ensure_event_hosts()` is idempotent, as the reviewing
groups' `workflows.groups.ensure_reviewer_groups()` is. An install gives it to its event staff in
Wagtail's Settings > Groups; the demo gives it to its host."""

from django.contrib.auth.models import Group, Permission

EVENT_HOSTS = "Event hosts"

#: Seeing the lists and ticking who came, in the Wagtail admin.
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("registrations", "view_registration"),
    ("registrations", "mark_attendance"),
]


def permissions() -> list[Permission]:
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in PERMISSIONS
    ]


def ensure_event_hosts() -> Group:
    group, _created = Group.objects.get_or_create(name=EVENT_HOSTS)
    group.permissions.add(*permissions())
    return group
