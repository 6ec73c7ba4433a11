"""The managers' screens in the Wagtail admin: events with their counts, one event's list, its CSV
and XLSX. The attendance screen at the door is `door_views`.

An event is listed once, by the page holding its registration, with the registrations made from
its pages in every language; asked for by a translation's key, the screens show the same. An event
is titled in the reader's language where it has a page in it, and each registration says the
language of the page it was made from (the one its e-mails are written in)."""

from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.models import EventPage
from cms.models.events import holds_registration
from infra.exports import csv_dialect_of, csv_response, xlsx_response

from .models import Registration, Status, name_of_language

PERMISSION = "registrations.view_registration"


def _counted(events):
    return events.annotate(
        **{
            status: Count("registrations", filter=Q(registrations__status=status))
            for status in (Status.SEATED, Status.WAITING, Status.CANCELLED)
        },
        attended=Count("registrations", filter=Q(registrations__attended__isnull=False)),
        walk_ins=Count("registrations", filter=Q(registrations__walk_in=True)),
    )


def titled_for_reader(events: list[EventPage]) -> list[EventPage]:
    """Sets each event's `reader_title` (its page's title in the reader's language, else its own)
    and `languages` (the names of the languages it has pages in), from one query."""
    pages: dict = {}
    for key, code, title in (
        EventPage.objects.filter(translation_key__in=[event.translation_key for event in events])
        .order_by("pk")
        .values_list("translation_key", "locale__language_code", "title")
    ):
        pages.setdefault(key, {})[code] = title
    reader = get_language()
    for event in events:
        titles = pages.get(event.translation_key, {})
        event.reader_title = titles.get(reader, event.title)
        event.languages = [name_of_language(code) for code in titles]
    return events


@permission_required(PERMISSION, raise_exception=True)
def events(request):
    listed = _counted(
        EventPage.objects.filter(holds_registration())
        .filter(Q(registration_open=True) | Q(registrations__isnull=False))
        .distinct()
    ).order_by("-start", "pk")
    return TemplateResponse(
        request, "registrations/admin/events.html", {"events": titled_for_reader(list(listed))}
    )


def event_or_404(event_id: int) -> EventPage:
    """The page holding the registration of the event whose page (in any language) is `event_id`."""
    return get_object_or_404(EventPage, pk=event_id).registration_page


@permission_required(PERMISSION, raise_exception=True)
def event(request, event_id: int):
    page = get_object_or_404(_counted(EventPage.objects.all()), pk=event_or_404(event_id).pk)
    registrations = (
        Registration.objects.filter(event=page)
        .select_related("organisation")
        .order_by("status", "created", "pk")
    )
    return TemplateResponse(
        request,
        "registrations/admin/event.html",
        {"event": titled_for_reader([page])[0], "registrations": registrations},
    )


def _header() -> tuple:
    return (
        _("Status"),
        _("Name"),
        _("E-mail"),
        _("Language"),
        _("Organisation"),
        _("Organisation number"),
        _("Registered"),
        _("Cancelled"),
        _("Attended"),
        _("Walk-in"),
    )


def _rows(page: EventPage):
    for r in Registration.objects.filter(event=page).order_by("status", "created", "pk").iterator():
        yield (
            r.get_status_display(),
            r.name,
            r.email,
            r.language_name,
            r.organisation_name,
            r.organisation_number,
            r.created,
            r.cancelled,
            r.attended,
            r.walk_in,
        )


@permission_required(PERMISSION, raise_exception=True)
def event_csv(request, event_id: int):
    page = event_or_404(event_id)
    return csv_response(f"registrations-{page.slug}.csv", _header(), _rows(page), csv_dialect_of(request))


@permission_required(PERMISSION, raise_exception=True)
def event_xlsx(request, event_id: int):
    page = event_or_404(event_id)
    return xlsx_response(f"registrations-{page.slug}.xlsx", _("Registrations"), _header(), _rows(page))
