"""The ideas on the public site's other pages: the home page's call to submit an idea and its
showcase section. Each is kept in the fragment cache with the page-cache tags of what it reads, so
that it is drawn again, and a cached home page dropped, when the form page or a showcased idea
changes."""

from django import template
from wagtail.models import Page

from cms.serving import public
from infra import fragment_cache, page_cache

from ..models import Idea, IdeaSubmissionPage
from ..search_documents import showcased

register = template.Library()


@register.simple_tag(takes_context=True)
def idea_form_page(context, home: Page) -> Page | None:
    """The live, public idea form under `home` (its language's home page), if there is one: a
    plain page, which is all a link needs."""

    def find() -> Page | None:
        page_cache.shows(f"children:{home.path}")
        return public(home.get_children().live().type(IdeaSubmissionPage)).first()

    return fragment_cache.cached(context["request"], "idea-form-page", home.pk, find)


@register.simple_tag(takes_context=True)
def newest_showcased_ideas(context, count: int = 3) -> list[Idea]:
    """The newest showcased ideas, by the rule the showcase list and the search follow."""

    def find() -> list[Idea]:
        page_cache.shows("showcase")
        # The cards show no challenge areas: one query, without their prefetch.
        return list(showcased().prefetch_related(None).order_by("-created", "-pk")[:count])

    return fragment_cache.cached(context["request"], "showcased-ideas", count, find)
