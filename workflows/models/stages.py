"""What each stage records: support activities, the pilot plan, the market outcome, deadlines."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reach.organisation_numbers import validate_organisation_number

from .ideas import Idea, Stage


class ActivityType(models.TextChoices):
    COACHING = "coaching", _("Coaching")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training")
    NETWORK_INTRODUCTION = "network_introduction", _("Network introduction")
    FINANCING_ADVICE = "financing_advice", _("Financing advice")


class SupportActivity(models.Model):
    """Support given to an idea in the support stage (the funders count the hours)."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="support_activities"
    )
    date = models.DateField(_("date"))
    activity_type = models.CharField(_("type"), max_length=30, choices=ActivityType.choices, db_index=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    partner = models.ForeignKey(
        "cms.Partner",
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("support activity")
        verbose_name_plural = _("support activities")
        # The Figures screen's support hours and enterprises supported read a period's activities
        # from this index alone.
        indexes = [
            models.Index(
                fields=["date", "idea", "partner", "activity_type", "hours"],
                name="workflows_activity_figures",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=1000), name="workflows_activity_hours"
            ),
        ]

    def __str__(self):
        return f"{self.get_activity_type_display()} {self.date}"


class PilotPlan(models.Model):
    """The plan of an idea's pilot and, later, its results."""

    idea = models.OneToOneField(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="pilot_plan"
    )
    partners = models.TextField(_("partners"), blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    budget = models.DecimalField(_("budget (SEK)"), max_digits=12, decimal_places=0, null=True, blank=True)
    success_criteria = models.TextField(_("success criteria"))
    results = models.TextField(_("results"), blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pilot plan")
        verbose_name_plural = _("pilot plans")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="workflows_pilot_ends_after_start"),
            models.CheckConstraint(
                condition=Q(budget__gte=0) | Q(budget__isnull=True), name="workflows_budget"
            ),
        ]

    def __str__(self):
        return f"{self.idea.reference}: {self.start}–{self.end}"


class OutcomeType(models.TextChoices):
    NEW_COMPANY = "new_company", _("New company")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    PUBLIC_PARTNERSHIP = "public_partnership", _("Public partnership or procurement")
    LICENSING = "licensing", _("Licensing")
    SCALED_WITHIN = "scaled_within", _("Scaled within an existing organisation")
    OTHER = "other", _("Other")


class MarketOutcome(models.Model):
    """How an idea reached the market."""

    idea = models.OneToOneField(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="market_outcome"
    )
    outcome_type = models.CharField(_("outcome"), max_length=30, choices=OutcomeType.choices, db_index=True)
    organisation_number = models.CharField(
        _("organisation number"), max_length=11, blank=True, validators=[validate_organisation_number]
    )
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    organisation = models.ForeignKey(
        "reach.Organisation",
        verbose_name=_("organisation in the register"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="market_outcomes",
    )
    #: The funders' CO29: set by the coordinator when the firm brought out a product new to it.
    product_new_to_firm = models.DateField(
        _("product new to the firm introduced on"),
        null=True,
        blank=True,
        help_text=_(
            "When the firm introduced a product it did not make before (same function) or made with "
            "fundamentally different technology. Leave empty if not."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("market outcome")
        verbose_name_plural = _("market outcomes")

    def __str__(self):
        return self.get_outcome_type_display()


DAYS = [MinValueValidator(1), MaxValueValidator(365)]


class StageSettings(models.Model):
    """Per stage: days a task may take, and days overdue before managers are told."""

    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, unique=True)
    deadline_days = models.PositiveSmallIntegerField(
        _("days to complete a task"),
        default=14,
        validators=DAYS,
        help_text=_(
            "1-365. A task's deadline is set when it is created: a change applies to tasks created "
            "afterwards, not to those already waiting."
        ),
    )
    overdue_notify_days = models.PositiveSmallIntegerField(
        _("tell managers after this many days overdue"),
        default=7,
        validators=DAYS,
        help_text=_("1-365. Applies from the next run of the deadline reminders, to every overdue task."),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("stage settings")
        verbose_name_plural = _("stage settings")

    def __str__(self):
        return self.get_stage_display()

    @classmethod
    def deadline_days_for(cls, stage: str) -> int:
        row = cls.objects.filter(stage=stage).values_list("deadline_days", flat=True).first()
        return row if row is not None else cls._meta.get_field("deadline_days").default


class TaskDeadline(models.Model):
    """When a reviewer task is due, and which reminders went out (read by the daily deadline job)."""

    task = models.OneToOneField(
        "viewflow.Task", primary_key=True, on_delete=models.CASCADE, related_name="deadline"
    )
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="deadlines")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    due = models.DateTimeField(_("due"), db_index=True)
    last_reminded = models.DateTimeField(null=True, blank=True)
    managers_told = models.DateTimeField(null=True, blank=True)
    # Copies of the task's status, holder and node, written only by database triggers (migration
    # 0015) whenever the task row changes, whoever changes it: the inbox and the queues filter and
    # sort by due time on this table alone, served by one index, whatever the number of tasks.
    task_status = models.CharField(max_length=50, default="", editable=False)
    task_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        editable=False,
        on_delete=models.DO_NOTHING,  # the task goes with its owner, and this row with the task
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    node = models.CharField(max_length=255, default="", editable=False)

    class Meta:
        verbose_name = _("task deadline")
        verbose_name_plural = _("task deadlines")
        indexes = [
            # The inbox: one reviewer's claimed tasks by due time (count and overdue from it too).
            models.Index(fields=["task_owner", "task_status", "due", "task"], name="workflows_deadline_held"),
            # A queue's page: the waiting tasks by due time, the node and conflicts read on the way.
            models.Index(
                fields=["task_status", "due", "task", "node", "idea"], name="workflows_deadline_waiting"
            ),
            # A queue's count takes away the waiting tasks of the reviewer's conflicts' ideas.
            models.Index(fields=["idea", "task_status", "node"], name="workflows_deadline_idea"),
        ]

    def __str__(self):
        return f"task {self.task_id} due {self.due:%Y-%m-%d}"
