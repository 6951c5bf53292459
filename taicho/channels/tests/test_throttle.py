"""The per-channel rate limit: slots claimed in the database, shared by every worker."""

import itertools
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from taicho.channels.throttle import claim_slot, throttle


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
