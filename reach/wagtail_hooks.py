"""The register's organisations in the Wagtail admin, for managers and pilot coordinators to
correct what the figures count by (whether an organisation is an enterprise, its size, its
founding date, its name and number). Rows come from ideas and registrations, never from here,
and are never deleted: reaches point to them."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import OrganisationForm
from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations reached")
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "name",
        "organisation_number",
        "organisation_type",
        "is_enterprise",
        "size_class",
        "registration_date",
    ]
    list_filter = ["organisation_type", "is_enterprise", "size_class"]
    search_fields = ["name", "organisation_number"]
    search_backend_name = None  # the database's own lookups: no search index to keep for the register
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("organisation_number"),
            FieldPanel("organisation_type"),
            FieldPanel("is_enterprise"),
            FieldPanel("size_class"),
            FieldPanel("registration_date"),
        ],
        base_form_class=OrganisationForm,
    )


register_snippet(OrganisationViewSet)
