"""A fixed-window counter in the cache, for limits of our own (allauth keeps its own).

While Redis is down the counter lives in the process (core/cache.py), so a limit
keeps holding per process.
"""

from django.core.cache import cache


def within(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one use of ``key``; True while at most ``limit`` happened in the window."""
    cache_key = f"limit:{key}"
    if cache.add(cache_key, 1, window_seconds):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, window_seconds)
        count = 1
    return count <= limit
