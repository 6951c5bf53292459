"""A per-channel rate limit that holds across worker processes and machines.

Each channel has one row with the next free sending moment ("virtual scheduling", the
GCRA form of a token bucket with no burst). A sender claims a slot under a row lock — it
takes the later of now and the row's moment, and moves the row on by 1/rate — then sleeps
until its slot. The lock is held for one short UPDATE, never while sleeping, so many
workers together keep the rate and none waits longer than its place in the queue.

Why not the cache: the database cache's incr is a read then a write (two workers may take
the same token), and a per-process bucket lets N workers send N times the rate. The row lock
is SELECT … FOR UPDATE on PostgreSQL; SQLite has one writer at a time (BEGIN IMMEDIATE).
Call it outside any long transaction of your own, or the row stays locked until it ends.
"""

import time
from collections.abc import Callable

from django.db import transaction

from taicho.channels.models import ChannelThrottle


def claim_slot(key: str, rate_per_second: float, *, now: float | None = None) -> float:
    """Reserve the next sending moment of `key` (seconds since the epoch) and return it."""
    if rate_per_second <= 0:
        raise ValueError("rate_per_second must be positive")
    interval = 1.0 / rate_per_second
    ChannelThrottle.objects.get_or_create(key=key)
    with transaction.atomic():
        row = ChannelThrottle.objects.select_for_update().get(key=key)
        current = time.time() if now is None else now
        slot = max(current, row.next_at)
        row.next_at = slot + interval
        row.save(update_fields=["next_at"])
    return slot


def throttle(
    config_id: int | str,
    rate_per_second: float,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> float:
    """Wait until channel `config_id` may send one more message; return the seconds waited."""
    slot = claim_slot(f"channel:{config_id}", rate_per_second)
    wait = slot - time.time()
    if wait > 0:
        sleep(wait)
        return wait
    return 0.0
