"""The Ideas menu of the Wagtail admin and its URLs (/admin/ideas/), the managers' rubric and
deadline screens, and the reviewer's e-mail choice on the account page.

The Ideas screens are shown only to the reviewing groups and programme managers
(`workflows.view_idea`); the views check the same permission, so a hidden item is also a closed
door. The rubric and deadline items follow their models' permissions (managers only). Reviewers'
dashboards open with what waits for them. An account that the ideas' records name is closed, not
deleted.
"""

from django.contrib import messages
from django.db.models.deletion import Collector, ProtectedError
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.permissions import register_permission_policy

from .backoffice import urls
from .backoffice.access import may_use_backoffice
from .backoffice.dashboard import IdeaTasksPanel
from .backoffice.preferences import ReviewerPreferencesPanel
from .backoffice.rubric import CriterionViewSet, StageSettingsPermissionPolicy, StageSettingsViewSet
from .models import StageSettings

# Before the viewsets are registered, or Wagtail creates a default policy for the model.
register_permission_policy(StageSettings, StageSettingsPermissionPolicy(StageSettings))

criterion_viewset = CriterionViewSet()
stage_settings_viewset = StageSettingsViewSet()


class BackofficeMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_backoffice(request.user)


@hooks.register("register_admin_urls")
def register_ideas_urls():
    return [path("ideas/", include(urls, namespace="ideas"))]


@hooks.register("register_admin_viewset")
def register_rubric_viewsets():
    return [criterion_viewset, stage_settings_viewset]


@hooks.register("register_admin_menu_item")
def register_ideas_menu():
    menu = Menu(
        items=[
            BackofficeMenuItem(_("My inbox"), reverse("ideas:inbox"), icon_name="tasks", order=100),
            BackofficeMenuItem(_("My groups' queues"), reverse("ideas:queue"), icon_name="group", order=200),
            BackofficeMenuItem(_("All ideas"), reverse("ideas:index"), icon_name="list-ul", order=300),
            criterion_viewset.get_menu_item(order=400),
            stage_settings_viewset.get_menu_item(order=500),
        ]
    )
    return SubmenuMenuItem(_("Ideas"), menu, name="ideas", icon_name="tasks", order=150)


@hooks.register("register_account_settings_panel")
def register_reviewer_preferences_panel(request, user, profile):
    return ReviewerPreferencesPanel(request, user, profile)


@hooks.register("construct_homepage_panels")
def add_idea_tasks_panel(request, panels):
    if may_use_backoffice(request.user):
        panels.insert(0, IdeaTasksPanel(request.user))


@hooks.register("before_delete_user")
def keep_accounts_that_records_name(request, user):
    """Decisions, scores, stage records and audit entries name who acted, for good (they PROTECT
    their user): such an account is deactivated instead of deleted, and the screen says so."""
    try:
        Collector(using="default").collect([user])
    except ProtectedError:
        messages.error(
            request,
            gettext(
                "This account is named in the records of ideas it worked on, so it cannot be deleted. "
                "Untick “active” to close it instead."
            ),
        )
        return redirect("wagtailusers_users:edit", user.pk)
    return None
