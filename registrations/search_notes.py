"""What a search hit says of an event beside its indexed text: that its seats are taken. The index
cannot hold it (a registration would re-index the event), so the search asks when it shows the hit."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.models import EventPage
from cms.models.events import holds_registration

from .models import Status


def full_events(ids: list[str]) -> dict[str, str]:
    """ "Full" for the event documents (`event:<page key>`, any language) whose event takes
    registrations here, is still to come and has every seat taken."""
    pks = {int(id.partition(":")[2]): id for id in ids}
    keys = dict(Page.objects.filter(pk__in=pks).order_by().values_list("pk", "translation_key"))
    holders = (
        EventPage.objects.filter(holds_registration(), translation_key__in=set(keys.values()))
        .filter(registration_open=True, capacity__isnull=False, end__gte=timezone.now())
        .order_by()
        # Grouped by the two values read, not by every column of the page (the ORM's default,
        # whose query took 1.8 ms of Python to build and read for a page of hits, against 1.0).
        .values("translation_key", "capacity")
        .annotate(seated=Count("registrations", filter=Q(registrations__status=Status.SEATED)))
        .values_list("translation_key", "capacity", "seated")
    )
    full = {key for key, capacity, seated in holders if seated >= capacity}
    return {id: _("Full") for pk, id in pks.items() if keys.get(pk) in full}
