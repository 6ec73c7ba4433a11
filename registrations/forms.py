"""The public registration form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from infra.accessible_forms import PublicForm
from reach.forms import OrganisationNumberField
from reach.models import AgeBand, Gender

from .actions import Registrant


class RegistrationForm(PublicForm):
    """`registrant()` gives what `actions.register` takes."""

    event = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the confirmation and a link for cancelling here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    organisation_number = OrganisationNumberField(
        label=_("Organisation number"),
        max_length=20,
        required=False,
        help_text=_("If your organisation has one: NNNNNN-NNNN."),
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", _("Not stated")), *Gender.choices], required=False
    )
    age_band = forms.ChoiceField(
        label=_("Age"), choices=[("", _("Not stated")), *AgeBand.choices], required=False
    )
    consent_processing = forms.BooleanField(
        label=_(
            "I agree that the programme keeps my registration to run the event and to count whom it reached, "
            "as the privacy notice describes."
        ),
        error_messages={"required": _("We need your consent to keep your registration.")},
    )

    #: The optional questions, with the sentence saying why they are asked.
    WHY_ASKED = _(
        "Optional. Our funders ask for figures broken down by gender and age; "
        "leave these fields empty if you prefer not to answer."
    )

    def clean(self):
        data = super().clean()
        if data.get("organisation_number") and not data.get("organisation_name"):
            self.add_error("organisation_name", _("Give the name of the organisation."))
        return data

    def registrant(self) -> Registrant:
        data = self.cleaned_data
        return Registrant(**{name: data[name] for name in Registrant.__dataclass_fields__})

    def about_you(self):
        return [self[name] for name in ("name", "email", "organisation_name", "organisation_number")]

    def statistics(self):
        return [self["gender"], self["age_band"]]
