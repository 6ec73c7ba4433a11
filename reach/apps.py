from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    """Whom the programme reached: the register of persons and organisations the figures count."""

    name = "reach"
    verbose_name = _("Reach")

    def ready(self):
        from infra import personal_data

        from .personal_data import SOURCE

        personal_data.register(SOURCE)
