"""The forms that make a registration: the public one on the event page, and the walk-in form at
the door. Both ask the same about the person (`RegistrantForm`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from infra.accessible_forms import AccessibleForm, PublicForm
from reach.forms import WHY_ASKED, OrganisationNumberField, age_band_field, gender_field

from .actions import Registrant


class RegistrantForm(AccessibleForm):
    """Who registers; `registrant()` gives what the actions take. A subclass adds the consent box
    in its own words."""

    name = forms.CharField(
        label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
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
    gender = gender_field()
    age_band = age_band_field()

    #: The optional questions, with the sentence saying why they are asked.
    WHY_ASKED = WHY_ASKED

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


class RegistrationForm(PublicForm, RegistrantForm):
    """The event page's form."""

    event = forms.IntegerField(widget=forms.HiddenInput)
    consent_processing = forms.BooleanField(
        label=_(
            "I agree that the programme keeps my registration to run the event and to count whom it reached, "
            "as the privacy notice describes."
        ),
        error_messages={"required": _("We need your consent to keep your registration.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _("We send the confirmation and a link for cancelling here.")


class WalkInForm(RegistrantForm):
    """The door staff's form for someone who comes without a seat; the staff member asks the
    person and ticks their consent."""

    consent_processing = forms.BooleanField(
        label=_(
            "The person agrees that the programme keeps their registration to count whom it reached, "
            "as the privacy notice describes."
        ),
        error_messages={"required": _("Ask for the person's consent first: without it nothing is stored.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="walk-in-%s", **kwargs)
        self.fields["organisation_number"].help_text = _("If the organisation has one: NNNNNN-NNNN.")
