"""What a visitor asks for, made safe, and the plan an engine runs for it.

Any values are accepted (they come from a query string): `SearchQuery.cleaned()` bounds the
text, keeps known facets only and clamps page and size, so that no input can raise, and no page
reaches past Elasticsearch's result window (the same limit is kept on the embedded engine).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .analysis import LANGUAGES, MAX_QUERY_CHARS, query_words
from .documents import FACETS

SORTS = ("relevance", "date")
DEFAULT_PER_PAGE, MAX_PER_PAGE = 20, 100
# Elasticsearch's default index.max_result_window.
MAX_RESULT_WINDOW = 10_000
MAX_FILTER_VALUES, MAX_FILTER_CHARS = 20, 100


def bounded_int(value, default: int, low: int, high: int) -> int:
    """`value` as an int within [low, high]; `default` if it is no number at all."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        number = default
    return min(max(number, low), high)


@dataclass(frozen=True)
class SearchQuery:
    """What a visitor asked for. Any values are accepted; `cleaned()` makes them safe to run.

    `language` is the visitor's language. It picks the vocabulary for "did you mean"; unless the
    "language" facet is chosen, only hits in it are shown (the other languages' counts stay in
    that facet, one click away); and an item findable in it is shown in it, never as its
    translation too. `filters` maps facet names to the values chosen: values of one facet are
    alternatives, different facets all apply. `as_typed`: no correction is searched instead
    when the text finds nothing (the visitor asked for the text itself). `any_word`: a document
    matches with any of the words, ranked by how many and how well, where the search box needs
    all of them; for queries the site makes from a text of its own (recommendations), never from
    a visitor's input.
    `facets`: False for a caller that shows no facets, which then costs no counting.
    """

    text: str = ""
    language: str = ""
    filters: Mapping[str, Sequence[str] | str] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    as_typed: bool = False
    any_word: bool = False
    facets: bool = True

    def cleaned(self) -> "SearchQuery":
        """Bounded text, known facets only, page and size clamped into the result window."""
        per_page = bounded_int(self.per_page, DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
        filters = {}
        for name in FACETS:
            chosen = self.filters.get(name) if isinstance(self.filters, Mapping) else None
            if isinstance(chosen, str) or not isinstance(chosen, Iterable):
                chosen = [chosen]
            values = [str(value)[:MAX_FILTER_CHARS] for value in chosen if value not in (None, "")]
            if values:
                filters[name] = tuple(dict.fromkeys(values))[:MAX_FILTER_VALUES]
        language = self.language if self.language in LANGUAGES else ""
        if language and "language" not in filters:
            filters["language"] = (language,)
        return SearchQuery(
            text=str(self.text or "")[:MAX_QUERY_CHARS],
            language=language,
            filters=filters,
            sort=self.sort if self.sort in SORTS else "relevance",
            page=bounded_int(self.page, 1, 1, MAX_RESULT_WINDOW // per_page),
            per_page=per_page,
            as_typed=self.as_typed is True,
            any_word=self.any_word is True,
            facets=self.facets is not False,
        )


@dataclass(frozen=True)
class Plan:
    """A cleaned query as an engine runs it: AND over `words` (OR with `any_word`), each word
    matching in any of its clauses.

    With no words every document matches, newest first. A document translated into `language`
    matches neither the hits nor the facet counts: its translation stands for it.
    """

    words: list[str]
    filters: Mapping[str, tuple[str, ...]]
    by_date: bool
    offset: int
    limit: int
    language: str = ""
    any_word: bool = False
    facets: bool = True

    @classmethod
    def of(cls, query: SearchQuery) -> "Plan":
        found = query_words(query.text)
        return cls(
            words=found,
            filters=query.filters,
            by_date=query.sort == "date" or not found,
            offset=(query.page - 1) * query.per_page,
            limit=query.per_page,
            language=query.language,
            any_word=query.any_word,
            facets=query.facets,
        )

    def filters_except(self, facet: str) -> dict[str, tuple[str, ...]]:
        """The filters that a facet's counts are computed under: all but its own."""
        return {name: values for name, values in self.filters.items() if name != facet}
