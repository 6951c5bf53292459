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

import math
import time
from collections import deque
from collections.abc import Callable

from django.db import transaction

from taicho.channels.models import ChannelThrottle


def claim_slot(
    key: str, rate_per_second: float, *, now: float | None = None, count: int = 1
) -> float:
    """Reserve the next `count` sending moments of `key`, 1/rate apart; return the first
    (seconds since the epoch)."""
    if rate_per_second <= 0:
        raise ValueError("rate_per_second must be positive")
    interval = 1.0 / rate_per_second
    ChannelThrottle.objects.get_or_create(key=key)
    with transaction.atomic():
        row = ChannelThrottle.objects.select_for_update().get(key=key)
        current = time.time() if now is None else now
        slot = max(current, row.next_at)
        row.next_at = slot + interval * count
        row.save(update_fields=["next_at"])
    return slot


class SlotBook:
    """One worker's slots, reserved a block at a time: one locked UPDATE per block, not per
    message (on PostgreSQL the per-message lock and commit were a third of a send's time).

    `planned` says how many messages of each channel the worker is about to send; a block is
    at most that many, and at most `block_seconds` of the channel's rate, so a slow channel
    (an SMS gateway at 5/s) is still shared fairly between workers. Slots a worker does not
    use (it stops, the channel is paused) are lost: the rate is a ceiling, never exceeded.
    """

    def __init__(
        self,
        planned: dict[int | str, int] | None = None,
        *,
        block_seconds: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.planned = dict(planned or {})
        self.block_seconds = block_seconds
        self.sleep = sleep
        self._slots: dict[int | str, deque[float]] = {}

    def wait(self, config_id: int | str, rate_per_second: float) -> float:
        """Wait for this worker's next slot on the channel; return the seconds waited."""
        slots = self._slots.setdefault(config_id, deque())
        if not slots:
            wanted = max(1, self.planned.get(config_id, 1))
            count = max(1, min(wanted, math.ceil(rate_per_second * self.block_seconds)))
            first = claim_slot(f"channel:{config_id}", rate_per_second, count=count)
            slots.extend(first + index / rate_per_second for index in range(count))
        self.planned[config_id] = self.planned.get(config_id, 1) - 1
        wait = slots.popleft() - time.time()
        if wait > 0:
            self.sleep(wait)
            return wait
        return 0.0


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
