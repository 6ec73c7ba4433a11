"""The one interface every search engine answers, and the parts of a search that no engine does.

A backend indexes, deletes, rebuilds and reports on `SearchDocument`s, and runs a `Plan` (the
query already cleaned and cut into words). Everything else happens here, once for all engines,
so that both give the same answers: cleaning bad input, highlighting, "did you mean",
completions and the shape of the results. A caller (view, worker, command) sees only
`SearchBackend`, `SearchQuery` and the results.
"""

import dataclasses
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..analysis import LANGUAGES, MAX_QUERY_CHARS, MAX_QUERY_WORDS, index_text, is_stopword, words
from ..compounds import CANDIDATES, Splitter, by_nearness
from ..documents import FACETS, SearchDocument
from ..highlight import Highlighter, document_snippet
from ..query import Plan, SearchQuery, bounded_int
from ..results import FacetValue, Found, Hit, IndexStatus, SearchResults
from ..spelling import correction

MIN_COMPLETION_PREFIX = 2
# How many of the most frequent words under a prefix are weighed as corrections of a misspelling.
CORRECTION_CANDIDATES = 1_000
# A "more like this" query weighs a document's most frequent words, each at most this often:
# rare words then rank through the engine's own idf, as in Lucene's more-like-this.
LIKE_WORDS = 30
LIKE_MOST_COUNT = 3
# A shared challenge area scores as much as a fairly rare shared word.
LIKE_AREA_SCORE = 2.0
# How many of the first hits of a split compound are ranked by how near its parts stand.
RERANKED = 100


class SearchError(Exception):
    """The engine refused a request; the message says why."""


class SearchUnavailable(SearchError):
    """The engine cannot be reached or is busy: callers degrade (a notice, a retry), never fail a write."""


@dataclass(frozen=True)
class Like:
    """One part of a "more like this" query: `value` in `field`, scored times `weight` (a text
    field's term by the engine's BM25; a facet's value, such as a challenge area, as a constant)."""

    field: str
    value: str
    weight: float


def likes(document: SearchDocument) -> list[Like]:
    """What a document is like: its most frequent lemma keys (title and summary, stop words left
    out, in the document's language) and its challenge areas."""
    field = f"lemma_{document.language}"
    counts = Counter(index_text(document).get(field, "").split())
    text = [Like(field, term, min(count, LIKE_MOST_COUNT)) for term, count in counts.most_common(LIKE_WORDS)]
    return text + [Like("challenge_area", area, LIKE_AREA_SCORE) for area in document.challenge_areas]


class SearchBackend(ABC):
    """A search engine behind the contract in tests/search: same documents in, same answers out."""

    def search(self, query: SearchQuery) -> SearchResults:
        """One page of hits and the facet counts. A query that finds nothing is corrected, and
        when the correction finds something its hits are shown (`corrected_query`), unless the
        query is to be searched as typed; else its unknown compounds are split
        (search.compounds); if that finds nothing either, the correction is only suggested
        (`did_you_mean`)."""
        query = query.cleaned()
        plan = Plan.of(query)
        found = self._search(plan)
        if found.total or not plan.words:
            return self._results(query, plan, found)
        did_you_mean = self._did_you_mean(plan.words, query.language)
        if did_you_mean and not query.as_typed:
            corrected = Plan.of(dataclasses.replace(query, text=did_you_mean))
            if (corrected_found := self._search(corrected)).total:
                return self._results(query, corrected, corrected_found, corrected_query=did_you_mean)
        plan, found = self._split(plan, found)
        return self._results(query, plan, found, did_you_mean=None if found.total else did_you_mean)

    def _results(self, query: SearchQuery, plan: Plan, found: Found, **spelling) -> SearchResults:
        highlighter = Highlighter(plan.words)
        return SearchResults(
            query=query,
            total=found.total,
            hits=[self._hit(document, score, highlighter) for document, score in found.documents],
            facets={name: _facet(name, found, plan) for name in FACETS},
            **spelling,
        )

    def _split(self, plan: Plan, found: Found) -> tuple[Plan, Found]:
        """The plan with its unknown compounds split (search.compounds) and what it finds, the
        pages with the parts near each other first."""
        splitter = Splitter(lambda prefix: self._vocabulary(prefix, "", CANDIDATES))
        splits = {word: parts for word in plan.words if (parts := splitter.split(word))}
        if not splits:
            return plan, found
        words = [part for word in plan.words for part in splits.get(word, [word])]
        split = dataclasses.replace(plan, words=list(dict.fromkeys(words)))
        if split.by_date or split.offset >= RERANKED:
            return split, self._search(split)
        # The first RERANKED hits reordered; a page starting within them is cut from the new order.
        window = max(RERANKED, split.offset + split.limit)
        first = self._search(dataclasses.replace(split, offset=0, limit=window))
        ranked = by_nearness(first.documents, list(splits.values()))
        return split, dataclasses.replace(first, documents=ranked[split.offset : split.offset + split.limit])

    def suggest(self, prefix: str, language: str = "", limit: int = 8) -> list[str]:
        """Completions of the last word being typed, most frequent first, in `language` if given."""
        typed = words(str(prefix or "")[:MAX_QUERY_CHARS])[-MAX_QUERY_WORDS:]
        if not typed or str(prefix)[-1:].isspace() or len(typed[-1]) < MIN_COMPLETION_PREFIX:
            return []
        *before, last = typed
        limit = bounded_int(limit, 8, 1, 50)
        language = language if language in LANGUAGES else ""
        found = self._vocabulary(last, language, limit * 3)
        completions = [term for term, _ in found if len(term) > len(last) and not is_stopword(term)]
        return [" ".join([*before, term]) for term in completions[:limit]]

    def similar(self, document: SearchDocument, limit: int = 5, exclude: Iterable[str] = ()) -> list[str]:
        """The ids of the `limit` other documents most like `document`, most alike first, leaving
        out the ids in `exclude`. `document` need not be indexed: it is read as given."""
        like = likes(document)
        if not like:
            return []
        return self._similar(like, [document.id, *exclude], bounded_int(limit, 5, 1, 50))

    @staticmethod
    def _hit(document: SearchDocument, score: float, highlighter: Highlighter) -> Hit:
        snippet, found_in = document_snippet(highlighter, document)
        return Hit(
            id=document.id,
            type=document.type,
            language=document.language,
            title=document.title,
            url=document.url,
            date=document.date,
            summary=document.summary,
            challenge_areas=document.challenge_areas,
            municipality=document.municipality,
            stage=document.stage,
            year=document.year,
            title_html=highlighter.title(document.title, document.language),
            snippet_html=snippet,
            score=score,
            found_in=found_in,
        )

    def _did_you_mean(self, query: list[str], language: str) -> str | None:
        """The query with each word that no document has replaced by the nearest frequent word
        (of the visitor's language); None when there is nothing to correct."""
        corrected = []
        for word in query:
            if any(term == word for term, _ in self._vocabulary(word, "", 50)):
                corrected.append(word)
            else:
                candidates = self._vocabulary(word[:2], language, CORRECTION_CANDIDATES)
                corrected.append(correction(word, candidates) or word)
        return " ".join(corrected) if corrected != query else None

    @abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace documents; they are findable when this returns. Returns how many."""

    @abstractmethod
    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id; unknown ids are ignored."""

    @abstractmethod
    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Index `documents` into a new index and switch to it in one step: searches never see a
        half-built or empty index. Writes made meanwhile went to the old index; the caller
        replays them. Returns how many documents the new index holds. From a rebuild of the
        site, `documents` are `AllDocuments`, which helper processes can read in parts."""

    @abstractmethod
    def ping(self, timeout: float) -> str:
        """One cheap request that shows the engine answers, within about `timeout` seconds: the
        number of documents searched. Raises SearchUnavailable when the engine does not answer."""

    @abstractmethod
    def status(self) -> IndexStatus:
        """The live index's name and document versions, to compare with the database."""

    @abstractmethod
    def _search(self, plan: Plan) -> Found:
        """Run a plan: hits matching all filters, and facet counts under `plan.filters_except`."""

    @abstractmethod
    def _similar(self, like: list[Like], exclude: list[str], limit: int) -> list[str]:
        """Ids of the `limit` documents scoring highest on any of `like` (the sum of the parts they
        match), not those in `exclude`."""

    @abstractmethod
    def _vocabulary(self, prefix: str, language: str, limit: int) -> list[tuple[str, int]]:
        """Indexed words starting with `prefix` (in documents of `language`, if given) with their
        document counts, most frequent first, then alphabetical; at most `limit`."""


def _facet(name: str, found: Found, plan: Plan) -> list[FacetValue]:
    """A facet's values, the most frequent first, each marked if the visitor chose it."""
    chosen = plan.filters.get(name, ())
    values = [
        FacetValue(value, count, value in chosen) for value, count in found.facets.get(name, {}).items()
    ]
    return sorted(values, key=lambda value: (-value.count, value.value))
