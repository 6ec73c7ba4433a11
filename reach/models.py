"""The register of whom the programme reached: organisations, persons, and each time they were reached.

The figures count from here, never from the ideas or registrations themselves: a withdrawn idea,
a cancelled registration or an erased person leaves its `Reach` rows, so a closed period gives
the same numbers tomorrow. An erased person stays as an anonymous tally row (no e-mail, no
name), still counted once with what they declared.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .organisation_numbers import validate_organisation_number


class OrganisationType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COMPANY = "company", _("Company")
    IDEA_DRIVEN = "idea_driven", _("Idea-driven organisation")
    PUBLIC_ACTOR = "public_actor", _("Public actor")
    OTHER = "other", _("Other")


class SizeClass(models.TextChoices):
    """The Commission's size classes, by persons employed."""

    MICRO = "micro", _("Micro (fewer than 10)")
    SMALL = "small", _("Small (fewer than 50)")
    MEDIUM = "medium", _("Medium-sized (fewer than 250)")
    LARGE = "large", _("Large (250 or more)")


class Organisation(models.Model):
    """An organisation the programme reached, one row per organisation number.

    An organisation without a number (a group not yet registered) has a row of its own each
    time; it is listed, never counted as an enterprise."""

    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_organisation_number],
        help_text=_("Swedish organisation number, NNNNNN-NNNN."),
    )
    name = models.CharField(_("name"), max_length=200)
    organisation_type = models.CharField(
        _("organisation type"), max_length=20, choices=OrganisationType.choices, db_index=True
    )
    is_enterprise = models.BooleanField(
        _("enterprise"),
        default=False,
        help_text=_(
            "Produces goods or services for a market, whatever its legal form (sole traders, companies, "
            "economic associations, cooperatives); public bodies are not enterprises."
        ),
    )
    size_class = models.CharField(_("size"), max_length=10, choices=SizeClass.choices, blank=True)
    registration_date = models.DateField(
        _("registration date"),
        null=True,
        blank=True,
        help_text=_("Founding date: an enterprise founded under three years before support is new."),
    )
    created = models.DateTimeField(_("first reached"), default=timezone.now)
    erased = models.DateTimeField(_("personal data erased"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation_number__isnull=True) | Q(erased__isnull=True),
                name="reach_organisation_erased_has_no_number",
            )
        ]

    def __str__(self):
        if self.erased:
            return str(_("Anonymous organisation (erased)"))
        return f"{self.name} ({self.organisation_number})" if self.organisation_number else self.name


#: The rows that are a person rather than a legal entity: an individual's, or a sole trader's
#: (whose number is their personal identity number: a month in the third and fourth digits, where
#: a legal entity's are 20 or more). Their name and number are erased with the person.
PERSONAL_ORGANISATION = Q(organisation_type=OrganisationType.INDIVIDUAL) | Q(
    organisation_number__regex=r"^[0-9]{2}[01]"
)


def countable_enterprise(via: str = "") -> Q:
    """The organisations the funders' indicators count as enterprises (`via`: the lookup path to
    the organisation, e.g. "organisation__"): identified by their number, or identified by it
    until erasure (a sole trader who asked to be forgotten was still supported, and counts)."""
    return Q(**{f"{via}is_enterprise": True}) & (
        Q(**{f"{via}organisation_number__isnull": False}) | Q(**{f"{via}erased__isnull": False})
    )


class Gender(models.TextChoices):
    """Declared by the person, never required; blank is "not stated"."""

    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other or non-binary")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class AgeBand(models.TextChoices):
    UNDER_25 = "under_25", _("Under 25")
    FROM_25 = "25_34", _("25–34")
    FROM_35 = "35_44", _("35–44")
    FROM_45 = "45_54", _("45–54")
    FROM_55 = "55_64", _("55–64")
    FROM_65 = "65_plus", _("65 or older")


class Person(models.Model):
    """A person the programme reached, counted once by their normalised e-mail address.

    Erasure empties `email` and sets `erased`: the row stays as an anonymous tally with the
    declared gender and age band, the municipality and the date first reached."""

    email = models.EmailField(_("e-mail"), null=True, blank=True, unique=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=10, choices=AgeBand.choices, blank=True)
    municipality = models.ForeignKey(
        "cms.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_reached = models.DateTimeField(_("first reached"), default=timezone.now, db_index=True)
    erased = models.DateTimeField(_("personal data erased"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("person reached")
        verbose_name_plural = _("persons reached")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=True) | Q(erased__isnull=True),
                name="reach_person_erased_has_no_email",
            )
        ]

    def __str__(self):
        return self.email or _("Anonymous person (erased)")


class Channel(models.TextChoices):
    IDEA = "idea", _("Idea")
    EVENT = "event", _("Event")


class Role(models.TextChoices):
    CONTACT = "contact", _("Contact person")
    TEAM_MEMBER = "team_member", _("Team member")
    PARTICIPANT = "participant", _("Participant")


class Reach(models.Model):
    """That a person, or an organisation, or both, were reached: when, and through what.

    Written once and never changed or deleted with what caused it; the figures count these."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reaches",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reaches",
    )
    channel = models.CharField(_("through"), max_length=10, choices=Channel.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    #: The idea's reference or the event page's id: which idea or event, not personal data.
    source = models.CharField(_("source"), max_length=40)
    reached = models.DateTimeField(_("reached"), default=timezone.now)

    class Meta:
        verbose_name = _("reach")
        verbose_name_plural = _("reaches")
        # A period's reaches, by channel, and whom they reached: read from the index alone.
        indexes = [
            models.Index(
                fields=["reached", "channel", "person", "organisation"], name="reach_reach_reached_who"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organisation__isnull=False), name="reach_reach_someone"
            ),
            models.UniqueConstraint(
                fields=["person", "channel", "source", "role"], name="reach_reach_once_per_source"
            ),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.source} {self.reached:%Y-%m-%d}"
