"""Parts of pages kept in the cache and shared by the pages that show them (a page's card, the
pages an index lists), dropped exactly as the page cache's entries are (page_cache.py).

A fragment is drawn under a recording of its own: what it loads and shows records the same tags a
page's rendering does (`page_cache.shows`, the receivers of page_cache_tags.py), and it is stored
with them. It is served only while every one of its tags was last changed before its drawing
began, so a change, once its transaction commits, is seen by the next request that draws the
fragment. A page that takes a fragment from the cache shows what the fragment shows: its tags
(and the moment it changes by itself) pass on to the page's own rendering, and so to the page
cache's entry.

Its key holds the site, the language and the theme (`page_cache.key_parts`), and nothing else of
the request: a fragment must be the same for every visitor, signed in or not (a card, a list of
live pages), so a part of a page that differs by visitor is never one.
"""

import hashlib
import time
from collections.abc import Callable, Hashable, Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from . import page_cache
from .sites import find_site

PREFIX = "page-cache:fragment:"


def _key(request, kind: str, ident: Hashable) -> str:
    site = find_site(request)
    parts = [
        str(site.pk if site else 0),
        get_language() or "",
        *(part(request) for part in page_cache.key_parts),
        kind,
        repr(ident),
    ]
    return PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _pass_on(tags: Iterable[str], until: float | None) -> None:
    """The page being drawn shows what a fragment shows."""
    page_cache.shows(*tags)
    if until is not None:
        page_cache.valid_until(datetime.fromtimestamp(until).astimezone())


def get_many(request, kind: str, idents: Iterable[Hashable]) -> dict[Hashable, Any]:
    """The fragments of `kind` for these idents that are in the cache and still good, by ident:
    at most three reads of the cache (the entries, the last change, then the stamps of the tags of
    the entries drawn before it) however many they are."""
    keys = {_key(request, kind, ident): ident for ident in idents}
    entries = cache.get_many(list(keys))
    # Drawn after the last change of anything: good without a look at their own tags.
    last_change = page_cache.last_change() if entries else 0.0
    unchanged = {key for key, entry in entries.items() if last_change < entry["started"]}
    tags = {tag for key, entry in entries.items() if key not in unchanged for tag in entry["tags"]}
    stamps = cache.get_many([page_cache.TAG_PREFIX + tag for tag in tags]) if tags else {}
    now = time.time()
    found = {}
    for key, entry in entries.items():
        if entry["until"] is not None and entry["until"] <= now:
            continue
        # A stamp missing (evicted) counts as a change, as in the page cache.
        changed = (stamps.get(page_cache.TAG_PREFIX + tag) for tag in entry["tags"])
        if key in unchanged or all(stamp is not None and stamp < entry["started"] for stamp in changed):
            _pass_on(entry["tags"], entry["until"])
            found[keys[key]] = entry["value"]
    return found


def draw(request, kind: str, ident: Hashable, compute: Callable[[], Any]) -> Any:
    """`compute()`, drawn under a recording of its own and stored with the tags it recorded."""
    rendering = page_cache.Rendering(started=time.time() - page_cache.CLOCK_MARGIN)
    with page_cache.recording_into(rendering):
        value = compute()
    site = find_site(request)
    tags = sorted({*rendering.all_tags(), f"site:{site.pk if site else 0}"})
    now = time.time()
    expires = now + settings.PAGE_CACHE_TIMEOUT
    if rendering.until is not None:
        expires = min(expires, rendering.until)
    if expires > now:
        page_cache.stamp_unstamped(tags)
        entry = {"value": value, "tags": tags, "started": rendering.started, "until": rendering.until}
        cache.set(_key(request, kind, ident), entry, int(expires - now) + 1)
    _pass_on(tags, rendering.until)
    return value


def cached(request, kind: str, ident: Hashable, compute: Callable[[], Any]) -> Any:
    """One fragment: from the cache while good, else drawn by `compute()` and stored. A preview
    draws it from the draft it shows, never from or into the cache."""
    if getattr(request, "is_preview", False):
        return compute()
    found = get_many(request, kind, [ident])
    return found[ident] if ident in found else draw(request, kind, ident, compute)
