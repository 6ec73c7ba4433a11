"""The two-factor sign-in's screens in Wagtail's admin, and their place in the account menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import signin


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
