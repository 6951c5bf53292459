"""A fixed-window counter in the cache: enough to slow down password guessing on public forms."""

from django.core.cache import cache


def hit(*, key: str, window_seconds: int) -> int:
    """Count one event for `key` in the current window; return the count so far."""
    cache_key = f"ratelimit:{key}"
    if cache.add(cache_key, 1, timeout=window_seconds):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window_seconds)
        return 1


def count(*, key: str) -> int:
    return cache.get(f"ratelimit:{key}", 0)
