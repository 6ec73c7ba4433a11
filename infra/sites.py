"""The request's Wagtail site, and the version of the chrome cached with it.

The lookups every request makes before and around its page (the site of a host and port, its
home page, the locales, the view restrictions, a page's translations and breadcrumbs) are cached
under the chrome version: any change to pages, their view restrictions, sites or locales makes a
new one (`chrome_changed`, connected for each of those models in `InfraConfig.ready`). A process
whose local-memory cache a change cannot reach sees it when they expire (after 5 minutes). The
parts of pages drawn from them (header, menu, footer) are kept in the fragment cache under the
page cache's tags instead (infra/fragment_cache.py), and the tags that read these lookups record
what they show.
"""

import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Locale, PageViewRestriction, Site, get_page_models
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import post_page_move

CHROME_VERSION = "site-chrome:version"
#: How long a cached value of the chrome may be stale where a change cannot reach the cache.
CHROME_TIMEOUT = 300


def chrome_version() -> str:
    return cache.get_or_set(CHROME_VERSION, lambda: secrets.token_hex(4), None)


def chrome_cached(key: str, compute: Callable):
    """A value of the chrome (the locales, a site's home page) from the cache, computed again
    after any change that makes a new chrome version, and like the fragments at most 5 minutes
    stale where a change cannot reach the cache."""
    return cache.get_or_set(f"site-chrome:{key}:{chrome_version()}", compute, CHROME_TIMEOUT)


def chrome_changed(sender, **kwargs) -> None:
    cache.set(CHROME_VERSION, secrets.token_hex(4), None)


def connect_chrome_receivers() -> None:
    """A new chrome version after every save, deletion or move of what the chrome shows. Each page
    type is its own sender: Django names the saved instance's own class, never `Page`."""
    watch_chrome(*get_page_models(), PageViewRestriction, Site, Locale)
    for model in get_page_models():
        post_page_move.connect(
            chrome_changed, sender=model, dispatch_uid=f"site_chrome_moved:{model._meta.label}"
        )


def watch_chrome(*models) -> None:
    """A new chrome version after every save or deletion of these models."""
    for model in models:
        label = model._meta.label
        post_save.connect(chrome_changed, sender=model, dispatch_uid=f"site_chrome_saved:{label}")
        post_delete.connect(chrome_changed, sender=model, dispatch_uid=f"site_chrome_deleted:{label}")


def find_site(request) -> Site | None:
    """Wagtail's `Site.find_for_request` without its query on every request: the site of a host
    and port comes from the cache, under the chrome version (any change to a site or a page).
    It fills the attribute in which Wagtail keeps a request's site, so that every later
    `Site.find_for_request(request)` (menus, settings, routing) answers from it."""
    if not hasattr(request, "_wagtail_site"):
        # The raw host, as Wagtail's own lookup reads it: ALLOWED_HOSTS is checked elsewhere.
        hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
        request._wagtail_site = chrome_cached(f"site:{hostname}:{port}", lambda: _site_for(hostname, port))
    return request._wagtail_site


def _site_for(hostname: str, port: int) -> Site | None:
    # Wagtail's matcher behind `find_for_request` (hostname and port, then the default site), in one
    # query. `Site.get_site_root_paths()`, though cached, knows neither ports nor the default site.
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
