"""The ideas on the public site's other pages: the home page's call to submit an idea and its
showcase section. Each records the page-cache tags of what it reads, so that a cached home page
is dropped when the form page or a showcased idea changes."""

from django import template
from wagtail.models import Page

from infra import page_cache

from ..models import Idea, IdeaSubmissionPage
from ..search_documents import showcased

register = template.Library()


@register.simple_tag
def idea_form_page(home: Page) -> Page | None:
    """The live, public idea form under `home` (its language's home page), if there is one: a
    plain page, which is all a link needs (one query)."""
    page_cache.shows(f"children:{home.path}")
    return home.get_children().live().public().type(IdeaSubmissionPage).first()


@register.simple_tag
def newest_showcased_ideas(count: int = 3) -> list[Idea]:
    """The newest showcased ideas, by the rule the showcase list and the search follow."""
    page_cache.shows("showcase")
    # The cards show no challenge areas: one query, without their prefetch.
    return list(showcased().prefetch_related(None).order_by("-created", "-pk")[:count])
