"""The participants' e-mails, written as outbox rows inside the acting transaction.

Each is rendered in the language of the page the person registered from, from
`registrations/email/<name>.txt` (its first line is the subject), and speaks of the event as its
page in that language does (title, place, address, the `.ics`), although the registration is kept
on the page holding the event's registration. The confirmation and the promotion carry the
event's `.ics` and the private cancel link; the bodies are blanked once
sent, since the link acts as a password.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cms.ical import build_calendar
from cms.models import EventPage
from infra import outbox
from infra.site_address import absolute

from .models import Registration


def cancel_url(secret: str, language: str) -> str:
    with translation.override(language):
        return absolute(reverse("registrations:cancel", kwargs={"secret": secret}))


def event_in_language(event: EventPage, language: str) -> EventPage:
    """The event's page in `language`, or else `event` itself."""
    found = EventPage.objects.filter(translation_key=event.translation_key, locale__language_code=language)
    return found.first() or event


def _invitation(event) -> dict:
    return {
        "filename": f"{event.slug}.ics",
        "content": build_calendar([event]).to_ical().decode(),
        "mimetype": "text/calendar",
    }


def send(
    registration: Registration, name: str, *, secret: str | None = None, invitation: bool = False
) -> None:
    """E-mail `name` to the registrant; with `secret`, the cancel link; with `invitation`, the
    event's `.ics`."""
    event = event_in_language(registration.event, registration.language)
    context = {
        "registration": registration,
        "event": event,
        "event_url": event.full_url or "",
        "cancel_url": cancel_url(secret, registration.language) if secret else "",
    }
    with translation.override(registration.language):
        subject, _newline, body = render_to_string(f"registrations/email/{name}.txt", context).partition("\n")
    outbox.enqueue_email(
        [registration.email],
        " ".join(subject.split()),
        body.strip() + "\n",
        redact_after_send=bool(secret),
        attachments=[_invitation(event)] if invitation else None,
        template=f"registration_{name}",
        registration=registration.pk,
    )
