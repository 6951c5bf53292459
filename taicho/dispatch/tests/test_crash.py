"""THE CRASH TEST: a worker process is SIGKILLed in the middle of 10,000 messages and a second
worker finishes them: every message is sent, and each reaches the receiver exactly once.

The receiver is the `webhook` channel's: a local HTTP server (taicho.channels.testing.FakeApi)
that records every request with its Idempotency-Key header, as a provider would. The
in-memory locmem outbox cannot be shared with a worker in another process, and a real HTTP
endpoint is the honest witness: it counts what actually arrived.

What it shows: every key arrives; the database records exactly one successful delivery per
message; and the raw requests repeat at most the one message the killed worker had in
flight (sent, not yet recorded) — the at-least-once window that the idempotency key closes
for the receiver, who sees each key once after dropping repeats.
"""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from taicho.channels.testing import FakeApi, Reply
from taicho.dispatch.models import (
    Delivery,
    DeliveryResult,
    Dispatch,
    DispatchKind,
    Message,
    MessageStatus,
)
from taicho.dispatch.tests.conftest import make_channel

TOTAL = 10_000
KILL_AFTER = 2_500
LEASE = 3.0
ROOT = Path(__file__).resolve().parents[3]


def queue_messages(*, channel, count: int, address=lambda i: f"0912{i:06d}") -> Dispatch:
    """`count` queued messages on `channel` (a routine dispatch), without any fan-out."""
    dispatch = Dispatch.objects.create(
        ward_id=channel.ward_id,
        kind=DispatchKind.ROUTINE,
        key=f"test:{channel.pk}",
        sms_text="Thử nghiệm",
    )
    now = timezone.now()
    Message.objects.bulk_create(
        (
            Message(
                ward_id=channel.ward_id,
                dispatch=dispatch,
                channel=channel,
                address=address(i),
                next_attempt_at=now,
                idempotency_key=f"{dispatch.key}:{i}",
            )
            for i in range(count)
        ),
        batch_size=2000,
    )
    return dispatch


def _database_url() -> str:
    """The database this test runs in (pytest-django's test database), for a subprocess."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def _worker(log: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": ""}
    env.pop("DJANGO_SETTINGS_MODULE")
    return subprocess.Popen(
        [sys.executable, "-m", "taicho.cli", "dispatch_worker", "--batch", "20", *extra],
        cwd=ROOT,
        env=env,
        # A file, not a pipe: a pipe nobody reads fills up and stalls the worker's logging.
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


@pytest.mark.django_db(transaction=True)
def test_it_sends_each_of_10000_messages_exactly_once_across_a_killed_worker(ward_a, tmp_path):
    log = tmp_path / "workers.log"
    api = FakeApi(lambda request: Reply(200, {"id": request.header("Idempotency-Key")})).start()
    try:
        channel = make_channel(ward_a, name="City", kind="webhook", secret="s" * 24)
        queue_messages(channel=channel, count=TOTAL, address=lambda i: f"{api.url}/m/{i}")
        started = time.monotonic()
        first = _worker(log, "--worker-id", "first", "--lease", str(LEASE))
        deadline = time.monotonic() + 120
        while len(api.requests) < KILL_AFTER and time.monotonic() < deadline:
            assert first.poll() is None, log.read_text()
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait()
        killed_at = len(api.requests)
        assert KILL_AFTER <= killed_at < TOTAL
        time.sleep(LEASE + 0.5)  # the dead worker's claims run out
        second = _worker(log, "--worker-id", "second", "--once")
        assert second.wait(timeout=300) == 0, log.read_text()[-3000:]
        print(f"killed after {killed_at} requests; all sent in {time.monotonic() - started:.1f} s")
    finally:
        api.stop()
    keys = Counter(request.header("Idempotency-Key") for request in api.requests)
    assert len(keys) == TOTAL  # every message arrived
    repeats = sum(n - 1 for n in keys.values())
    assert repeats <= 1  # only the message in flight at the kill can arrive twice
    assert Message.objects.filter(status=MessageStatus.SENT).count() == TOTAL
    sent = Delivery.objects.filter(result=DeliveryResult.SENT)
    assert sent.count() == TOTAL
    assert sent.values("message").distinct().count() == TOTAL
    workers = Counter(sent.values_list("worker", flat=True))
    assert workers["first"] >= KILL_AFTER - 1 and workers["second"] > 0
