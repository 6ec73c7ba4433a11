"""The applicant's forms: the idea, an answer to a request for information, withdrawal, showcase."""

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import IntegerField
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cms.models import ChallengeArea, Municipality
from infra.accessible_forms import AccessibleForm, PublicForm
from reach.forms import WHY_ASKED, OrganisationNumberField, age_band_field, gender_field

from ..models import MAX_TEAM_MEMBERS, OrganisationType
from .attachments import AttachmentsField, attachments_help
from .form_keys import new_form_key, read_form_key


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses, as an invalid choice, a key that the model's key column cannot hold.

    For a single choice Django's exact lookup already treats an out-of-range number as no
    match, but the `__in` lookup of a multiple choice hands it to the database, which fails
    ("Python int too large to convert to SQLite INTEGER"): `challenge_areas=10**30` on the
    intake was a server error instead of a field error.
    """

    def _check_values(self, value):
        meta = self.queryset.model._meta
        key_field = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if isinstance(key_field, IntegerField):
            low, high = connections[self.queryset.db].ops.integer_field_range(key_field.get_internal_type())
            for key in value:
                try:
                    number = int(str(key).strip())
                except ValueError:
                    continue  # not a number at all: Django's own check refuses it
                if (low is not None and number < low) or (high is not None and number > high):
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": key}
                    )
        return super()._check_values(value)


#: The intake form's fields of the n-th team member: (name, e-mail).
TEAM_FIELDS = [(f"team_member_{n}_name", f"team_member_{n}_email") for n in range(1, MAX_TEAM_MEMBERS + 1)]


class IdeaForm(PublicForm):
    """The intake form. `idea_fields()` gives exactly the keyword arguments of `submit_idea`."""

    title = forms.CharField(label=_("Title of the idea"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What is the idea, whom does it help, and how? At most 5,000 characters."),
    )
    challenge_areas = ModelMultipleChoiceField(
        label=_("Societal challenges the idea meets"),
        queryset=ChallengeArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        empty_label=_("Choose a municipality"),
        help_text=_("Where in Skåne the idea is carried out."),
    )
    organisation_type = forms.ChoiceField(
        label=_("Who brings the idea?"), choices=OrganisationType.choices, widget=forms.RadioSelect
    )
    organisation_name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=200,
        required=False,
        help_text=_("Required unless you bring the idea as an individual."),
    )
    organisation_number = OrganisationNumberField(
        label=_("Organisation number"),
        max_length=13,
        required=False,
        help_text=_(
            "Swedish organisation number, ten digits: NNNNNN-NNNN. Leave empty if there is none yet."
        ),
    )
    is_new_enterprise = forms.BooleanField(label=_("The organisation is a new enterprise"), required=False)
    registration_date = forms.DateField(
        label=_("Registration date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Required for a new enterprise. For example 2015-09-01."),
    )
    contact_name = forms.CharField(
        label=_("Contact person"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send the receipt and your private status link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, widget=forms.TextInput(attrs={"autocomplete": "tel"})
    )
    contact_gender = gender_field(label=_("Gender (optional)"))
    contact_age_band = age_band_field(label=_("Age (optional)"))
    team_size = forms.IntegerField(
        label=_("People in the team"), min_value=1, max_value=10000, required=False
    )
    women_count = forms.IntegerField(label=_("Women"), min_value=0, max_value=10000, required=False)
    men_count = forms.IntegerField(label=_("Men"), min_value=0, max_value=10000, required=False)
    other_gender_count = forms.IntegerField(
        label=_("Other gender identity or not stated"), min_value=0, max_value=10000, required=False
    )
    attachments = AttachmentsField(label=_("Attachments"))
    consent_processing = forms.BooleanField(
        label=_(
            "I agree that Social Innovation Skåne stores and processes the personal data in this form "
            "to assess and support the idea."
        ),
        error_messages={"required": _("We need your consent to process the idea.")},
    )
    consent_showcase = forms.BooleanField(
        label=_(
            "The idea's title and summary may be shown publicly on this site (you can change this later)."
        ),
        required=False,
    )
    form_key = forms.CharField(widget=forms.HiddenInput)

    #: The fieldsets of the template: (legend, field names, hint).
    FIELDSETS = (
        (_("The idea"), ("title", "summary", "challenge_areas", "municipality"), None),
        (
            _("Organisation"),
            (
                "organisation_type",
                "organisation_name",
                "organisation_number",
                "is_new_enterprise",
                "registration_date",
            ),
            None,
        ),
        (
            _("Contact person"),
            ("contact_name", "contact_email", "contact_phone", "contact_gender", "contact_age_band"),
            WHY_ASKED,
        ),
        (
            _("Team (optional)"),
            ("team_size", "women_count", "men_count", "other_gender_count"),
            _(
                "Optional. Our funders ask for statistics on the teams behind the ideas; "
                "leave these fields empty if you prefer not to answer."
            ),
        ),
        (
            _("Team members (optional)"),
            tuple(name for pair in TEAM_FIELDS for name in pair),
            _(
                "Optional. The others in the team, with their e-mail addresses: we count everyone the "
                "programme reaches, once each, and tell no one else. Leave empty if you prefer."
            ),
        ),
        (_("Attachments (optional)"), ("attachments",), None),
        (_("Consent"), ("consent_processing", "consent_showcase"), None),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_key", new_form_key())
        self.fields["attachments"].help_text = attachments_help()
        for number, (name, email) in enumerate(TEAM_FIELDS, start=1):
            self.fields[name] = forms.CharField(
                label=format_lazy(_("Team member {number}: name"), number=number),
                max_length=200,
                required=False,
            )
            self.fields[email] = forms.EmailField(
                label=format_lazy(_("Team member {number}: e-mail"), number=number), required=False
            )

    def fieldsets(self):
        return [
            {"legend": legend, "fields": [self[name] for name in names], "hint": hint}
            for legend, names, hint in self.FIELDSETS
        ]

    def clean_form_key(self):
        try:
            return read_form_key(self.cleaned_data["form_key"])
        except signing.BadSignature as error:
            raise ValidationError(
                _("This form has expired. Please check your answers and send it again."), code="form_key"
            ) from error

    def clean(self):
        data = super().clean()
        if data.get("organisation_type") not in (None, OrganisationType.INDIVIDUAL) and not data.get(
            "organisation_name"
        ):
            self.add_error("organisation_name", _("Give the name of the organisation."))
        if data.get("is_new_enterprise") and not data.get("registration_date"):
            self.add_error("registration_date", _("Give the date a new enterprise was registered."))
        for name, email in TEAM_FIELDS:
            if data.get(email) and not data.get(name):
                self.add_error(name, _("Give the team member's name."))
            if data.get(name) and not data.get(email) and email not in self.errors:
                self.add_error(email, _("Give the team member's e-mail address."))
        if self.errors.get("form_key"):
            # A fresh key, so that the corrected form can be sent.
            self.data = self.data.copy()
            self.data["form_key"] = new_form_key()
        return data

    def idea_fields(self) -> dict:
        """The keyword arguments of `submit_idea` (the language comes from the page)."""
        data = self.cleaned_data
        team = {name for pair in TEAM_FIELDS for name in pair}
        names = [name for name in self.fields if name not in ("website", "form_key", *team)]
        fields = {name: data[name] for name in names}
        if not fields["is_new_enterprise"]:
            fields["registration_date"] = None
        fields["team_members"] = [(data[name], data[email]) for name, email in TEAM_FIELDS if data.get(email)]
        return fields


class AnswerForm(AccessibleForm):
    """The applicant's answer to a request for more information."""

    text = forms.CharField(label=_("Your answer"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8}))
    attachments = AttachmentsField(label=_("Attachments (optional)"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "answer_%s")
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = attachments_help()


class WithdrawForm(AccessibleForm):
    reason = forms.CharField(
        label=_("Why do you withdraw the idea? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ShowcaseForm(forms.Form):
    consent_showcase = forms.BooleanField(
        label=_("The idea's title and summary may be shown publicly on this site."), required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "showcase_%s")
        super().__init__(*args, **kwargs)
