"""The shared page cache: anonymous GETs of public pages, feeds, the sitemap and calendars,
served from Django's cache (Redis with several app servers) and dropped exactly when what they
show changes.

A view opts in with `serve_from_cache(request)` (Wagtail pages do, through a hook in
`wagtail_hooks.py`); nothing else is ever stored. While a candidate renders, everything it shows
records a tag (`shows`): the pages and snippets it loaded, the settings it read, the lists it
drew. `page_cache_tags.py` turns every change of those, after its transaction commits, into
`changed(tag)`, which stamps the tag with the time. An entry is good while each of its tags was
last changed before the entry's rendering began: one read of the entry, one of the time of the
last change of any tag, and only when that is later than the rendering, one of its tags' stamps
per request, so a change made through one app server is seen by all that share the cache, and
nothing else is dropped.

Never stored: a visitor who is signed in or passed a page's password (their responses are marked
`private`), a response that sets a cookie (a CSRF token, a session), one marked private or
no-store, and anything but a 200 (a 404 would need a tag for every address a new page could
take, and costs little; a redirect points at something that may change without a tag).
"""

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

from .security import ADMIN_PREFIX
from .sites import find_site

KEY_PREFIX = "page-cache:entry:"
TAG_PREFIX = "page-cache:tag:"
#: Stamped with every change whatever its tags, so never earlier than any tag's stamp: what was
#: drawn after it is good without a look at its own tags (one read instead of one a tag).
LAST_CHANGE = TAG_PREFIX + "*"
#: Several app servers' clocks: a tag stamped by one counts as later than a rendering that
#: another server's clock says began up to this many seconds after it.
CLOCK_MARGIN = 1.0
#: Session keys that give a visitor a page other visitors may not see (Wagtail's page passwords).
PRIVATE_SESSION_KEYS = (SESSION_KEY, "wagtail-page-view-restrictions")

#: Functions of the request whose answers, beside the site, the language and the address, a
#: page depends on (the theme registers one): each is part of every entry's key.
key_parts: list[Callable] = []


@dataclass
class Rendering:
    started: float
    tags: set[str] = field(default_factory=set)
    #: The pages loaded, each with the tags any change of it also drops (see `loaded_page`).
    pages: dict[int, tuple[str, ...]] = field(default_factory=dict)
    until: float | None = None

    def all_tags(self) -> set[str]:
        """The tags recorded, and `page:<id>` for each page loaded that none of them covers: a page
        listed by an index needs no tag of its own when the index's `children` tag is there."""
        covered = {pk for pk, also in self.pages.items() if not self.tags.isdisjoint(also)}
        return self.tags | {f"page:{pk}" for pk in self.pages.keys() - covered}


_rendering: ContextVar[Rendering | None] = ContextVar("page_cache_rendering", default=None)


@contextmanager
def recording_into(rendering: Rendering) -> Iterator[Rendering]:
    """What is drawn meanwhile records its tags in `rendering` (the page's, or a fragment's)."""
    token = _rendering.set(rendering)
    try:
        yield rendering
    finally:
        _rendering.reset(token)


def serve_from_cache(request, *, language_in_path: bool = True) -> None:
    """The response this view is drawing may be stored for everyone (if nothing in it turns out to be
    private). `language_in_path`: the address names the language (i18n_patterns), so the answer
    does not vary with Accept-Language."""
    request.page_cache_language_in_path = language_in_path


def cached_view(view=None, *, language_in_path: bool = True):
    """`serve_from_cache` as a view decorator, for feeds and the sitemap."""

    def decorate(view):
        def wrapped(request, *args, **kwargs):
            serve_from_cache(request, language_in_path=language_in_path)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate(view) if view is not None else decorate


def recording() -> bool:
    """Whether a response is being drawn that the page cache may store (worth an extra query)."""
    return _rendering.get() is not None


def shows(*tags: str) -> None:
    """The response being drawn shows what these tags name; a no-op outside a cached rendering."""
    rendering = _rendering.get()
    if rendering is not None:
        rendering.tags.update(tags)


def loaded_page(pk: int, also_dropped_by: tuple[str, ...]) -> None:
    """A page was loaded while drawing: the response shows it, unless one of the other tags its
    change drops is already recorded (then that tag stands for it)."""
    rendering = _rendering.get()
    if rendering is not None:
        rendering.pages[pk] = also_dropped_by


def valid_until(moment: datetime | None) -> None:
    """The response being drawn changes by itself at `moment` (an event ends, registration closes).
    A moment before the drawing began is already drawn (a past event shows as past): it ends nothing,
    and taken as an end it would leave the page never stored."""
    rendering = _rendering.get()
    if rendering is not None and moment is not None and moment.timestamp() > rendering.started:
        at = moment.timestamp()
        rendering.until = at if rendering.until is None else min(rendering.until, at)


def changed(*tags: str) -> None:
    """What these tags name changed: every entry showing one of them is dropped once the current
    transaction commits, and renderings that began before are not served. Stamped at once too, so
    that requests inside the same transaction (a test's) see the change; the stamp after the
    commit is the one that counts for everyone else."""

    def stamp():
        now = time.time()
        cache.set_many({LAST_CHANGE: now, **{TAG_PREFIX + tag: now for tag in tags}}, None)

    if tags:
        stamp()
        transaction.on_commit(stamp)


def last_change() -> float:
    """No tag was stamped later than this."""
    stamp = cache.get(LAST_CHANGE)
    if stamp is None:
        # Never stamped in this cache, or evicted: no tag can have been stamped later than now.
        stamp = time.time()
        cache.add(LAST_CHANGE, stamp, None)
    return stamp


def stamp_unstamped(tags) -> None:
    """Tags with no stamp (never changed, or evicted) get the time of the last change, which none of
    their changes can be later than: an entry drawn before it is drawn again, never served stale.
    `add` never overwrites a real stamp."""
    floor = last_change()
    for tag in tags:
        cache.add(TAG_PREFIX + tag, floor, None)


def _good(entry: dict) -> bool:
    if entry["expires"] <= time.time():
        return False
    if last_change() < entry["started"]:
        return True
    stamps = cache.get_many([TAG_PREFIX + tag for tag in entry["tags"]])
    # A stamp missing (evicted) counts as a change: never assume an entry is still good.
    return len(stamps) == len(entry["tags"]) and max(stamps.values(), default=0) < entry["started"]


def _key(request) -> str:
    # The host and port decide the site (infra/sites.py); a change to the site drops its entries.
    parts = [
        request.get_host(),
        get_language_from_request(request, check_path=True),
        *(part(request) for part in key_parts),
        request.get_full_path(),
    ]
    return KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _visitor_is_anonymous(request) -> bool:
    """No session, or one that neither signs anyone in nor holds a page's password (an applicant's
    receipt, say): such a visitor sees what everyone sees."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return True
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    return not any(key in session for key in PRIVATE_SESSION_KEYS)


def _from_entry(request, entry: dict) -> HttpResponse:
    response = HttpResponse(b"" if request.method == "HEAD" else entry["content"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    response["Age"] = str(max(int(time.time()) - entry["last_modified"], 0))  # as any cache says
    return _http_headers(request, response, entry)


def _http_headers(request, response, entry: dict):
    """What a browser or a reverse proxy needs: validators, and a short public lifetime (a proxy
    is not told of changes unless its purge is set up, docs/performance.md), or a 304."""
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    remaining = int(entry["expires"] - time.time())
    patch_cache_control(response, public=True, max_age=max(min(settings.PAGE_CACHE_MAX_AGE, remaining), 0))
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
    )


class PageCacheMiddleware:
    """Serves and stores the page cache's entries; sits just inside WhiteNoise, so a hit skips
    the rest of the stack. `PAGE_CACHE=0` leaves it out (to measure the pages uncached)."""

    def __init__(self, get_response):
        if not settings.PAGE_CACHE:
            raise MiddlewareNotUsed
        self.get_response = get_response
        # From here on, a cache never told of a change knows none is later: what is drawn from a
        # second on (the clock margin) can be served on one read of it.
        last_change()

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX):
            # Never cached, and its session is read once, by the session middleware.
            return self.get_response(request)
        if request.method not in ("GET", "HEAD") or not _visitor_is_anonymous(request):
            response = self.get_response(request)
            if hasattr(request, "page_cache_language_in_path"):
                patch_cache_control(response, private=True)  # signed in: never in a shared cache
            return response
        try:
            key = _key(request)
        except (DisallowedHost, DatabaseError):
            # A forged host, or no database to find the site by: the stack below answers as ever.
            return self.get_response(request)
        entry = cache.get(key)
        if entry is not None and _good(entry):
            return _from_entry(request, entry)
        rendering = Rendering(started=time.time() - CLOCK_MARGIN)
        with recording_into(rendering):
            response = self.get_response(request)
        if not hasattr(request, "page_cache_language_in_path"):
            return response
        if not self._shareable(request, response):
            if response.status_code == 200:
                patch_cache_control(response, private=True)
            return response
        return self._store(request, response, key, rendering)

    @staticmethod
    def _shareable(request, response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a CSRF token is in the page
            and "private" not in cache_control
            and "no-store" not in cache_control
            and not getattr(request, "is_preview", False)
        )

    @staticmethod
    def _store(request, response, key: str, rendering: Rendering):
        now = time.time()
        expires = now + settings.PAGE_CACHE_TIMEOUT
        if rendering.until is not None:
            expires = min(expires, rendering.until)
        site = find_site(request)
        tags = {*rendering.all_tags(), f"site:{site.pk if site else 0}"}
        if request.page_cache_language_in_path and "Vary" in response:
            # The address names the language: one answer per address, whatever the browser asks for.
            vary = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "accept-language"]
            response["Vary"] = ", ".join(vary)
            if not vary:
                del response["Vary"]
        entry = {
            "content": response.content,
            "headers": [(name, value) for name, value in response.items() if name.lower() != "cache-control"],
            "tags": sorted(tags),
            "started": rendering.started,
            "expires": expires,
            "etag": f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
            "last_modified": int(now),
        }
        if request.method == "GET" and expires > now:
            stamp_unstamped(tags)
            cache.set(key, entry, int(expires - now) + 1)
        return _http_headers(request, response, entry)
