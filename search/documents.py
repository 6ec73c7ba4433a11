"""What the search index holds: one `SearchDocument` per findable thing, and where they come from.

A document carries only public text and classification. It has no field for a person's name,
e-mail, address or any other personal data, so nothing of the kind can reach an index; a test
pins the field list. Each kind of content registers a `DocumentSource` under its type name
from its app's ready() (pages through search/pages.py, from cms/search_documents.py; ideas from
workflows/search_documents.py): the index can then be rebuilt, checked and updated without the
search code knowing any model.
"""

import datetime
import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

import orjson

# What a search can be narrowed by; each document has zero, one or (challenge areas) more values.
FACETS = ("type", "challenge_area", "municipality", "stage", "language", "year")


@dataclass(frozen=True)
class SearchDocument:
    """One findable item in one language; `id` is "<type>:<primary key>", such as "news:123"."""

    id: str
    type: str
    language: str
    title: str
    url: str
    date: datetime.date | None
    summary: str = ""
    body: str = ""
    challenge_areas: tuple[str, ...] = ()
    municipality: str = ""
    stage: str = ""
    # The other languages the same item is findable in (a page's live, public translations):
    # a search in one of them shows that translation instead of this document.
    translations: tuple[str, ...] = ()
    # Files attached to the item (a resource's documents), each (title, text): found by their
    # words like the body, and named on a hit that matched only there.
    attachments: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        """Every findable word beside the title: summary, body, and the attachments' titles and text."""
        attached = (part for title, text in self.attachments for part in (title, text))
        return " ".join(part for part in (self.summary, self.body, *attached) if part)

    @property
    def year(self) -> str:
        """The year facet: the date's year, so the two can never disagree."""
        return str(self.date.year) if self.date else ""

    @functools.cached_property
    def version(self) -> str:
        """A digest of the content: equal versions mean the index holds what the database says."""
        return hashlib.blake2b(self.source_json, digest_size=8).hexdigest()

    def facet_values(self) -> dict[str, list[str]]:
        """The value(s) per facet; empty values are not indexed, so they get no bucket."""
        values = {
            "type": [self.type],
            "challenge_area": list(self.challenge_areas),
            "municipality": [self.municipality],
            "stage": [self.stage],
            "language": [self.language],
            "year": [self.year],
        }
        return {name: [value for value in found if value] for name, found in values.items()}

    def to_dict(self) -> dict:
        """The JSON form that the engines store and hand back."""
        return {
            "id": self.id,
            "type": self.type,
            "language": self.language,
            "title": self.title,
            "url": self.url,
            "date": self.date.isoformat() if self.date else None,
            "summary": self.summary,
            "body": self.body,
            "challenge_areas": list(self.challenge_areas),
            "municipality": self.municipality,
            "stage": self.stage,
            "translations": list(self.translations),
            # Only when there are some: the documents of other types keep their versions.
            **({"attachments": [list(pair) for pair in self.attachments]} if self.attachments else {}),
        }

    @functools.cached_property
    def source_json(self) -> bytes:
        """`to_dict()` as UTF-8 JSON, made once: it is both stored and digested into the version.
        orjson, as a rebuild makes this once for every document."""
        return orjson.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict) -> "SearchDocument":
        return cls(
            **{
                **data,
                "date": datetime.date.fromisoformat(data["date"]) if data["date"] else None,
                "challenge_areas": tuple(data["challenge_areas"]),
                "translations": tuple(data.get("translations", ())),
                "attachments": tuple(tuple(pair) for pair in data.get("attachments", ())),
            }
        )


class DocumentSource(Protocol):
    """Builds the documents of one type from stored values (never by rendering pages)."""

    def documents(self, pks: Iterable[int] | None = None) -> Iterator[SearchDocument]:
        """The documents of the objects `pks` (all when None) that may be found now.

        An object that is not findable (unpublished, private, withheld) yields nothing, so the
        caller that asked for it knows to delete its id from the index. `pks` may be a `range`:
        a part of a rebuild, read in a helper process (search/rebuild_helpers.py), meaning every
        key from its start to its stop; a source may read such a part by its bounds.
        """

    def keys(self) -> Iterator[int]:
        """The keys of the objects that may be found now, ascending: how a rebuild cuts the
        documents into parts."""


_sources: dict[str, DocumentSource] = {}


def register(type: str, source: DocumentSource) -> None:
    """Make a document type known to rebuilds, status checks and index updates."""
    _sources[type] = source


def source(type: str) -> DocumentSource:
    return _sources[type]


def types() -> list[str]:
    return sorted(_sources)


def document_id(type: str, pk: int) -> str:
    return f"{type}:{pk}"


def count_documents() -> int | None:
    """How many documents a rebuild indexes, if every source can tell (for progress bars)."""
    counts = [getattr(_sources[type], "count", None) for type in types()]
    return sum(count() for count in counts) if all(counts) else None


def all_documents() -> Iterator[SearchDocument]:
    """Every findable document of every registered type: what a rebuild indexes."""
    for type in types():
        yield from _sources[type].documents()
