"""The facts a listing's card shows, gathered in Python once per card.

A card lists pages of several types (news, events, resources, standard pages). Asking a page in
the template for a field its type lacks (`item.date` on an event) makes Django's template engine
fall back from attribute to index lookup and call `dir()` on the page, which costs more than the
rest of the card; `card_facts` asks each page only for what its type has.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django import template
from wagtail.images.models import AbstractImage, AbstractRendition, Filter
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Page

register = template.Library()

#: Parsed filters by spec, shared by the process: Wagtail's `{% image %}` parses its spec again on
#: every rendering (`Filter.operations`, which inspects every operation's signature).
_filters: dict[str, Filter] = {}


def rendition(image: AbstractImage, spec: str) -> AbstractRendition:
    """What `{% image image spec as name %}` gives, with the spec parsed once per process; a
    rendition found in Wagtail's renditions cache is not written back to it (`get_rendition`
    stores it again on every call)."""
    filter = _filters.get(spec) or _filters.setdefault(spec, Filter(spec=spec))
    filter = image.clean_filter_for_svg(filter)
    model = image.get_rendition_model()
    key = model.construct_cache_key(image, filter.get_cache_key(image), filter.spec)
    cached = model.cache_backend.get(key)
    if cached is None:
        return get_rendition_or_not_found(image, filter)
    cached.image = image  # the page's image, with any alt text set on it
    return cached


@dataclass(frozen=True)
class CardFacts:
    """A card's facts; each is empty when the page's type has no such field."""

    date: datetime.date | None = None
    start: datetime.datetime | None = None
    municipality: str = ""
    resource_type: str = ""
    summary: str = ""
    thumbnail: AbstractRendition | None = None
    image_description: str = ""  # `ContentPage.image_description`


def _fields(model: type[Page]) -> frozenset[str]:
    found = _fields_by_model.get(model)
    if found is None:
        found = _fields_by_model[model] = frozenset(field.name for field in model._meta.concrete_fields)
    return found


_fields_by_model: dict[type[Page], frozenset[str]] = {}


@register.simple_tag
def card_facts(item: Page) -> CardFacts:
    fields = _fields(type(item))

    def value(name: str) -> Any:
        return getattr(item, name) if name in fields else None

    start = value("start")
    # Only an event's card names its municipality (a resource's is not shown: not read).
    municipality = value("municipality") if start else None
    image = value("image")
    return CardFacts(
        date=value("date"),
        start=start,
        municipality=municipality.label if municipality else "",
        resource_type=item.get_resource_type_display() if value("resource_type") else "",
        summary=value("lead") or item.search_description or "",
        thumbnail=rendition(image, "fill-640x360") if image else None,
        image_description=item.image_description if image else "",
    )
