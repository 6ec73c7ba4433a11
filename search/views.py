"""The public search: /search/ (Swedish), /en/search/ (English), /api/search/ and its
autocomplete /api/search/suggest/.

Each view parses the parameters (SearchFilterSet), makes one call to the configured backend and
renders what came back: it knows no engine and no model. An engine that is down gives the page
with a notice (status 200: the rest of the site works) and the API a 503 with a message.
"""

import logging

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .analysis import LANGUAGES, MAX_QUERY_CHARS
from .backends import get_backend
from .backends.base import SearchError
from .documents import FACETS
from .filters import FACET_LABELS, SORT_CHOICES, SearchFilterSet
from .labels import labels
from .notes import hit_notes
from .query import MAX_RESULT_WINDOW, SearchQuery
from .results import SearchResults

logger = logging.getLogger(__name__)

# The link that adds another language's hits to a search, which shows the visitor's by default.
ALSO_IN = {"sv": gettext_lazy("Also in Swedish"), "en": gettext_lazy("Also in English")}


class _Pager(Paginator):
    """Django's paginator over a range of hit positions, offering only the page numbers that the
    pager shows (the first, the last, and three either side of the current one): a full
    `page_range` would make the template walk all 500 pages on every request."""

    current = 1

    @property
    def page_range(self):
        last = self.num_pages
        near = range(max(1, self.current - 3), min(last, self.current + 3) + 1)
        return sorted({1, last, *near})


def _pager(total: int, query: SearchQuery):
    pager = _Pager(range(min(total, MAX_RESULT_WINDOW)), query.per_page)
    pager.current = min(query.page, pager.num_pages)
    return pager.get_page(query.page)


def _language() -> str:
    return (get_language() or "sv").split("-")[0]


def _search(request, language: str) -> tuple[SearchFilterSet, SearchQuery, SearchResults | None, list[str]]:
    """Parse, search, and on no hits ask for completions; results None when the engine failed."""
    filterset = SearchFilterSet(request.GET, language=language, request=request)
    query = filterset.query
    backend = get_backend()
    try:
        results = backend.search(query)
        suggestions = backend.suggest(query.text, query.language) if not results.total and query.text else []
    except SearchError:
        logger.warning("search failed: the search engine is not available", exc_info=True)
        return filterset, query, None, []
    return filterset, query, results, suggestions


def _facets(results: SearchResults, named: dict[str, dict[str, str]]) -> list[dict]:
    return [
        {
            "name": name,
            "label": str(FACET_LABELS[name]),
            "values": [
                {
                    "value": value.value,
                    "label": named[name].get(value.value, value.value),
                    "count": value.count,
                    "selected": value.selected,
                }
                for value in results.facets[name]
            ],
        }
        for name in FACETS
        if results.facets.get(name)
    ]


def _hits(results: SearchResults, named: dict[str, dict[str, str]]) -> list[dict]:
    notes = hit_notes(results.hits)
    return [
        {
            "id": hit.id,
            "type": hit.type,
            "type_label": named["type"].get(hit.type, hit.type),
            "language": hit.language,
            "title": hit.title,
            "url": hit.url,
            "date": hit.date,
            "summary": hit.summary,
            "title_html": hit.title_html,
            "snippet_html": hit.snippet_html,
            "challenge_areas": [
                {"value": area, "label": named["challenge_area"].get(area, area)}
                for area in hit.challenge_areas
            ],
            "municipality": {
                "value": hit.municipality,
                "label": named["municipality"].get(hit.municipality, ""),
            }
            if hit.municipality
            else None,
            "stage": {"value": hit.stage, "label": named["stage"].get(hit.stage, hit.stage)}
            if hit.stage
            else None,
            "year": hit.year,
            # The title of the attachment the words were found in, when not in the page itself.
            "found_in_attachment": hit.found_in or None,
            "note": notes.get(hit.id, ""),
        }
        for hit in results.hits
    ]


def _other_languages(results: SearchResults) -> list[dict]:
    """The languages not shown that have hits, each with the languages to show when it is added."""
    shown = [value.value for value in results.facets["language"] if value.selected]
    return [
        {"label": ALSO_IN[value.value], "count": value.count, "languages": [*shown, value.value]}
        for value in results.facets["language"]
        if not value.selected and value.value in ALSO_IN
    ]


def _changed(request, **changes) -> str:
    """This search's address with `changes` to its parameters (None: left out), from page 1."""
    params = request.GET.copy()
    for name, value in {"page": None, **changes}.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return f"?{params.urlencode()}"


@require_GET
def search_page(request):
    filterset, query, results, suggestions = _search(request, _language())
    context = {
        "filterset": filterset,
        "query": query,
        "results": results,
        "unavailable": results is None,
        "suggestions": suggestions,
        "sort_choices": SORT_CHOICES,
        "max_query_chars": MAX_QUERY_CHARS,
        "meta_title": _("Search"),
        "noindex": True,
    }
    if results is not None:
        named = labels(results)
        context.update(
            hits=_hits(results, named),
            facets=_facets(results, named),
            other_languages=_other_languages(results),
            listing=_pager(results.total, query),
            first=(query.page - 1) * query.per_page + 1,
            last=(query.page - 1) * query.per_page + len(results.hits),
        )
    if results is not None and results.corrected_query:
        context.update(
            corrected_url=_changed(request, q=results.corrected_query, as_typed=None),
            as_typed_url=_changed(request, as_typed="1"),
        )
    return TemplateResponse(request, "search/search.html", context)


@require_GET
def search_api(request):
    # The API has no language in its path: `lang` names the visitor's, as the path does for pages.
    lang = request.GET.get("lang")
    _filterset, query, results, suggestions = _search(request, lang if lang in LANGUAGES else _language())
    if results is None:
        return JsonResponse(
            {
                "error": "unavailable",
                "message": _("Search is not available right now. Please try again later."),
            },
            status=503,
        )
    named = labels(results)
    hits = _hits(results, named)
    for hit in hits:
        hit["date"] = hit["date"].isoformat() if hit["date"] else None
    return JsonResponse(
        {
            "query": {
                "q": query.text,
                "language": query.language,
                "filters": {name: list(values) for name, values in query.filters.items()},
                "sort": query.sort,
                "page": query.page,
                "per_page": query.per_page,
                "as_typed": query.as_typed,
            },
            "total": results.total,
            "num_pages": results.num_pages,
            "hits": hits,
            "facets": {facet["name"]: facet["values"] for facet in _facets(results, named)},
            "did_you_mean": results.did_you_mean,
            "corrected_query": results.corrected_query,
            "suggestions": suggestions,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def suggest_api(request):
    text = str(request.GET.get("q", ""))
    try:
        found = get_backend().suggest(text, _language())
    except SearchError:
        return JsonResponse({"error": "unavailable", "suggestions": []}, status=503)
    return JsonResponse(
        {"q": text[:MAX_QUERY_CHARS], "suggestions": found}, json_dumps_params={"ensure_ascii": False}
    )
