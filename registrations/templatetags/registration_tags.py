"""`{% registration_form page %}`: the event page's registration, drawn by the registrations app so
that the page model knows nothing of it."""

from django import template
from django.utils import timezone

from infra import page_cache

from ..actions import has_free_seat, seats_tag, seats_taken
from ..forms import RegistrationForm

register = template.Library()


@register.inclusion_tag("registrations/includes/registration_form.html", takes_context=True)
def registration_form(context, event):
    """The form (the one posted back with its errors, else a blank one), or why there is none."""
    form = context.get("registration_form") or RegistrationForm(initial={"event": event.pk})
    page_cache.shows(seats_tag(event.pk))
    if event.registration_open:
        page_cache.valid_until(event.registration_closes)
    free = has_free_seat(event)
    return {
        "request": context.get("request"),
        "event": event,
        "form": form,
        "error_summary": context.get("error_summary"),
        "open": event.takes_registrations(timezone.now()),
        "full": not free,
        "seats_left": None if event.capacity is None else max(event.capacity - seats_taken(event), 0),
        "why_asked": RegistrationForm.WHY_ASKED,
    }
