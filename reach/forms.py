"""Forms for what the register keeps: the number field of the public forms, and the admin's form
for correcting an organisation."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Organisation
from .organisation_numbers import normalise_organisation_number


class OrganisationNumberField(forms.CharField):
    """An optional Swedish organisation number, cleaned to NNNNNN-NNNN however it was typed."""

    def clean(self, value) -> str:
        value = super().clean(value)
        return normalise_organisation_number(value) if value else ""


class OrganisationForm(WagtailAdminModelForm):
    """The number is stored as NNNNNN-NNNN however it is typed, so that one number stays one row.
    An erased row's name and number stay empty: they were a person's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.erased:
            for name in ("name", "organisation_number"):
                self.fields[name].disabled = True
                self.fields[name].required = False

    def clean_organisation_number(self):
        typed = (self.cleaned_data.get("organisation_number") or "").strip()
        if not typed:
            return None
        number = normalise_organisation_number(typed)
        other = Organisation.objects.filter(organisation_number=number).exclude(pk=self.instance.pk).first()
        if other is not None:
            raise ValidationError(
                _("%(name)s already has this number: one organisation number is one organisation."),
                code="duplicate",
                params={"name": other.name},
            )
        return number
