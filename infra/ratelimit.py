"""A per-client limit on the public forms' submissions (ideas, event registrations), counted in
Django's cache (Redis when there are several servers); each form counts in a scope of its own.

The client is `infra.client_address.client_address` (the real address behind the trusted
proxies), and only a hash of it is used as the cache key. Taking a slot is one atomic
increment in the shared cache, and its result decides: two posts at once cannot both take
the last slot, whichever worker or server they reach. Without Redis each process counts alone.
"""

import contextlib
import hashlib

from django.conf import settings
from django.core.cache import cache

from infra.client_address import client_address

#: (submissions, seconds): at most this many submissions per client and form in the window.
DEFAULT_RATE = (5, 60 * 60)


def rate() -> tuple[int, int]:
    return getattr(settings, "IDEA_SUBMISSION_RATE", DEFAULT_RATE)


def _key(request, scope: str) -> str:
    address = client_address(request) or "unknown"
    return f"infra:rate:{scope}:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


def exceeded(request, scope: str = "intake") -> bool:
    """Whether the client has used up its window already: a cheap early answer, not the guarantee."""
    limit, _window = rate()
    return (cache.get(_key(request, scope)) or 0) >= limit


def take(request, scope: str = "intake") -> bool:
    """Take one of the client's submissions, if one is left; the window starts with the first."""
    limit, window = rate()
    key = _key(request, scope)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this is the first of a new window
        cache.add(key, 0, timeout=window)
        count = cache.incr(key)
    if count == 1:
        # Redis's INCR makes a key without expiry if it expired just before: give it the window.
        cache.touch(key, timeout=window)
    return count <= limit


def give_back(request, scope: str = "intake") -> None:
    """Return a slot taken for a submission that was then not stored."""
    with contextlib.suppress(ValueError):  # the window has ended meanwhile
        cache.decr(_key(request, scope))


def retry_after() -> int:
    return rate()[1]
