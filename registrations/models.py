"""Registrations for events: who took a seat or waits for one, until they cancel or the data expires.

A registration holds the registrant's words (name, e-mail, organisation) only until the retention
rule erases them; what the figures need is written to the register (`reach`) when someone marks
the registrant as having come (`attendance`), and stays.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


def name_of_language(code: str) -> str:
    """The language's name in the reader's language ("Swedish", "svenska")."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


class Status(models.TextChoices):
    SEATED = "seated", _("Has a seat")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Those holding a seat or a place on the waiting list."""
        return self.filter(status__in=(Status.SEATED, Status.WAITING))

    def waiting_in_order(self):
        return self.filter(status=Status.WAITING).order_by("created", "pk")


class Registration(models.Model):
    """One person's registration for one event. One active registration per e-mail and event."""

    event = models.ForeignKey(
        "cms.EventPage", verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    #: Normalised (`reach.actions.normalise_email`); empty once erased.
    email = models.EmailField(_("e-mail"), blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_number = models.CharField(_("organisation number"), max_length=11, blank=True)
    person = models.ForeignKey(
        "reach.Person", verbose_name=_("person in the register"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "reach.Organisation",
        verbose_name=_("organisation in the register"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: The language of the page registered from: the e-mails are written in it.
    language = models.CharField(_("language"), max_length=8)
    consent_processing = models.BooleanField(_("consented to the processing"), default=False)
    #: SHA-256 of the private cancel link's secret; the secret itself is only in the e-mail.
    cancel_token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001 (many rows have none: unique needs NULL, not "")
    created = models.DateTimeField(_("registered"), default=timezone.now)
    seated = models.DateTimeField(_("seated"), null=True, blank=True)
    cancelled = models.DateTimeField(_("cancelled"), null=True, blank=True)
    #: When the door staff marked the registrant as having come: only these were reached.
    attended = models.DateTimeField(_("attended"), null=True, blank=True)
    #: Came without a registration (or from the waiting list) and was let in at the door.
    walk_in = models.BooleanField(_("walk-in"), default=False)
    reminder_sent = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    erased = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=("seated", "waiting")) & ~Q(email=""),
                name="registrations_one_active_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created"], name="registrations_event_status")]
        permissions = [("mark_attendance", _("Can mark attendance and add walk-ins at the door"))]

    def __str__(self):
        return f"{self.name or _('(erased)')} – {self.get_status_display()}"

    @property
    def language_name(self) -> str:
        return name_of_language(self.language)


class Change(models.TextChoices):
    SEATED = "seated", _("Registered with a seat")
    WAITING = "waiting", _("Registered on the waiting list")
    PROMOTED = "promoted", _("Moved up from the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ERASED = "erased", _("Personal data erased")
    ATTENDED = "attended", _("Marked as attended")
    UNATTENDED = "unattended", _("Attendance mark undone")
    WALKED_IN = "walked_in", _("Let in at the door")


class RegistrationLog(models.Model):
    """What happened to a registration, and when: written once per change, never updated.

    No personal data: the registration, a code, a time and the staff member who acted (none for
    the registrant or the system)."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="log"
    )
    change = models.CharField(_("change"), max_length=10, choices=Change.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("registration log entry")
        verbose_name_plural = _("registration log entries")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_change_display()} {self.at:%Y-%m-%d %H:%M}"
