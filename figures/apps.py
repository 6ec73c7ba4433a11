from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    """The programme's figures: the counting rules, the managers' Figures screen, the funders' report."""

    name = "figures"
    verbose_name = _("Figures")
