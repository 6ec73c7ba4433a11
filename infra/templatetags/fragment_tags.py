"""`{% fragment "kind" ident ... %}…{% endfragment %}`: a part of a template kept in the fragment
cache (infra/fragment_cache.py) under the tags of what it shows, and drawn again after any of them
changes, as the page cache's entries are.

The part must be the same for every visitor of the site in the language and theme (a page's
header, body or footer; never a form with a CSRF token, never what differs by visitor or by the
query string unless an ident holds it). Its key is `kind` and the idents; a page among them
stands for itself by its key, and what its drawing shows of it is recorded even when the page
came from a cache (where loading records nothing): the page and what was loaded with it (its
image, its municipality). An ident that is None (no page: the search, a form) or anything but a
page, a text or a number draws the part every time.
"""

from django import template
from django.template.base import FilterExpression, NodeList
from wagtail.models import Page

from .. import fragment_cache, page_cache
from ..page_cache_tags import model_tag

register = template.Library()


def _shows(page: Page) -> None:
    page_cache.shows(f"page:{page.pk}")
    for related in page._state.fields_cache.values():
        if related is not None:
            page_cache.shows(model_tag(type(related)))


class FragmentNode(template.Node):
    def __init__(self, nodelist: NodeList, kind: FilterExpression, idents: list[FilterExpression]):
        self.nodelist = nodelist
        self.kind = kind
        self.idents = idents

    def render(self, context):
        request = context.get("request")
        values = [ident.resolve(context, ignore_failures=True) for ident in self.idents]
        if request is None or not all(isinstance(value, Page | str | int) for value in values):
            return self.nodelist.render(context)
        pages = [value for value in values if isinstance(value, Page)]

        def draw():
            for page in pages:
                _shows(page)
            return self.nodelist.render(context)

        ident = tuple(value.pk if isinstance(value, Page) else value for value in values)
        return fragment_cache.cached(request, self.kind.resolve(context), ident, draw)


@register.simple_tag
def shows(*tags: str) -> str:
    """`{% shows "tag" %}`: the part being drawn shows what the tag names, beyond what it loads (a
    list that is empty now shows the rows added later)."""
    page_cache.shows(*tags)
    return ""


@register.tag
def fragment(parser, token):
    kind, *idents = token.split_contents()[1:]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(kind), [parser.compile_filter(i) for i in idents])
