"""Forms for what the register keeps: the fields every public form shares (the organisation number,
the optional gender and age questions with the sentence saying why they are asked), and the
admin's form for correcting an organisation."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import AgeBand, Gender, Organisation
from .organisation_numbers import normalise_organisation_number

#: Shown with the gender and age questions wherever they are asked.
WHY_ASKED = _(
    "Gender and age are optional: our funders ask for figures broken down by gender and age, "
    "and we only ever report them as totals. Leave them empty if you prefer not to answer."
)


class OrganisationNumberField(forms.CharField):
    """An optional Swedish organisation number, cleaned to NNNNNN-NNNN however it was typed."""

    def clean(self, value) -> str:
        value = super().clean(value)
        return normalise_organisation_number(value) if value else ""


def gender_field(**kwargs) -> forms.ChoiceField:
    """The optional, self-declared gender: radio buttons, so every answer is seen at once, and
    "prefer not to say" is one of them; choosing none is "not stated"."""
    return forms.ChoiceField(
        **{"label": _("Gender"), "choices": Gender.choices, "required": False, "widget": forms.RadioSelect}
        | kwargs
    )


def age_band_field(**kwargs) -> forms.ChoiceField:
    """The optional, self-declared age band, "not stated" unless chosen."""
    return forms.ChoiceField(
        **{"label": _("Age"), "choices": [("", _("Not stated")), *AgeBand.choices], "required": False}
        | kwargs
    )


class OrganisationForm(WagtailAdminModelForm):
    """The number is stored as NNNNNN-NNNN however it is typed, so that one number stays one row.
    An erased row's name and number stay empty: they were a person's."""

    organisation_number = OrganisationNumberField(
        label=_("organisation number"),
        max_length=20,
        required=False,
        help_text=_("Swedish organisation number, NNNNNN-NNNN."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.erased:
            for name in ("name", "organisation_number"):
                self.fields[name].disabled = True
                self.fields[name].required = False

    def clean_organisation_number(self):
        number = self.cleaned_data.get("organisation_number")
        if not number:
            return None
        other = Organisation.objects.filter(organisation_number=number).exclude(pk=self.instance.pk).first()
        if other is not None:
            raise ValidationError(
                _("%(name)s already has this number: one organisation number is one organisation."),
                code="duplicate",
                params={"name": other.name},
            )
        return number
