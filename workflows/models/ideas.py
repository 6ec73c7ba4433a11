"""The idea as the applicant gave it, its attachments, and the applicant's private status link.

Everything reported, filtered or exported is a real column here (stage and status included),
not in Viewflow's JSON store; the Viewflow process is linked one-to-one.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reach.models import OrganisationType
from reach.organisation_numbers import normalise_organisation_number, validate_organisation_number

from ..storage import private_storage
from ..validators import ATTACHMENT_EXTENSIONS, attachment_name


class Stage(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Screening")
    SUPPORT = "support", _("Support")
    PILOT = "pilot", _("Pilot")
    MARKET = "market", _("Market")
    GRADUATED = "graduated", _("Graduated")


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    ON_HOLD = "on_hold", _("On hold")
    AWAITING_APPLICANT = "awaiting_applicant", _("Awaiting the applicant")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")
    GRADUATED = "graduated", _("Graduated")

    @classmethod
    def finished(cls) -> set[str]:
        """The statuses after which nothing more happens to an idea."""
        return {cls.REJECTED, cls.WITHDRAWN, cls.CLOSED, cls.GRADUATED}


class Language(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class ReferenceSerial(models.Model):
    """The last serial handed out per year, for `SIS-<year>-<serial>` reference numbers."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference serial")

    def __str__(self):
        return f"{self.year}: {self.last}"

    @classmethod
    def next_reference(cls, year: int) -> str:
        """The next reference of `year`; call inside a transaction.

        The UPDATE takes the year's row lock until commit, so concurrent submissions queue for
        it and never share a serial (the unique reference is the backstop).
        """
        cls.objects.bulk_create([cls(year=year, last=0)], ignore_conflicts=True)
        cls.objects.filter(year=year).update(last=F("last") + 1)
        serial = cls.objects.filter(year=year).values_list("last", flat=True).get()
        return f"SIS-{year}-{serial:05d}"


class Idea(models.Model):
    """An idea brought to the programme, and where it stands."""

    reference = models.CharField(_("reference number"), max_length=20, unique=True, editable=False)
    process = models.OneToOneField(
        "viewflow.Process",
        verbose_name=_("process"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="idea",
        editable=False,
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=5000)
    challenge_areas = models.ManyToManyField(
        "cms.ChallengeArea", verbose_name=_("challenge areas"), related_name="ideas"
    )
    municipality = models.ForeignKey(
        "cms.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    organisation_type = models.CharField(
        _("organisation type"), max_length=20, choices=OrganisationType.choices, db_index=True
    )
    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("Swedish organisation number, NNNNNN-NNNN."),
    )
    is_new_enterprise = models.BooleanField(_("new enterprise"), default=False)
    registration_date = models.DateField(_("registration date"), null=True, blank=True)

    #: The register's rows the figures count; the fields above and below are the application as
    #: the applicant wrote it.
    organisation = models.ForeignKey(
        "reach.Organisation",
        verbose_name=_("organisation in the register"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    contact_person = models.ForeignKey(
        "reach.Person",
        verbose_name=_("contact person in the register"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ideas",
    )

    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("e-mail"))
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)

    team_size = models.PositiveSmallIntegerField(
        _("team size (optional)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    women_count = models.PositiveSmallIntegerField(_("women in the team (optional)"), null=True, blank=True)
    men_count = models.PositiveSmallIntegerField(_("men in the team (optional)"), null=True, blank=True)
    other_gender_count = models.PositiveSmallIntegerField(
        _("other gender identity or not stated (optional)"), null=True, blank=True
    )

    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.SWEDISH
    )
    consent_processing = models.BooleanField(_("consent to processing of personal data"))
    consent_showcase = models.BooleanField(_("consent to a public showcase"), default=False)

    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.SUBMITTED, db_index=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    created = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    # Set when the applicant's personal data was erased (on request or by the retention rule).
    erased = models.DateTimeField(_("personal data erased"), null=True, blank=True, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            # The all-ideas list filtered by stage (and status), newest first: read in order, no sort.
            models.Index(fields=["stage", "status", "id"], name="workflows_idea_stage_newest"),
            # The Figures screen: a period's ideas by stage, status, organisation type, municipality and
            # contact person, and the organisation behind an idea, each read from an index alone.
            models.Index(
                fields=["stage", "status", "created", "organisation_type", "municipality", "contact_person"],
                name="workflows_idea_figures",
            ),
            models.Index(fields=["id", "organisation"], name="workflows_idea_organisation"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_processing=True), name="workflows_idea_consent_required"
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def is_finished(self) -> bool:
        return self.status in Status.finished()

    def clean(self):
        errors = {}
        if self.organisation_number:
            try:
                self.organisation_number = normalise_organisation_number(self.organisation_number)
            except ValidationError as error:
                errors["organisation_number"] = error.messages
        if self.registration_date and self.registration_date > timezone.localdate():
            errors["registration_date"] = [_("The registration date cannot be in the future.")]
        counted = [n for n in (self.women_count, self.men_count, self.other_gender_count) if n is not None]
        if self.team_size and counted and sum(counted) > self.team_size:
            errors["team_size"] = [_("The gender breakdown adds up to more people than the team has.")]
        if not self.consent_processing:
            errors["consent_processing"] = [_("We need your consent to process the idea.")]
        if errors:
            raise ValidationError(errors)


class ApplicantAnswer(models.Model):
    """The applicant's answer to a request for information (the request is the Decision's feedback)."""

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="answers")
    request = models.OneToOneField(
        "workflows.Decision", verbose_name=_("request"), on_delete=models.PROTECT, related_name="answer"
    )
    text = models.TextField(_("answer"), max_length=10000)
    created = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.idea_id}: answer {self.pk}"


class AttachmentSource(models.TextChoices):
    SUBMISSION = "submission", _("Submission")
    ANSWER = "answer", _("Answer to a request for information")


def attachment_path(instance: "IdeaAttachment", filename: str) -> str:
    # The stored name is random, ending in its detected type's extension: the applicant's file
    # name is kept only in `original_name` (with that extension too).
    extension = ATTACHMENT_EXTENSIONS[instance.content_type][0]
    return f"ideas/{instance.idea_id}/{secrets.token_hex(16)}{extension}"


class IdeaAttachment(models.Model):
    """A file an applicant sent, kept in private storage; its type was checked by content."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size (bytes)"))
    source = models.CharField(_("source"), max_length=20, choices=AttachmentSource.choices)
    answer = models.ForeignKey(
        ApplicantAnswer, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    uploaded = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    @property
    def download_name(self) -> str:
        """The name it is served under: ending in its type's extension, even if stored before that rule."""
        return attachment_name(self.original_name, self.content_type)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class StatusTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked__isnull=True)

    def find(self, token: str) -> "StatusToken | None":
        """The active token matching the applicant's `token`, or None (unknown, tampered or revoked)."""
        if not token or len(token) > 100:
            return None
        return self.active().select_related("idea").filter(token_hash=hash_token(token)).first()


class StatusToken(models.Model):
    """An applicant's private status link. Only the SHA-256 of the token is stored."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="status_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("issued"), default=timezone.now)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StatusTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("status link")
        verbose_name_plural = _("status links")

    def __str__(self):
        return f"{self.idea.reference} ({'revoked' if self.revoked else 'active'})"

    @classmethod
    def issue(cls, idea: Idea) -> tuple["StatusToken", str]:
        """A new token for `idea`: (the row, the secret to put in the applicant's link)."""
        secret = secrets.token_urlsafe(32)
        return cls.objects.create(idea=idea, token_hash=hash_token(secret)), secret
