from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Registration for events: the public form, seats and the waiting list, the participants' e-mails."""

    name = "registrations"
    verbose_name = _("Event registrations")

    def ready(self):
        from infra import personal_data

        from .personal_data import SOURCE

        personal_data.register(SOURCE)
