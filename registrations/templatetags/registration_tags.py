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
    """The form (the one posted back with its errors, else a blank one), or why there is none.
    The form posts the page it is on, whose language the registrant's e-mails are written in; the
    seats are those of the page holding the event's registration, shared by every language."""
    form = context.get("registration_form") or RegistrationForm(initial={"event": event.pk})
    holder = event.registration_page
    page_cache.shows(seats_tag(holder.pk))
    if holder.registration_open:
        page_cache.valid_until(holder.registration_closes)
    free = has_free_seat(holder)
    return {
        "request": context.get("request"),
        "event": event,
        "waiting_list": holder.waiting_list,
        "form": form,
        "error_summary": context.get("error_summary"),
        "open": holder.takes_registrations(timezone.now()),
        "full": not free,
        "seats_left": None if holder.capacity is None else max(holder.capacity - seats_taken(holder), 0),
        "why_asked": RegistrationForm.WHY_ASKED,
    }
