"""The base of the applicant's forms: required fields marked in text, errors listed with links."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibleForm(forms.Form):
    """Marks required fields in text and lists every error with the id of the field to link to."""

    required_css_class = "field--required"

    def error_summary(self) -> list[dict]:
        summary = [{"id": None, "message": message} for message in self.non_field_errors()]
        for name, messages in self.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS or name not in self.fields:
                continue
            bound = self[name]
            target = bound.id_for_label or f"{bound.auto_id}_0"
            # A checkbox's label is a whole sentence: its message stands alone.
            label = None if bound.widget_type == "checkbox" else bound.label
            summary.extend({"id": target, "label": label, "message": message} for message in messages)
        return summary

    def add_action_errors(self, error) -> None:
        """Put an InvalidInput's errors on the fields they name (`attachment_<n>` on the attachments)."""
        if not error.errors:
            self.add_error(None, error.message)
        for key, messages in error.errors.items():
            name = "attachments" if key.startswith("attachment_") else key
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class PublicForm(AccessibleForm):
    """A form anyone may send without an account. `website` is a honeypot: off screen, hidden from
    screen readers and the keyboard (includes/honeypot.html); bots fill it in."""

    website = forms.CharField(label=_("Leave this field empty"), required=False)

    @staticmethod
    def honeypot_filled(data) -> bool:
        return bool((data.get("website") or "").strip())
