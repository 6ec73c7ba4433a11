"""The Redis cache as an optional service: while Redis is unreachable, the cache behaves as one
that keeps nothing (every read a miss, every write accepted and forgotten), so a Redis restart
slows pages down instead of failing them.

What the cache holds here can be remade (pages, Wagtail's site paths, the intake's counts per
address and its one-time form keys). While Redis is down the intake's limit per address is not
applied and a form sent twice is stored twice; entries that a change should have dropped are
gone anyway when a restarted Redis comes back empty, and after a mere network cut they last at
most their timeout (`PAGE_CACHE_TIMEOUT`). Answering "already there" instead would turn every
submission into a duplicate, silently dropped.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE = (RedisConnectionError, RedisTimeoutError)


def _default(key, default=None, *args, **kwargs):
    return default


def _one(key, delta=1, *args, **kwargs):
    return delta  # as if the key had just been made: the first of a new count


# Each operation's answer while Redis is unreachable.
FALLBACKS = {
    "get": _default,
    "get_many": lambda *args, **kwargs: {},
    "has_key": lambda *args, **kwargs: False,
    "add": lambda *args, **kwargs: True,
    "set": lambda *args, **kwargs: None,
    "set_many": lambda *args, **kwargs: [],
    "touch": lambda *args, **kwargs: False,
    "incr": _one,
    "delete": lambda *args, **kwargs: False,
    "delete_many": lambda *args, **kwargs: None,
    "clear": lambda *args, **kwargs: False,
}


def _tolerant(name: str, fallback):
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def operation(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except OUTAGE as error:
            logger.warning("cache unavailable (%s): %s skipped", type(error).__name__, name)
            return fallback(*args, **kwargs)

    return operation


class OptionalRedisCache(RedisCache):
    """Django's Redis cache, behaving as an empty one instead of raising while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._params = params

    @cached_property
    def strict(self) -> RedisCache:
        """The same server through a cache that raises on an outage: what the health check uses."""
        return RedisCache(self._servers, self._params)


for _name, _fallback in FALLBACKS.items():
    setattr(OptionalRedisCache, _name, _tolerant(_name, _fallback))
