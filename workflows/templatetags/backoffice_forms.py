"""Back-office form fields in Wagtail's layout, with their help text and errors tied to the field."""

from django import template
from django.forms import BoundField
from wagtail.admin.templatetags.wagtailadmin_tags import formattedfield

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/formatted_field.html")
def backoffice_field(field: BoundField) -> dict:
    """Wagtail's `formattedfield`, whose input is described by its help text and by its errors.

    Wagtail describes an input by its help text only, and Django's own description of the errors
    names an element Wagtail does not draw. A group of radio buttons is described input by input:
    Django describes none of them, expecting a fieldset that Wagtail's layout does not draw."""
    help_text_id, error_message_id = f"{field.auto_id}-helptext", f"{field.auto_id}-error"
    describedby = [help_text_id] if field.help_text else []
    describedby += [error_message_id] if field.errors else []
    attrs = {"aria-describedby": " ".join(describedby)} if describedby else None
    return formattedfield(
        field=field,
        rendered_field=field.as_widget(attrs=attrs),
        help_text_id=help_text_id,
        error_message_id=error_message_id,
    )
