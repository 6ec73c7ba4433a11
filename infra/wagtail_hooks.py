"""The two-factor sign-in's screens in Wagtail's admin, and their place in the account menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import page_cache, signin


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


@hooks.register("before_serve_page")
def pages_come_from_the_page_cache(page, request, serve_args, serve_kwargs):
    """Every public page may be stored; what it shows (its translations' links included) is recorded."""
    page_cache.serve_from_cache(request)
    page_cache.shows(f"page:{page.pk}", f"translations:{page.translation_key}")
