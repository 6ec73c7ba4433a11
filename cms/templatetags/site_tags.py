"""Template tags for the chrome every theme shares: menus, breadcrumbs, language links."""

import functools
import secrets

from django import template
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

register = template.Library()

# The site's header, menu and footer are cached as fragments (base.html) whose keys hold this
# version: any change to pages, their view restrictions, sites or locales makes a new one. A
# process whose local-memory cache a change cannot reach sees it when the fragments expire
# (after 5 minutes). cms.apps imports this module in every process, so the receivers run.
CHROME_VERSION = "site-chrome:version"
_CHROME_MODELS = (Page, PageViewRestriction, Site, Locale)


@register.simple_tag
def chrome_version() -> str:
    return cache.get_or_set(CHROME_VERSION, lambda: secrets.token_hex(4), None)


def _chrome_cached(key: str, compute):
    """A value of the chrome (the locales, a site's home page) from the cache, computed again
    after any change that makes a new chrome version, and like the fragments at most 5 minutes
    stale where a change cannot reach the cache."""
    return cache.get_or_set(f"site-chrome:{key}:{chrome_version()}", compute, 300)


def chrome_changed(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, _CHROME_MODELS):
        cache.set(CHROME_VERSION, secrets.token_hex(4), None)


post_save.connect(chrome_changed, dispatch_uid="site_chrome_saved")
post_delete.connect(chrome_changed, dispatch_uid="site_chrome_deleted")
post_page_move.connect(chrome_changed, dispatch_uid="site_chrome_moved")


def find_site(request) -> Site | None:
    """Wagtail's `Site.find_for_request` without its query on every request: the site of a host
    and port comes from the cache, under the chrome version (any change to a site or a page).
    It fills the attribute in which Wagtail keeps a request's site, so that every later
    `Site.find_for_request(request)` (menus, settings, routing) answers from it."""
    if not hasattr(request, "_wagtail_site"):
        hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
        request._wagtail_site = _chrome_cached(
            f"site:{hostname}:{port}", lambda: Site._find_for_request(request)
        )
    return request._wagtail_site


def _home(request) -> Page | None:
    """The site's home page in the request's language, looked up once per request."""
    if not hasattr(request, "_site_home"):
        site = Site.find_for_request(request)
        request._site_home = (
            _chrome_cached(f"home:{site.pk}:{get_language()}", lambda: site.root_page.localized)
            if site is not None
            else None
        )
    return request._site_home


def _locales() -> list[Locale]:
    return _chrome_cached("locales", lambda: list(Locale.objects.order_by("pk")))


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


def _same_view_in(request, language_code: str) -> str | None:
    """This Django view (the search, an idea's status page) in another language, query kept.

    Wagtail pages are left to their translations: their slugs differ between languages.
    """
    match = request.resolver_match
    if match is None or match.url_name == "wagtail_serve":
        return None
    path, _, query = request.get_full_path().partition("?")
    translated = _translated_path(path, get_language(), language_code)
    if translated == path and language_code != get_language():
        return None
    return f"{translated}?{query}" if query else translated


@functools.lru_cache(maxsize=1024)
def _translated_path(path: str, active: str, language_code: str) -> str:
    # A resolve and a reverse per language and request otherwise; the URLconf does not change. The
    # active language is part of the key: it decides which language prefix `resolve` accepts.
    return translate_url(path, language_code)


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the page's or view's translation where one is live, else that home."""
    request = context["request"]
    page = context.get("page")
    home = _home(request)
    links = []
    for locale in _locales():
        url = None
        if isinstance(page, Page) and page.pk:
            target = page.get_translation_or_none(locale)
            url = target.get_url(request) if target is not None and target.live else None
        else:
            url = _same_view_in(request, locale.language_code)
        if url is None and home is not None:
            target = home.get_translation_or_none(locale)
            url = target.get_url(request) if target is not None else None
        if url is None:
            continue
        links.append(
            {
                "code": locale.language_code,
                "name": locale.language_name_local,
                "url": url,
                "current": locale.language_code == get_language(),
            }
        )
    return links
