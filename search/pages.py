"""Search documents for page models, built from stored values: the machinery any page type uses.

A content app describes each findable page model with `register_page_type` (cms/search_documents.py
does so for news, events, resources and programme pages); this module reads its live, public pages
and makes their documents, knowing no model itself. Rendering a page to index it costs a whole
template render per page (about 850 pages/s for 20-block bodies), and even a page model instance
costs more than the rest of a document (modelcluster's set-up, `get_url`, a tag manager per
page): a rebuild reads plain column values instead, a chunk of pages at a time, with one query
per chunk for each many-valued relation (challenge areas, tags, attachments). A registered model
has `lead` and `body`, and may have `challenge_areas`; only the columns a registration names are
read, never owners or revision authors.
"""

import html
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import quote

import orjson
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import BooleanField, QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from .documents import SearchDocument, document_id, register

# Pages read per query: the values of a chunk and its relations stay small however large the site.
CHUNK = 1_000
# The columns every page document is made of; each source adds its own.
_COLUMNS = ("pk", "title", "url_path", "locale__language_code", "translation_key", "lead", "body_json")
_TAG = re.compile(r"<[^>]*>")
# What django.urls.reverse leaves unquoted in a path.
_URL_SAFE = "!$&'()*+,;=/~:@"


def rich_text(value: str) -> str:
    """The words of stored rich text: tags become spaces, so "</p><p>" never joins two words."""
    return " ".join(html.unescape(_TAG.sub(" ", value)).split())


# How a block's stored value reads as text, by block type; blocks without a reader have none.
BlockReaders = dict[str, Callable[[object], str]]


def body_text(blocks: Iterable[dict], readers: BlockReaders) -> str:
    """The body's text from the stream's raw JSON blocks, without building any block."""
    parts = (readers[block["type"]](block["value"]) for block in blocks if block["type"] in readers)
    return " ".join(part for part in parts if part)


class PageUrls:
    """Page URLs as `Page.get_url()` makes them without a request, from the stored `url_path`.

    Wagtail reverses its serve view for every page, under the page language's URL prefix; here
    that is done once per site root and language, and a page's URL is that root's URL followed
    by the rest of its path, quoted as `reverse` quotes it.
    """

    def __init__(self):
        # Most specific root first (Wagtail's order), one per site and language.
        self.roots = Site.get_site_root_paths()
        # With one site Wagtail gives local URLs ("/nyheter/…"), with several full ones.
        self.local = len({root.site_id for root in self.roots}) == 1
        self.prefixes: dict[tuple, str] = {}

    def __call__(self, url_path: str) -> str:
        for root in self.roots:
            if url_path.startswith(root.root_path):
                return self._prefix(root) + quote(url_path[len(root.root_path) :], safe=_URL_SAFE)
        return ""  # outside every site: not routable

    def _prefix(self, root) -> str:
        if root not in self.prefixes:
            with translation.override(root.language_code):
                path = reverse("wagtail_serve", args=("",))
            self.prefixes[root] = path if self.local else root.root_url + path
        return self.prefixes[root]


class PageSource:
    """The documents of one page model: its live, public pages in every language."""

    def __init__(
        self,
        model: type[Page],
        type: str,
        describe: Callable[[dict], dict],
        blocks: BlockReaders,
        columns: tuple[str, ...] = (),
        many: dict[str, tuple[str, QuerySet]] | None = None,
    ):
        self.model = model
        self.type = type
        self.blocks = blocks
        # The model's own fields of the document (date, municipality) and "text": words that are
        # findable beside the body, such as an event's place or an article's tags. Made from a
        # row of the page's `columns` and of its `many` relations, each given as the column that
        # holds the page's key and a query of (page key, value) pairs, read per chunk of pages.
        self.describe = describe
        self.columns = columns
        self.many = {**_challenge_areas(model), **(many or {})}

    def count(self) -> int:
        """How many documents `documents()` yields: for progress bars."""
        return self._findable().count()

    def keys(self) -> Iterator[int]:
        return self._findable().order_by("pk").values_list("pk", flat=True).iterator(chunk_size=10_000)

    def _findable(self) -> QuerySet:
        return self.model.objects.live().public()

    def documents(self, pks: Iterable[int] | None = None) -> Iterator[SearchDocument]:
        pages = (
            self._findable()
            # The stream as its stored JSON: a StreamField value would build a JSONField per page.
            .annotate(body_json=Cast("body", TextField()))
            .order_by("pk")
            .values(*_COLUMNS, *self.columns)
        )
        # A range (a part of a rebuild) is read by its bounds, like the whole table, by key ranges.
        by_range = pks is None or isinstance(pks, range)
        last = 0
        if isinstance(pks, range):
            # Its start is where the keyset chunks start, not a lower bound of its own: given
            # both, SQLite kept the chunks' `pk > last` and read the table from its first row
            # for every part, so a rebuild read the pages before each part again (at 1 000 000
            # pages most of its time, nearly all in the kernel copying file pages).
            pages = pages.filter(pk__lt=pks.stop)
            last = pks.start - 1
        elif pks is not None:
            pages = pages.filter(pk__in=list(pks))
        urls = PageUrls()
        while True:
            # Keyset chunks: each a short query, none holding the others' rows.
            rows = list(pages.filter(_after(last), pk__gt=last)[:CHUNK])
            if not rows:
                return
            related = {
                name: self._related(rows, column, pairs, by_range)
                for name, (column, pairs) in self.many.items()
            }
            languages = self._languages(rows)
            for row in rows:
                for name, values in related.items():
                    row[name] = values.get(row["pk"], [])
                own = _language(row)
                row["translations"] = sorted(languages[row["translation_key"]] - {own})
                yield self.build(row, urls)
            if len(rows) < CHUNK:
                return
            last = rows[-1]["pk"]

    def _languages(self, rows: list[dict]) -> dict:
        """The languages each translation group of `rows` is findable in: one query per chunk."""
        found = defaultdict(set)
        pairs = self._findable().filter(translation_key__in={row["translation_key"] for row in rows})
        for key, language in pairs.values_list("translation_key", "locale__language_code"):
            found[key].add(language.split("-")[0])
        return found

    @staticmethod
    def _related(rows: list[dict], column: str, pairs: QuerySet, by_range: bool) -> dict[int, list]:
        """The values of a relation for the pages `rows`, by page key. When every page of a key
        range is read, the chunk's range serves as well as its keys and costs far less to send;
        the values of pages in the range but not in the chunk (not live, or private) are read and
        left unused."""
        if by_range:
            pairs = pairs.filter(**{f"{column}__gte": rows[0]["pk"], f"{column}__lte": rows[-1]["pk"]})
        else:
            pairs = pairs.filter(**{f"{column}__in": [row["pk"] for row in rows]})
        grouped: dict[int, list] = defaultdict(list)
        for pk, value in pairs:
            grouped[pk].append(value)
        return grouped

    def build(self, row: dict, urls: PageUrls) -> SearchDocument:
        described = self.describe(row)
        text = described.pop("text", "")
        body = body_text(orjson.loads(row["body_json"]), self.blocks)
        return SearchDocument(
            id=document_id(self.type, row["pk"]),
            type=self.type,
            language=_language(row),
            title=row["title"],
            url=urls(row["url_path"]),
            summary=row["lead"],
            body=" ".join(part for part in (body, text) if part),
            challenge_areas=tuple(sorted(row.get("challenge_areas", ()))),
            translations=tuple(row["translations"]),
            **described,
        )


def _challenge_areas(model: type[Page]) -> dict[str, tuple[str, QuerySet]]:
    """The relation of the pages' challenge areas, for a model that has them (a programme page
    has none)."""
    try:
        field = model._meta.get_field("challenge_areas")
    except FieldDoesNotExist:
        return {}
    page, area = field.m2m_field_name(), field.m2m_reverse_field_name()
    return {"challenge_areas": (page, field.remote_field.through.objects.values_list(page, f"{area}__slug"))}


def _language(row: dict) -> str:
    return row["locale__language_code"].split("-")[0]


def _after(last: int) -> RawSQL:
    """`pk > last` on Wagtail's page table too. The ORM puts it only on the model's own table (whose
    key is the page's), and PostgreSQL then reads the page table from its first row for every
    chunk (a merge join on the key): a chunk of events, the last pages of 100 000, took 74 ms, now 20."""
    quote = connection.ops.quote_name
    # A quoted table name from Wagtail's metadata and a fixed column; `last` is a parameter.
    return RawSQL(  # noqa: S611
        f"{quote(Page._meta.db_table)}.{quote('id')} > %s", (last,), output_field=BooleanField()
    )


# The document type of each registered page model.
PAGE_TYPES: dict[type[Page], str] = {}


def register_page_type(
    model: type[Page],
    type: str,
    describe: Callable[[dict], dict],
    blocks: BlockReaders,
    columns: tuple[str, ...] = (),
    many: dict[str, tuple[str, QuerySet]] | None = None,
) -> None:
    """Make the live, public pages of `model` findable as documents of `type`: its body's text read
    by `blocks`, and its own fields by `describe` (see `PageSource`)."""
    # Imported here because search.signals reads this module's registry at import.
    from .signals import watch_page_type

    PAGE_TYPES[model] = type
    register(type, PageSource(model, type, describe, blocks, columns, many))
    watch_page_type(model)


def page_document_ids(page: Page, descendants: bool = False) -> list[str]:
    """The document ids of `page` and its translations (whose documents name the languages it is
    findable in), or of every page below it, whatever their state: the outbox handler decides
    from the database whether each is to be indexed or deleted."""
    if not descendants:
        type = PAGE_TYPES.get(page.specific_class)
        return [document_id(type, pk) for pk in translation_pks(page)] if type else []
    by_content_type = {
        ContentType.objects.get_for_model(model).pk: type for model, type in PAGE_TYPES.items()
    }
    found = (
        Page.objects.descendant_of(page, inclusive=True)
        .filter(content_type_id__in=by_content_type)
        .values_list("pk", "content_type_id")
    )
    return [document_id(by_content_type[content_type], pk) for pk, content_type in found]


def translation_pks(page: Page) -> list[int]:
    """The keys of `page` and of its translations into other languages (it may be deleted)."""
    others = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    return [page.pk, *others.values_list("pk", flat=True)]
