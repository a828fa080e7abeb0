"""Django's Redis cache, made to survive Redis being down or hung, and with reused clients.

**Outage.** Every operation that cannot reach Redis (refused, reset, or no answer within the
short socket timeouts set in settings) is answered without it, logged once, and Redis is then
left alone for ``REDIS_RETRY_SECONDS`` so no request waits on it meanwhile. Without Redis:

* keys that hold copies of database data or the tokens that say whether such copies are still
  good (``SHARED_ONLY_PREFIXES``: cached pages and their version tokens, the routing inputs,
  the Need Help lists, sessions) are misses, and writes to them are dropped: callers render
  from, and sessions are read from, the database. A key this process could not write or delete
  is deleted from Redis first thing when it answers again, so nothing written before the
  outage is served after it (a session signed out meanwhile stays signed out);
* every other key (rate-limit counters and their locks, guest codes, chat presence) lives in
  this process's memory until Redis is back: rate limits keep counting, per process, so
  with N web processes a client gets at most N times a limit while Redis is down (the
  direction we chose: sign-in keeps working for customers, and brute force stays bounded).

**Reused clients.** Django builds a new ``redis.Redis`` for every cache operation, and its
constructor fills a table of some 340 response callbacks each time: about 0.5 ms per
operation, more than the round trip to Redis. A client is only a connection pool plus that
table and is safe to share between threads, so one per pool is kept.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

T = TypeVar("T")
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
SHARED_ONLY_PREFIXES = (
    "page:",
    "routing:",
    "help:lists:",
    "django.contrib.sessions.",
)
# At most this many keys are remembered for deletion when Redis is back.
STALE_LIMIT = 100_000


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        this: Any = self  # the stubs do not know RedisCacheClient's private helpers
        index = this._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = this._client(
                connection_pool=this._get_connection_pool(write)
            )
        return client


def _shared_only(key: str) -> bool:
    return key.startswith(SHARED_ONLY_PREFIXES)


class _Outage:
    """One process's view of one Redis: shared by the threads, each of which has its own
    cache object (Django makes one per thread)."""

    def __init__(self, name: str) -> None:
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.tripped = False
        self.stale: set[str] = set()
        self.local = LocMemCache(name, {"OPTIONS": {"MAX_ENTRIES": 50_000}})


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        if location not in _outages:
            _outages[location] = _Outage(f"needhelp-redis-fallback:{location}")
        return _outages[location]


class RedisCache(DjangoRedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._outage = _outage_for(str(server))
        self._local = self._outage.local

    # --- The outage state

    @property
    def available(self) -> bool:
        """False while Redis is being left alone after a failure."""
        return time.monotonic() >= self._outage.down_until

    def _trip(self, exc: BaseException) -> None:
        retry = float(getattr(settings, "REDIS_RETRY_SECONDS", 5))
        outage = self._outage
        with outage.lock:
            was_up = not outage.tripped
            outage.tripped = True
            outage.down_until = time.monotonic() + retry
        if was_up:
            logger.warning(
                "cache: Redis unreachable (%s: %s); working without it, trying again every "
                "%ss: pages and sessions from the database, rate limits counted per process",
                exc.__class__.__name__,
                exc,
                retry,
            )

    def _remember(self, keys: Iterable[str]) -> None:
        outage = self._outage
        with outage.lock:
            for key in keys:
                if _shared_only(key) and len(outage.stale) < STALE_LIMIT:
                    outage.stale.add(key)

    def _recover(self) -> None:
        """First use after an outage, once Redis answers: delete from Redis what this process
        could not write, then leave the stand-in. Raises while Redis still does not answer, so
        the stand-in's counters (rate limits) and the outage's one warning carry on."""
        outage = self._outage
        with outage.lock:
            stale, outage.stale = outage.stale, set()
        try:
            if stale:
                super().delete_many(list(stale))
            else:
                self.ping()
        except BaseException:
            with outage.lock:
                outage.stale |= stale
            raise
        with outage.lock:
            outage.tripped = False
        self._local.clear()
        logger.warning("cache: Redis answers again; %d stale keys deleted", len(stale))

    def _call(
        self, keys: list[str], write: bool, redis: Callable[[], T], without: Callable[[], T]
    ) -> T:
        if self.available:
            try:
                if self._outage.tripped:
                    self._recover()
                return redis()
            except UNREACHABLE as exc:
                self._trip(exc)
        if write:
            self._remember(keys)
        return without()

    def ping(self) -> None:
        """Ask Redis itself, never the fallback (for /healthz); raises when it does not answer."""
        client: Any = self._cache
        client.get_client(write=True).ping()

    # --- Django's cache API, each with its answer without Redis

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return self._call(
            [key],
            True,
            lambda: super(RedisCache, self).add(key, value, timeout, version),
            lambda: False if _shared_only(key) else self._local.add(key, value, timeout, version),
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._call(
            [key],
            False,
            lambda: super(RedisCache, self).get(key, default, version),
            lambda: default if _shared_only(key) else self._local.get(key, default, version),
        )

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:

        def without() -> None:
            if not _shared_only(key):
                self._local.set(key, value, timeout, version)

        return self._call(
            [key], True, lambda: super(RedisCache, self).set(key, value, timeout, version), without
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._call(
            [key],
            True,
            lambda: super(RedisCache, self).touch(key, timeout, version),
            lambda: False if _shared_only(key) else self._local.touch(key, timeout, version),
        )

    def delete(self, key: Any, version: Any = None) -> bool:
        def without() -> bool:
            return self._local.delete(key, version)

        return self._call(
            [key], True, lambda: super(RedisCache, self).delete(key, version), without
        )

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        keys = list(keys)

        def without() -> dict[Any, Any]:
            return self._local.get_many([k for k in keys if not _shared_only(k)], version)

        return self._call(
            keys, False, lambda: super(RedisCache, self).get_many(keys, version), without
        )

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._call(
            [key],
            False,
            lambda: super(RedisCache, self).has_key(key, version),
            lambda: False if _shared_only(key) else self._local.has_key(key, version),
        )

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        return self._call(
            [key],
            True,
            lambda: super(RedisCache, self).incr(key, delta, version),
            lambda: self._local.incr(key, delta, version),
        )

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list[Any]:
        data = dict(data)

        def without() -> list[Any]:
            local = {k: v for k, v in data.items() if not _shared_only(k)}
            self._local.set_many(local, timeout, version)
            return []

        return self._call(
            list(data),
            True,
            lambda: super(RedisCache, self).set_many(data, timeout, version),
            without,
        )

    def delete_many(self, keys: Any, version: Any = None) -> None:
        keys = list(keys)
        return self._call(
            keys,
            True,
            lambda: super(RedisCache, self).delete_many(keys, version),
            lambda: self._local.delete_many(keys, version),
        )

    def clear(self) -> None:
        self._local.clear()
        return self._call([], True, lambda: super(RedisCache, self).clear(), lambda: None)
