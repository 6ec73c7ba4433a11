"""News, events, resources and programme pages as search documents (types "news", "event",
"resource", "programme"), and the names of the taxonomies they are filtered by.

Each page type says which of its stored values make its document: its own fields (date,
municipality) and words findable beside the body (an event's place, an article's tags, a
resource's attached files, read by search/attachments.py). The body's text is read from the
stream's stored blocks: images and partner lists have none, and a quote's attribution is left
out. search/pages.py reads the values of the live, public pages and builds the documents;
partners are documents of their own (cms/search_partners.py).
"""

from django.db.models.signals import post_save, pre_delete
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model

from search import attachments, indexing
from search.documents import document_id
from search.labels import fixed, register_labels
from search.pages import BlockReaders, register_page_type, rich_text

from .models import (
    ChallengeArea,
    EventPage,
    Municipality,
    NewsPage,
    NewsPageTag,
    ResourceDocument,
    ResourcePage,
    StandardPage,
)
from .search_partners import register_partners

Document = get_document_model()

# The readable text of each body block type (cms/blocks.py).
BODY_TEXT: BlockReaders = {
    "heading": lambda value: value["text"],
    "paragraph": rich_text,
    "quote": lambda value: value["text"],
    "call_to_action": lambda value: value["text"],
    "document": lambda value: value.get("title") or "",
}


def _local_date(moment):
    # The site's zone (cached by Django), not the active one: a rebuild may run inside a
    # request, and `timezone.localtime` reads the active zone from a context-local at about
    # 50 µs a page.
    return moment.astimezone(timezone.get_default_timezone()).date() if moment else None


def _news(row: dict) -> dict:
    # Tags are the editors' own keywords for the article: findable like its text.
    return {"date": row["date"], "text": " ".join(row["tags"])}


def _event(row: dict) -> dict:
    return {
        "date": _local_date(row["start"]),
        "municipality": row["municipality__slug"] or "",
        "text": row["place"],
    }


def _resource(row: dict) -> dict:
    return {
        "date": _local_date(row["first_published_at"] or row["last_published_at"]),
        "municipality": row["municipality__slug"] or "",
        "attachments": attachments.read(row["attachments"]),
    }


def _programme(row: dict) -> dict:
    # About the programme, not of a day: no date, so newest-first lists them last.
    return {"date": None}


def _resources_of(document: Document) -> list[str]:
    pks = ResourceDocument.objects.filter(document=document).values_list("resource_id", flat=True)
    return [document_id("resource", pk) for pk in pks]


def _document_changed(sender, instance: Document, raw: bool = False, **kwargs) -> None:
    # A file replaced or retitled: the resources holding it are indexed again with its new text.
    if not raw:
        indexing.enqueue(_resources_of(instance))


def _document_deleted(sender, instance: Document, **kwargs) -> None:
    # Before the delete, while the resources still hold it; the row commits with the delete.
    indexing.enqueue(_resources_of(instance))


def register_pages() -> None:
    # Tags in the order the editor added them, as the article shows them.
    tags = NewsPageTag.objects.order_by("pk").values_list("content_object", "tag__name")
    register_page_type(
        NewsPage, "news", _news, BODY_TEXT, columns=("date",), many={"tags": ("content_object", tags)}
    )
    register_page_type(
        EventPage, "event", _event, BODY_TEXT, columns=("start", "place", "municipality__slug")
    )
    # A resource's files in the editor's order, from public collections only, with their stored text.
    files = (
        ResourceDocument.objects.filter(attachments.public_files("document"))
        .order_by("sort_order", "pk")
        .values_list("resource", attachments.attached_file("document"))
    )
    register_page_type(
        ResourcePage,
        "resource",
        _resource,
        BODY_TEXT,
        columns=("first_published_at", "last_published_at", "municipality__slug"),
        many={"attachments": ("resource", files)},
    )
    register_page_type(StandardPage, "programme", _programme, BODY_TEXT)
    post_save.connect(_document_changed, sender=Document, dispatch_uid="cms.search.document_changed")
    pre_delete.connect(_document_deleted, sender=Document, dispatch_uid="cms.search.document_deleted")
    register_partners()
    register_labels(
        "type",
        fixed(
            {
                "news": _("News"),
                "event": _("Event"),
                "resource": _("Resource"),
                "programme": _("Programme page"),
                "partner": _("Partner or funder"),
            }
        ),
    )
    register_labels("challenge_area", _challenge_areas, models=[ChallengeArea])
    register_labels("municipality", _municipalities, models=[Municipality])


def _challenge_areas(slugs: list[str]) -> dict[str, str]:
    return {area.slug: area.label for area in ChallengeArea.objects.filter(slug__in=slugs)}


def _municipalities(slugs: list[str]) -> dict[str, str]:
    return dict(Municipality.objects.filter(slug__in=slugs).values_list("slug", "name"))
