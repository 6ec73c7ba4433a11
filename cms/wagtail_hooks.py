from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import signin
from .models import ChallengeArea, Municipality, Partner


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    list_display = ["name", "role", "website"]
    list_filter = ["role", "locale"]
    search_fields = ["name"]


class ChallengeAreaViewSet(SnippetViewSet):
    model = ChallengeArea
    icon = "tag"
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    list_display = ["name", "code"]
    search_fields = ["name"]


class ProgrammeViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Programme")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (PartnerViewSet, ChallengeAreaViewSet, MunicipalityViewSet)


register_snippet(ProgrammeViewSetGroup)


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
