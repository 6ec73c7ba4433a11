"""iCalendar export of events, for one event or a whole calendar."""

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event


def build_calendar(events: Iterable) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//events//")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", settings.WAGTAIL_SITE_NAME)
    stamp = timezone.now()
    for page in events:
        event = Event()
        # The translation key is shared by an event's translations and never changes.
        event.add("uid", f"{page.translation_key}-{page.locale.language_code}@sis")
        event.add("dtstamp", stamp)
        event.add("dtstart", page.start)
        event.add("dtend", page.end)
        event.add("summary", page.title)
        event.add("location", page.place)
        event.add("url", page.full_url or "")
        if page.lead:
            event.add("description", page.lead)
        calendar.add_component(event)
    return calendar


def calendar_response(events: Iterable, filename: str) -> HttpResponse:
    response = HttpResponse(build_calendar(events).to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response
