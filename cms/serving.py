"""Serving a public page in a few queries: routing, view restrictions and the public filter.

Wagtail routes a request one tree level at a time (two queries a level), checks a page's view
restrictions with two more, and every `.public()` reads all restrictions again. Here the route
is found in two queries whatever the depth (from the home page as the chrome cache holds it:
`cms.views.serve`), and the restrictions come from the chrome cache (`infra.sites`), whose version
changes with every saved, deleted or moved restriction or page.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.url_routing import RouteResult

from infra import fragment_cache
from infra.sites import chrome_cached


def view_restrictions() -> list[PageViewRestriction]:
    """Every page view restriction, with its page, from the chrome cache."""
    return chrome_cached(
        "view-restrictions", lambda: list(PageViewRestriction.objects.select_related("page").order_by("pk"))
    )


def public(pages: PageQuerySet) -> PageQuerySet:
    """Wagtail's `pages.public()` without its query for the restrictions."""
    private = Q()
    for restriction in view_restrictions():
        private |= pages.descendant_of_q(restriction.page, inclusive=True)
    return pages.exclude(private) if private else pages


class CachedViewRestrictions:
    """A page type whose view restrictions (its own and its ancestors'), when `route` below found
    it for a request, come from the chrome cache; the admin and Wagtail's actions, which filter
    and order them, always get Wagtail's query."""

    def get_view_restrictions(self):
        served = getattr(self, "_restrictions_when_served", None)
        return super().get_view_restrictions() if served is None else served


def _served(result: RouteResult) -> RouteResult:
    page = result[0]
    # An alias follows its source page's restrictions: Wagtail's own lookup resolves it.
    if isinstance(page, CachedViewRestrictions) and not page.alias_of_id:
        page._restrictions_when_served = [r for r in view_restrictions() if page.path.startswith(r.page.path)]
    return result


def _routes_itself(page: Page, remaining: list[str]) -> bool:
    """Whether `page`'s own `route` answers for `remaining` instead of looking among its children."""
    model = page.specific_class
    if model is None or model.route is Page.route:
        return False
    if issubclass(model, RoutablePageMixin) and model.route is RoutablePageMixin.route:
        # A routable page answers its own sub-paths (when live) before its children's slugs.
        if not page.live:
            return False
        try:
            model.get_resolver().resolve("/" + "".join(f"{part}/" for part in remaining))
        except Http404:
            return False
    return True


def route(root: Page, request, components: list[str]) -> RouteResult:
    """What Wagtail's `root.route(request, components)` returns, in two queries however deep, and
    none while the pages along the path are in the fragment cache (they are dropped with any change
    to one of them: an edit, a move, a new slug, a view restriction, unpublishing).

    The pages along the path are read at once (by slug and depth under `root`); a page type with
    a routing of its own takes over from where it stands, as in Wagtail's walk down the tree.
    """
    if not components:
        return _served(Page.route(root, request, components))
    *ancestors, page = fragment_cache.cached(
        request, "route", (root.pk, tuple(components)), lambda: _pages_along(root, components)
    )
    parent = root
    for ancestor in [*ancestors, page]:
        ancestor._cached_parent_obj = parent
        parent = ancestor
    remaining = components[len(ancestors) + 1 :]
    return _served(
        page.route(request, remaining) if remaining or _routes_itself(page, []) else RouteResult(page)
    )


def _pages_along(root: Page, components: list[str]) -> list[Page]:
    """The plain pages along the path below `root`, and last the specific page that answers for
    the rest of it (the page at its end, or one with a routing of its own); Http404 if none."""
    candidates = Page.objects.filter(
        slug__in=set(components), depth__gt=root.depth, depth__lte=root.depth + len(components)
    ).descendant_of(root)
    by_level = {(page.depth, page.slug, page.path[: -Page.steplen]): page for page in candidates}
    along = []
    parent = root
    for position, slug in enumerate(components):
        page = by_level.get((parent.depth + 1, slug, parent.path))
        if page is None:
            raise Http404
        if _routes_itself(page, components[position + 1 :]):
            return [*along, *specific_in_order([page])]
        along.append(page)
        parent = page
    if not parent.live:
        raise Http404
    return [*along[:-1], *specific_in_order([parent])]


def specific_in_order(pages: Iterable[Page]) -> list[Page]:
    """The specific pages of `pages` (plain `Page` rows), in their order, with their images and
    municipalities: a query per page type, where Wagtail's `.specific()` adds one for the types and
    cards one per image."""
    pages = list(pages)
    ids_by_model = defaultdict(list)
    for page in pages:
        ids_by_model[page.specific_class].append(page.pk)
    found = {}
    for model, ids in ids_by_model.items():
        rows = model.objects.filter(pk__in=ids)
        related = {field.name for field in model._meta.get_fields()} & {"image", "municipality"}
        if related:  # (no names would follow every foreign key)
            rows = rows.select_related(*related)
        found.update(rows.in_bulk())
    return [found[page.pk] for page in pages if page.pk in found]
