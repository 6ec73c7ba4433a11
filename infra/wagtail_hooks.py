"""The two-factor sign-in's screens in Wagtail's admin, and their place in the account menu; the
managers' Personal data screen and its menu item, shown to those holding its permission; the
admin's shared styles (the scrollable table region)."""

from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import page_cache, personal_data_views, signin


@hooks.register("insert_global_admin_css")
def admin_styles():
    return format_html('<link rel="stylesheet" href="{}">', static("infra/admin.css"))


@hooks.register("register_admin_urls")
def signin_urls():
    return [
        path("two-factor/", signin.verify, name="signin_verify"),
        path("two-factor/set-up/", signin.set_up, name="signin_set_up"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("signin_set_up"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Set up or replace the authenticator app that gives your sign-in codes."),
    }


@hooks.register("register_admin_urls")
def personal_data_urls():
    return [
        path("personal-data/", personal_data_views.screen, name="personal_data"),
        path("personal-data/export/", personal_data_views.export, name="personal_data_export"),
        path("personal-data/erase/", personal_data_views.erase, name="personal_data_erase"),
    ]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(personal_data_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def personal_data_menu_item():
    return PersonalDataMenuItem(
        _("Personal data"), reverse("personal_data"), name="personal_data", icon_name="user", order=900
    )


@hooks.register("register_permissions")
def personal_data_permission():
    return Permission.objects.filter(content_type__app_label="infra", codename="manage_personal_data")


@hooks.register("before_serve_page")
def pages_come_from_the_page_cache(page, request, serve_args, serve_kwargs):
    """Every public page may be stored; what it shows (its translations' links included) is recorded."""
    page_cache.serve_from_cache(request)
    page_cache.shows(f"page:{page.pk}", f"translations:{page.translation_key}")
