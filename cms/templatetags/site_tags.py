"""Template tags for the chrome every theme shares: menus, breadcrumbs, language links."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

register = template.Library()


def _home(request) -> Page | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized


@register.simple_tag(takes_context=True)
def home_page(context):
    return _home(context["request"])


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The live pages under the home page that editors marked "show in menus"."""
    home = _home(context["request"])
    if home is None:
        return []
    return home.get_children().live().public().in_menu()


@register.simple_tag
def breadcrumbs(page):
    """The page's ancestors from the home page down, without the tree's root."""
    if page is None or not getattr(page, "pk", None):
        return []
    return page.get_ancestors().filter(depth__gt=1)


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the page's translation where one is live, else that language's home."""
    request = context["request"]
    page = context.get("page")
    home = _home(request)
    links = []
    for locale in Locale.objects.order_by("pk"):
        target = None
        if isinstance(page, Page) and page.pk:
            target = page.get_translation_or_none(locale)
            if target is not None and not target.live:
                target = None
        if target is None and home is not None:
            target = home.get_translation_or_none(locale)
        if target is None:
            continue
        links.append(
            {
                "code": locale.language_code,
                "name": locale.language_name_local,
                "url": target.get_url(request),
                "current": locale.language_code == get_language(),
            }
        )
    return links
