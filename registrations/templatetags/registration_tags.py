"""`{% registration_form page %}`: the event page's registration, drawn by the registrations app so
that the page model knows nothing of it."""

from django import template
from django.utils import timezone

from infra import fragment_cache, page_cache

from ..actions import has_free_seat, seats_tag, seats_taken
from ..forms import RegistrationForm

register = template.Library()


@register.simple_tag(takes_context=True)
def registration_holder(context, event):
    """`event.registration_page`, from the fragment cache: which page holds an event's registration
    is the first page of its translation group, which a later translation never replaces; the
    holder's settings come with its own page, whose change drops the fragment."""

    def find():
        holder = event.registration_page
        return None if holder.pk == event.pk else holder  # the event itself is not stored again

    holder = fragment_cache.cached(context["request"], "registration-page", event.pk, find) or event
    event.__dict__["registration_page"] = holder  # the cached property, for the form's tag
    return holder


@register.inclusion_tag("registrations/includes/registration_form.html", takes_context=True)
def registration_form(context, event):
    """The form (the one posted back with its errors, else a blank one), or why there is none.
    The form posts the page it is on, whose language the registrant's e-mails are written in; the
    seats are those of the page holding the event's registration, shared by every language."""
    form = context.get("registration_form") or RegistrationForm(initial={"event": event.pk})
    holder = event.registration_page
    page_cache.shows(seats_tag(holder.pk))
    if holder.registration_open and holder.registration_closes > timezone.now():
        # The form changes by itself when registration closes; once closed, it stays as it is.
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
