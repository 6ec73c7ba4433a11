"""Persons are reached when they come to an event, no longer when they take a seat.

Until now a seat wrote the participant's `Reach` row at once. For events that have ended, those
rows stay: nobody could mark attendance then, the periods they fall in may already have been
reported to the funders, and the old rule's count is the best record there is of who came. For
events still to come (or under way), nobody has been reached yet: their rows are withdrawn, and
each participant is counted when the door staff mark them as having come.

Reversible: going back writes a row for every registration that ever had a seat and has none
(at its seating time, as the old rule did).
"""

from django.db import migrations
from django.utils import timezone


def withdraw_reach_of_events_to_come(apps, schema_editor):
    Registration = apps.get_model("registrations", "Registration")
    Reach = apps.get_model("reach", "Reach")
    seated = Registration.objects.filter(seated__isnull=False, attended__isnull=True, event__end__gte=timezone.now())
    for event_id, person_id in seated.values_list("event_id", "person_id").distinct().iterator():
        Reach.objects.filter(channel="event", role="participant", source=str(event_id), person_id=person_id).delete()


def reach_at_seating(apps, schema_editor):
    Registration = apps.get_model("registrations", "Registration")
    Reach = apps.get_model("reach", "Reach")
    for registration in Registration.objects.filter(seated__isnull=False).order_by("seated", "pk").iterator():
        Reach.objects.get_or_create(
            person_id=registration.person_id,
            channel="event",
            source=str(registration.event_id),
            role="participant",
            defaults={"organisation_id": registration.organisation_id, "reached": registration.seated},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0002_attendance"),
        ("reach", "0002_organisation_erasure"),
    ]

    operations = [migrations.RunPython(withdraw_reach_of_events_to_come, reach_at_seating)]
