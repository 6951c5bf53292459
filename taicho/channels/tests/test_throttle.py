"""The per-channel rate limit: slots claimed in the database, shared by every worker."""

import itertools
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from taicho.channels.models import ChannelThrottle
from taicho.channels.throttle import SlotBook, claim_slot, throttle


@pytest.mark.django_db
def test_it_spaces_sends_by_one_over_the_rate():
    now = 1_000_000.0
    slots = [claim_slot("channel:spacing", 4, now=now) for _ in range(4)]
    assert slots == [now, now + 0.25, now + 0.5, now + 0.75]


@pytest.mark.django_db
def test_it_starts_at_once_after_a_quiet_time():
    claim_slot("channel:quiet", 1, now=1_000.0)
    assert claim_slot("channel:quiet", 1, now=5_000.0) == 5_000.0


@pytest.mark.django_db
def test_it_keeps_each_channel_to_its_own_rate():
    claim_slot("channel:a", 1, now=10.0)
    assert claim_slot("channel:b", 1, now=10.0) == 10.0


@pytest.mark.django_db
def test_it_keeps_ten_sends_at_five_a_second_from_going_faster():
    started = time.monotonic()
    for _ in range(10):
        throttle("pace", 5)
    # Nine intervals of 0.2 s: a lower bound only, a slow machine may take longer.
    assert time.monotonic() - started >= 1.75


@pytest.mark.django_db
def test_it_refuses_a_rate_that_is_not_positive():
    with pytest.raises(ValueError):
        claim_slot("channel:zero", 0)


@pytest.mark.django_db(transaction=True)
def test_it_gives_workers_on_separate_connections_distinct_spaced_slots():
    def claim_five(_):
        try:
            return [claim_slot("channel:shared", 100) for _ in range(5)]
        finally:
            connection.close()  # each thread had its own database connection

    with ThreadPoolExecutor(max_workers=4) as pool:
        slots = sorted(slot for batch in pool.map(claim_five, range(4)) for slot in batch)
    assert len(slots) == 20
    gaps = [later - earlier for earlier, later in itertools.pairwise(slots)]
    assert min(gaps) >= 0.01 - 1e-6


@pytest.mark.django_db
def test_it_reserves_a_workers_slots_a_block_at_a_time_and_shares_the_rate():
    def next_at():
        return ChannelThrottle.objects.get(key="channel:blocks").next_at

    # Two workers, each about to send 30 messages on a channel allowed 20 a second.
    worker_a = SlotBook({"blocks": 30}, sleep=lambda seconds: None)
    worker_b = SlotBook({"blocks": 30}, sleep=lambda seconds: None)
    started = time.time()
    worker_a.wait("blocks", 20)
    # One reservation of a second of the rate (20 slots), not of the 30 planned.
    assert 0.99 <= next_at() - started <= 1.2
    for _ in range(19):
        worker_a.wait("blocks", 20)
    assert 0.99 <= next_at() - started <= 1.2  # the block lasted: no new reservation
    for _ in range(30):
        worker_b.wait("blocks", 20)
    for _ in range(10):
        worker_a.wait("blocks", 20)
    # 60 sends at 20 a second: whoever sent them, the channel's next slot is 3 s on.
    assert 2.99 <= next_at() - started <= 3.3


@pytest.mark.django_db
def test_it_reserves_one_slot_at_a_time_on_a_slow_channel():
    book = SlotBook({"slow": 10}, sleep=lambda seconds: None)
    book.wait("slow", 0.5)
    # One slot, 2 s long: other workers get the next one.
    assert ChannelThrottle.objects.get(key="channel:slow").next_at - time.time() >= 1.5
