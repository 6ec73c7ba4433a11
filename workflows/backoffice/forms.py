"""The task screens' forms: they validate input; the actions decide whether it may be done."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms.models import Partner

from ..models import ActivityType, DecisionCode, OutcomeType
from ..pipeline import TASKS, decisions_of

DATE = forms.DateInput(attrs={"type": "date"})
SCALE_CHOICES = [(value, str(value)) for value in range(1, 6)]


class TaskForm(forms.Form):
    """Names the task acted on, so a replayed or stale form acts on the task it was shown for."""

    task = forms.IntegerField(widget=forms.HiddenInput)


class ReassignForm(TaskForm):
    to_user = forms.ModelChoiceField(label=_("Give the task to"), queryset=get_user_model().objects.none())

    def __init__(self, *args, task_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=TASKS[task_name].group)
            .order_by("username")
            .distinct()
        )


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ScoreForm(forms.Form):
    """One 1-5 choice per active criterion of the stage's rubric."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            label = criterion.label if criterion.weight == 1 else f"{criterion.label} (×{criterion.weight})"
            self.fields[criterion.code] = forms.TypedChoiceField(
                label=label,
                help_text=criterion.guidance_text,
                choices=SCALE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "idea-scale"}),
            )

    def scores(self) -> dict[str, int]:
        return {criterion.code: self.cleaned_data[criterion.code] for criterion in self.criteria}


class DecisionForm(TaskForm):
    code = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=200,
        help_text=_("Required when the idea leaves the programme (reject, exit, close)."),
    )
    public_feedback = forms.CharField(
        label=_("Feedback to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E-mailed to the applicant and shown on their status page."),
    )
    private_note = forms.CharField(
        label=_("Private note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen only by reviewers and managers."),
    )

    def __init__(self, *args, task_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(code, DecisionCode(code).label) for code in decisions_of(task_name)]


class SupportActivityForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    activity_type = forms.ChoiceField(label=_("Type"), choices=ActivityType.choices)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=1000, decimal_places=1)
    partner = forms.ModelChoiceField(
        label=_("Partner organisation"), required=False, queryset=Partner.objects.none()
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partner_organisations()


def partner_organisations():
    """Each partner organisation once (funders are not partners), in the reader's language where it
    is translated into it, else in the language it was written in."""
    partners = Partner.objects.filter(role="partner")
    locale = Locale.get_active()
    in_locale = partners.filter(locale=locale)
    return partners.filter(
        Q(locale=locale) | ~Q(translation_key__in=in_locale.values("translation_key"))
    ).order_by("name")


class PilotPlanForm(forms.Form):
    partners = forms.CharField(label=_("Partners"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    start = forms.DateField(label=_("Start"), widget=DATE)
    end = forms.DateField(label=_("End"), widget=DATE)
    budget = forms.DecimalField(label=_("Budget (SEK)"), required=False, min_value=0, decimal_places=0)
    success_criteria = forms.CharField(label=_("Success criteria"), widget=forms.Textarea(attrs={"rows": 3}))
    results = forms.CharField(label=_("Results"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MarketOutcomeForm(forms.Form):
    outcome_type = forms.ChoiceField(label=_("Outcome"), choices=OutcomeType.choices)
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        required=False,
        max_length=11,
        help_text=_("For a new company: NNNNNN-NNNN."),
    )
    organisation_name = forms.CharField(
        label=_("Name of the company"),
        required=False,
        max_length=200,
        help_text=_("For a company not yet in the register; leave empty to keep the name it has there."),
    )
    registration_date = forms.DateField(label=_("Registration date"), required=False, widget=DATE)
    product_new_to_firm = forms.DateField(
        label=_("Product new to the firm introduced on"),
        required=False,
        widget=DATE,
        help_text=_(
            "Counted for the funders (CO29) when the firm brought out a product it did not make before: "
            "one with a new function, or made with fundamentally different technology. An improved "
            "version of its own product does not count. Leave empty if not."
        ),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConfirmForm(forms.Form):
    """For a manager's step that cannot be undone: the box must be ticked."""

    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))
