"""A per-client limit on submissions, counted in Django's cache (Redis when there are several servers).

The client is the connecting address (`REMOTE_ADDR`); behind a reverse proxy, the proxy must
set it from the forwarded address (e.g. with `--forwarded-allow-ips` of the app server).
Only a hash of the address is used as the cache key.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

#: (submissions, seconds): at most this many submissions per client in the window.
DEFAULT_RATE = (5, 60 * 60)


def rate() -> tuple[int, int]:
    return getattr(settings, "IDEA_SUBMISSION_RATE", DEFAULT_RATE)


def _key(request, scope: str) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return f"workflows:rate:{scope}:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


def exceeded(request, scope: str = "intake") -> bool:
    """Whether the client has used up its submissions of the current window."""
    limit, _window = rate()
    return (cache.get(_key(request, scope)) or 0) >= limit


def hit(request, scope: str = "intake") -> None:
    """Count one submission; the window starts with the first one."""
    _limit, window = rate()
    key = _key(request, scope)
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)


def retry_after() -> int:
    return rate()[1]
