"""A listing's cards: each drawn once and kept in the fragment cache, its facts gathered in Python.

A card lists pages of several types (news, events, resources, standard pages). Asking a page in
the template for a field its type lacks (`item.date` on an event) makes Django's template engine
fall back from attribute to index lookup and call `dir()` on the page, which costs more than the
rest of the card; `card_facts` asks each page only for what its type has.

`{% cards items heading_level %}` draws the cards of a list of pages, or of page ids: a card comes
from the fragment cache (infra/fragment_cache.py) while nothing it shows has changed (the page, its
address, its picture, its municipality), so a listing loads only the pages whose card is not there.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from wagtail.images.models import AbstractImage, AbstractRendition, Filter
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Page

from infra import fragment_cache, page_cache
from infra.page_cache_tags import model_tag

from ..models import Municipality
from ..serving import specific_in_order

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
    # The page and what it refers to were loaded before the card's own recording began.
    page_cache.shows(f"page:{item.pk}")
    if municipality:
        page_cache.shows(model_tag(Municipality))
    if image:
        page_cache.shows(model_tag(type(image)))
    return CardFacts(
        date=value("date"),
        start=start,
        municipality=municipality.label if municipality else "",
        resource_type=item.get_resource_type_display() if value("resource_type") else "",
        summary=value("lead") or item.search_description or "",
        thumbnail=rendition(image, "fill-640x360") if image else None,
        image_description=item.image_description if image else "",
    )


@register.simple_tag(takes_context=True)
def cards(context, items, heading_level: int = 2) -> SafeString:
    """An `<li>` with the card of each of `items` (pages, or page ids), in their order."""
    request = context["request"]
    items = list(items)
    given = {item.pk: item for item in items if isinstance(item, Page)}
    ids = [item.pk if isinstance(item, Page) else item for item in items]
    found = fragment_cache.get_many(request, "card", [(pk, heading_level) for pk in ids])
    missing = [pk for pk in ids if (pk, heading_level) not in found]
    unloaded = [pk for pk in missing if pk not in given]
    if unloaded:
        given.update((page.pk, page) for page in specific_in_order(Page.objects.filter(pk__in=unloaded)))
    card = context.template.engine.get_template("includes/card.html")
    for pk in missing:
        if pk in given:
            values = {"request": request, "item": given[pk], "heading_level": heading_level}
            found[pk, heading_level] = fragment_cache.draw(
                request, "card", (pk, heading_level), lambda values=values: card.render(context.new(values))
            )
    return format_html_join(
        "", "<li>{}</li>", ((found[pk, heading_level],) for pk in ids if (pk, heading_level) in found)
    )
