from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
