"""Search documents for the programme's pages, built from stored values.

Rendering a page to index it costs a whole template render per page (about 850 pages/s for
20-block bodies, see FACTS.md); reading the StreamField's raw JSON and a few columns is far
cheaper, and a rebuild of the whole site is what this has to be fast for. Only live, public
pages are findable. Owners, revision authors and quote attributions are never read.
"""

import html
import re
from collections.abc import Callable, Iterable, Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.models import ChallengeArea, EventPage, Municipality, NewsPage, ResourcePage

from .documents import SearchDocument, document_id, register
from .labels import fixed, register_labels

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def rich_text(value: str) -> str:
    """The words of stored rich text: tags become spaces, so "</p><p>" never joins two words."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", value))).strip()


# The readable text of each body block type; blocks not listed (images, partner lists) have none.
_BLOCK_TEXT: dict[str, Callable[[object], str]] = {
    "heading": lambda value: value["text"],
    "paragraph": rich_text,
    "quote": lambda value: value["text"],
    "call_to_action": lambda value: value["text"],
    "document": lambda value: value.get("title") or "",
}


def body_text(page: Page) -> str:
    """The page body's text from the stream's raw JSON, without building any block."""
    parts = (
        _BLOCK_TEXT[block["type"]](block["value"])
        for block in page.body.raw_data
        if block["type"] in _BLOCK_TEXT
    )
    return " ".join(part for part in parts if part)


class PageSource:
    """The documents of one page model: its live, public pages in every language."""

    def __init__(
        self, model: type[Page], type: str, describe: Callable[[Page], dict], related=(), prefetch=()
    ):
        self.model = model
        self.type = type
        # The model's own fields of the document (date, municipality) and "text": words that are
        # findable beside the body, such as an event's place or an article's tags.
        self.describe = describe
        self.related = related
        self.prefetch = prefetch

    def count(self) -> int:
        """How many documents `documents()` yields: for progress bars."""
        return self.model.objects.live().public().count()

    def documents(self, pks: Iterable[int] | None = None) -> Iterator[SearchDocument]:
        pages = (
            self.model.objects.live()
            .public()
            .select_related("locale", *self.related)
            .prefetch_related(
                Prefetch("challenge_areas", queryset=ChallengeArea.objects.only("slug")), *self.prefetch
            )
            .order_by("pk")
        )
        if pks is not None:
            pages = pages.filter(pk__in=list(pks))
        for page in pages.iterator(chunk_size=500):
            yield self.build(page)

    def build(self, page: Page) -> SearchDocument:
        described = self.describe(page)
        text = described.pop("text", "")
        return SearchDocument(
            id=document_id(self.type, page.pk),
            type=self.type,
            language=page.locale.language_code.split("-")[0],
            title=page.title,
            url=page.get_url() or "",
            summary=page.lead,
            body=" ".join(part for part in (body_text(page), text) if part),
            challenge_areas=tuple(sorted(area.slug for area in page.challenge_areas.all())),
            **described,
        )


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def _news(page: NewsPage) -> dict:
    # Tags are the editors' own keywords for the article: findable like its text.
    return {"date": page.date, "text": " ".join(tag.name for tag in page.tags.all())}


def _event(page: EventPage) -> dict:
    return {
        "date": _local_date(page.start),
        "municipality": page.municipality.slug if page.municipality else "",
        "text": page.place,
    }


def _resource(page: ResourcePage) -> dict:
    return {
        "date": _local_date(page.first_published_at or page.last_published_at),
        "municipality": page.municipality.slug if page.municipality else "",
    }


# The document type of each findable page model.
PAGE_TYPES: dict[type[Page], str] = {NewsPage: "news", EventPage: "event", ResourcePage: "resource"}


def register_pages() -> None:
    register("news", PageSource(NewsPage, "news", _news, prefetch=("tags",)))
    register("event", PageSource(EventPage, "event", _event, related=("municipality",)))
    register("resource", PageSource(ResourcePage, "resource", _resource, related=("municipality",)))
    register_labels("type", fixed({"news": _("News"), "event": _("Event"), "resource": _("Resource")}))
    register_labels("challenge_area", _challenge_areas)
    register_labels("municipality", _municipalities)


def _challenge_areas(slugs: list[str]) -> dict[str, str]:
    return {area.slug: area.label for area in ChallengeArea.objects.filter(slug__in=slugs)}


def _municipalities(slugs: list[str]) -> dict[str, str]:
    return dict(Municipality.objects.filter(slug__in=slugs).values_list("slug", "name"))


def page_document_ids(page: Page, descendants: bool = False) -> list[str]:
    """The document ids of `page` (and, if asked, of every page below it) whatever their state:
    the outbox handler decides from the database whether each is to be indexed or deleted."""
    if not descendants:
        type = PAGE_TYPES.get(page.specific_class)
        return [document_id(type, page.pk)] if type else []
    by_content_type = {
        ContentType.objects.get_for_model(model).pk: type for model, type in PAGE_TYPES.items()
    }
    found = (
        Page.objects.descendant_of(page, inclusive=True)
        .filter(content_type_id__in=by_content_type)
        .values_list("pk", "content_type_id")
    )
    return [document_id(by_content_type[content_type], pk) for pk, content_type in found]
