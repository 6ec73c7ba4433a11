"""The programme's period and targets: what the figures are measured against, edited by managers."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

#: Three years, stated in the docs: the default until a manager sets the programme's own.
DEFAULT_START = datetime.date(2025, 7, 1)
DEFAULT_END = datetime.date(2028, 6, 30)
DEFAULT_MOBILISED_TARGET = 1300


def _target(label):
    return models.PositiveIntegerField(
        label, null=True, blank=True, help_text=_("Leave empty for no target.")
    )


@register_setting(icon="pick")
class ProgrammeTargets(BaseGenericSetting):
    """The programme period and the targets per figure (one row for the whole installation)."""

    start = models.DateField(_("programme starts"), default=DEFAULT_START)
    end = models.DateField(_("programme ends"), default=DEFAULT_END)
    mobilised_target = models.PositiveIntegerField(
        _("persons and companies to mobilise"), default=DEFAULT_MOBILISED_TARGET
    )
    co01_target = _target(_("CO01 enterprises receiving support"))
    co04_target = _target(_("CO04 enterprises receiving non-financial support"))
    co05_target = _target(_("CO05 new enterprises supported"))
    co29_target = _target(_("CO29 enterprises introducing products new to the firm"))

    panels = [
        MultiFieldPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Programme period")),
        FieldPanel("mobilised_target"),
        MultiFieldPanel(
            [
                FieldPanel("co01_target"),
                FieldPanel("co04_target"),
                FieldPanel("co05_target"),
                FieldPanel("co29_target"),
            ],
            heading=_("The funders' indicators"),
        ),
    ]

    class Meta:
        verbose_name = _("programme targets")
        permissions = [("view_figures", _("Can see the programme's figures and the funders' report"))]

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The programme must end after it starts.")})

    def target_of(self, code: str) -> int | None:
        """The target of a figure by its code (`mobilised`, `co01` …), or None."""
        return getattr(self, f"{code}_target", None)


class DataVersion(models.Model):
    """A number per table the counting rules read that grows with every change to it, kept by
    database triggers (migrations 0002 and 0003, `COUNTED`): the keys under which a period's
    figures, and each rule's count, are kept (`figures.kept`). The triggers fire in the changing
    transaction, whoever writes (our actions, a bulk load, the erasure), so the numbers a request
    reads move exactly when the data they count does. On SQLite (one writer at a time) a table
    has one row; on PostgreSQL a change adds one to any row of its table no other transaction
    holds, or to a new row, so that writers never wait for each other on it: a table's version
    is the sum of its rows, the data version the sum of all."""

    #: The table whose changes this row counts (empty on the rows from before versions per table).
    counted = models.CharField(max_length=63, default="")
    n = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("data version of the figures")

    def __str__(self):
        return str(self.n)
