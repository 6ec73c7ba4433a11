"""One set of seats per event: the registrations made from an event's translations move to the page
holding the event's registration (its first page, the lowest key of its translation group: see
`EventPage.registration_page`).

Until now each language's page kept its own registrations, so an event could seat its capacity
once per language. Moving them keeps every registration as it was (seat, place on the waiting
list, cancel link, attendance); the registrant's language stays, so their e-mails still come in
the language they registered in. The same e-mail address active on two of the event's pages is
one person registered twice: the earlier registration is kept and the later one cancelled, with
its log entry, as a cancellation by the link would be (its cancel link stops working). Nobody is
told: they hold the registration they made first. The `Reach` row of someone already marked as
attended moves with their registration, so undoing the mark finds it.

The seats already given are kept even where the merged list holds more than the capacity: no
registration loses its seat, and nobody further is seated until enough are cancelled. Nobody is
moved up from the waiting list either (that sends an e-mail, which a migration does not write):
the next cancellation fills every free seat, as it always does.

Reversible: going back moves each registration made in another language than its event page's to
the event's page in that language, as the old code would have kept it. The cancellations of
duplicates stay (the person still holds their earlier registration).
"""

from django.db import migrations
from django.db.models import Min
from django.utils import timezone


def _first_pages(Page, keys) -> dict:
    """The page holding the registration of each translation group of `keys`, by translation key."""
    firsts = Page.objects.filter(translation_key__in=keys).values("translation_key").annotate(first=Min("pk"))
    return {row["translation_key"]: row["first"] for row in firsts}


def _move_reach(Reach, registration, old_event_id: int, new_event_id: int) -> None:
    if registration.attended is None:
        return
    moved = Reach.objects.filter(person_id=registration.person_id, channel="event", source=str(old_event_id))
    taken = Reach.objects.filter(person_id=registration.person_id, channel="event", source=str(new_event_id))
    moved.exclude(role__in=taken.values("role")).update(source=str(new_event_id))


def merge_into_first_pages(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Registration = apps.get_model("registrations", "Registration")
    RegistrationLog = apps.get_model("registrations", "RegistrationLog")
    Reach = apps.get_model("reach", "Reach")
    registered = Page.objects.filter(pk__in=Registration.objects.values("event_id"))
    keys = dict(registered.values_list("pk", "translation_key"))
    first_of = _first_pages(Page, set(keys.values()))
    now = timezone.now()
    elsewhere = [pk for pk, key in keys.items() if first_of[key] != pk]
    for registration in Registration.objects.filter(event_id__in=elsewhere).order_by("created", "pk"):
        first = first_of[keys[registration.event_id]]
        if registration.status in ("seated", "waiting") and registration.email:
            other = Registration.objects.filter(
                event_id=first, email=registration.email, status__in=("seated", "waiting")
            ).first()
            if other is not None:
                earlier = (other.created, other.pk) < (registration.created, registration.pk)
                later = registration if earlier else other
                later.status, later.cancelled, later.cancel_token_hash = "cancelled", now, None
                later.save(update_fields=["status", "cancelled", "cancel_token_hash"])
                RegistrationLog.objects.create(registration=later, change="cancelled", at=now)
                registration.refresh_from_db()
        _move_reach(Reach, registration, registration.event_id, first)
        registration.event_id = first
        registration.save(update_fields=["event"])


def back_to_the_page_registered_from(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Registration = apps.get_model("registrations", "Registration")
    Reach = apps.get_model("reach", "Reach")
    pages = Page.objects.filter(pk__in=Registration.objects.values("event_id"))
    for page in pages.select_related("locale"):
        translations = dict(
            Page.objects.filter(translation_key=page.translation_key)
            .exclude(pk=page.pk)
            .values_list("locale__language_code", "pk")
        )
        for registration in Registration.objects.filter(event_id=page.pk).exclude(
            language=page.locale.language_code
        ):
            translation = translations.get(registration.language)
            if translation is not None:
                _move_reach(Reach, registration, page.pk, translation)
                registration.event_id = translation
                registration.save(update_fields=["event"])


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0003_reach_at_attendance"),
    ]

    operations = [migrations.RunPython(merge_into_first_pages, back_to_the_page_registered_from)]
