"""What searches and status checks answer."""

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from .documents import SearchDocument
from .query import MAX_RESULT_WINDOW, SearchQuery


@dataclass(frozen=True)
class Found:
    """An engine's answer to a plan: the total, one page of documents, counts per facet value."""

    total: int
    documents: list[tuple[SearchDocument, float]]
    facets: dict[str, dict[str, int]]


@dataclass(frozen=True)
class Hit:
    """One result: the document's public fields, its title and a snippet with <mark>ed matches."""

    id: str
    type: str
    language: str
    title: str
    url: str
    date: datetime.date | None
    summary: str
    challenge_areas: tuple[str, ...]
    municipality: str
    stage: str
    year: str
    title_html: SafeString
    snippet_html: SafeString
    score: float
    # The title of the attached file whose text the snippet comes from: the page's own text
    # did not hold the words.
    found_in: str = ""


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: how many hits it has under the other facets' filters."""

    value: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchResults:
    """One page of hits for the cleaned `query`, every facet's values, and a spelling suggestion
    when nothing matched. `corrected_query`: the query found nothing, and the hits are this
    correction's."""

    query: SearchQuery
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    did_you_mean: str | None = None
    corrected_query: str | None = None

    @property
    def num_pages(self) -> int:
        return min(math.ceil(self.total / self.query.per_page), MAX_RESULT_WINDOW // self.query.per_page)


@dataclass(frozen=True)
class IndexStatus:
    """What an index holds: its name, and the version of every document by id."""

    name: str
    versions: dict[str, str]

    @property
    def count(self) -> int:
        return len(self.versions)

    def differences(self, documents: Iterable[SearchDocument]) -> "IndexDifferences":
        """Compare with the documents that should be findable (the database's view)."""
        missing, stale, seen = [], [], set()
        for document in documents:
            seen.add(document.id)
            indexed = self.versions.get(document.id)
            if indexed is None:
                missing.append(document.id)
            elif indexed != document.version:
                stale.append(document.id)
        extra = sorted(set(self.versions) - seen)
        return IndexDifferences(missing=sorted(missing), stale=sorted(stale), extra=extra)


@dataclass(frozen=True)
class IndexDifferences:
    """Ids to index (missing, stale) and to delete (extra) for the index to match the database."""

    missing: list[str]
    stale: list[str]
    extra: list[str]

    def __bool__(self) -> bool:
        return bool(self.missing or self.stale or self.extra)
