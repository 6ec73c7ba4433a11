"""The team members an applicant lists on the intake form, each also a person in the register."""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: How many team members the intake form takes.
MAX_TEAM_MEMBERS = 5


class TeamMember(models.Model):
    """One member of the team behind an idea, as the applicant named them. Name and address are
    personal data (erased with the idea's); the person in the register stays as a tally row."""

    idea = models.ForeignKey(
        "workflows.Idea", verbose_name=_("idea"), on_delete=models.CASCADE, related_name="team_members"
    )
    name = models.CharField(_("name"), max_length=200)
    #: Normalised (`reach.actions.normalise_email`); empty once erased.
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    person = models.ForeignKey(
        "reach.Person",
        verbose_name=_("person in the register"),
        on_delete=models.PROTECT,
        related_name="team_memberships",
    )

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["idea", "pk"]

    def __str__(self):
        return self.name or str(_("(erased)"))
