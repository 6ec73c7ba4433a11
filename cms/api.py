"""Wagtail's read-only API v2: pages, images and documents.

Wagtail 8.0.1 answers some parameters with a server error (FACTS.md): an unknown
`search_operator`, a NUL or a double quote in `search` (the SQLite search backend puts each
word in FTS5 quotes without escaping it), an offset beyond a 64-bit integer, a `find` id that
is no number. Each endpoint checks those first and answers as Wagtail does for its own checks:
400 with a JSON message.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

SEARCH_OPERATORS = {"and", "or"}
# Wagtail slices from offset to offset + limit (limit at most WAGTAILAPI_LIMIT_MAX): the end
# must fit SQL's signed 64 bits.
LARGEST_OFFSET = 2**62


def _integer(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def check_parameters(query) -> dict[str, str]:
    """The parameters Wagtail cannot take, refused with BadRequestError; the search text to use."""
    cleaned = {}
    if "search" in query:
        text = query["search"]
        if "\x00" in text:
            raise BadRequestError("search must not contain null characters")
        # Quotes mean nothing to a plain-text search, and break the SQLite backend's query.
        cleaned["search"] = text.replace('"', " ")
    operator = query.get("search_operator")
    if operator is not None and operator.lower() not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    offset = _integer(query.get("offset", "0"))  # Wagtail refuses what is no number
    if offset is not None and offset > LARGEST_OFFSET:
        raise BadRequestError(f"offset must be at most {LARGEST_OFFSET}")
    if "id" in query and _integer(query["id"]) is None:
        raise BadRequestError("id must be an integer")
    return cleaned


class CheckedParametersMixin:
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        cleaned = check_parameters(request.query_params)
        if cleaned:
            query = request.query_params.copy()
            for name, value in cleaned.items():
                query[name] = value
            request._request.GET = query  # what Wagtail's filters read


class PagesEndpoint(CheckedParametersMixin, PagesAPIViewSet):
    pass


class ImagesEndpoint(CheckedParametersMixin, ImagesAPIViewSet):
    pass


class DocumentsEndpoint(CheckedParametersMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
