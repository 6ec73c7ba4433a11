from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, door_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("registrations/", admin_views.events, name="registrations_events"),
        path("registrations/<int:event_id>/", admin_views.event, name="registrations_event"),
        path("registrations/<int:event_id>/csv/", admin_views.event_csv, name="registrations_event_csv"),
        path("registrations/<int:event_id>/xlsx/", admin_views.event_xlsx, name="registrations_event_xlsx"),
        path("registrations/<int:event_id>/attendance/", door_views.screen, name="registrations_attendance"),
        path(
            "registrations/<int:event_id>/attendance/<int:registration_id>/",
            door_views.tick,
            name="registrations_tick",
        ),
        path(
            "registrations/<int:event_id>/attendance/walk-in/",
            door_views.walk_in,
            name="registrations_walk_in",
        ),
    ]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return RegistrationsMenuItem(
        _("Registrations"), reverse("registrations_events"), icon_name="date", order=350
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(
        content_type__app_label="registrations", codename__in=("view_registration", "mark_attendance")
    )
