from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Registration for events: the public form, seats and the waiting list, the participants' e-mails."""

    name = "registrations"
    verbose_name = _("Event registrations")

    def ready(self):
        from infra import personal_data
        from search.notes import register_hit_notes

        from .personal_data import SOURCE
        from .search_notes import full_events

        personal_data.register(SOURCE)
        register_hit_notes("event", full_events)
