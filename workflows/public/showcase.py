"""The public showcase: a page per showcased idea (the search hit's link) and a list of them.

Only what `workflows.search_documents.showcased()` yields is shown, so the page and the search
index follow one rule; any other reference (unknown, not consented, not past screening,
withdrawn) gets the same 404, which tells nothing about whether the idea exists.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from infra.site_address import absolute

from ..search_documents import showcase_url, showcased

PER_PAGE = 20


@require_safe
def idea(request, reference: str):
    found = showcased().filter(reference=reference).first()
    if found is None:
        raise Http404("no showcased idea with this reference")
    # One idea, two URLs (the chrome in either language): the idea's own language is canonical.
    canonical = absolute(showcase_url(found))
    return TemplateResponse(request, "workflows/showcase/idea.html", {"idea": found, "canonical": canonical})


@require_safe
def listing(request):
    ideas = Paginator(showcased().order_by("-created", "-pk"), PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "workflows/showcase/listing.html", {"listing": ideas})
