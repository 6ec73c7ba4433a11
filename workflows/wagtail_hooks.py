"""The Ideas menu of the Wagtail admin and its URLs (/admin/ideas/).

Shown only to the reviewing groups and programme managers (`workflows.view_idea`); the views
check the same permission, so a hidden item is also a closed door.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .backoffice import urls
from .backoffice.access import may_use_backoffice


class BackofficeMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_backoffice(request.user)


@hooks.register("register_admin_urls")
def register_ideas_urls():
    return [path("ideas/", include(urls, namespace="ideas"))]


@hooks.register("register_admin_menu_item")
def register_ideas_menu():
    menu = Menu(
        items=[
            BackofficeMenuItem(_("My inbox"), reverse("ideas:inbox"), icon_name="tasks", order=100),
            BackofficeMenuItem(_("My groups' queues"), reverse("ideas:queue"), icon_name="group", order=200),
            BackofficeMenuItem(_("All ideas"), reverse("ideas:index"), icon_name="list-ul", order=300),
        ]
    )
    return SubmenuMenuItem(_("Ideas"), menu, name="ideas", icon_name="tasks", order=150)
