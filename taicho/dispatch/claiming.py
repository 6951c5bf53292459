"""Workers take messages without ever taking the same one twice.

One statement claims a batch: UPDATE … WHERE id IN (the first n queued messages in
(priority, id) order on active channels) RETURNING id. On PostgreSQL the inner query locks
its rows FOR UPDATE SKIP LOCKED, so concurrent workers on several machines each get other
rows and none waits; a row another worker claimed meanwhile no longer matches status =
queued when it is re-checked. SQLite has one writer at a time (the settings open every
transaction IMMEDIATE), so the same statement is atomic there.

A claim is a lease: a worker that dies leaves its messages claimed until `claimed_until`,
after which `requeue_expired` gives them back to the queue. A slow worker renews the lease
on what is left of its batch once half of it has passed (`renew`), and sends nothing it no
longer holds; its writes of the outcome are guarded the same way (taicho.dispatch.services).
"""

from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from taicho.dispatch.dialects import dialect
from taicho.dispatch.models import MessageStatus

_CANDIDATES = (
    "SELECT m.id FROM dispatch_message m WHERE m.status = %s AND m.next_attempt_at <= %s "
    "AND m.channel_id IN (SELECT c.id FROM channels_channelconfig c WHERE c.active) "
    "ORDER BY m.priority, m.id LIMIT %s"
)


def requeue_expired(*, now=None) -> int:
    """Messages whose worker's lease ran out go back to the queue; how many."""
    adapt = connection.ops.adapt_datetimefield_value
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE dispatch_message SET status = %s, claimed_by = '', claimed_until = NULL "
            "WHERE status = %s AND claimed_until < %s",
            (MessageStatus.QUEUED, MessageStatus.CLAIMED, adapt(now or timezone.now())),
        )
        return max(cursor.rowcount, 0)


def claim(*, worker_id: str, batch: int, lease_seconds: float) -> list[int]:
    """Claim up to `batch` messages for `lease_seconds`; their ids, most urgent first."""
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    candidates = dialect(connection).lock_candidates.format(candidates=_CANDIDATES)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE dispatch_message SET status = %s, claimed_by = %s, claimed_until = %s "  # noqa: S608
            f"WHERE id IN ({candidates}) RETURNING id",
            (
                MessageStatus.CLAIMED,
                worker_id,
                adapt(now + timedelta(seconds=lease_seconds)),
                MessageStatus.QUEUED,
                adapt(now),
                batch,
            ),
        )
        return [row[0] for row in cursor.fetchall()]


def renew(*, ids: list[int], worker_id: str, lease_seconds: float) -> set[int]:
    """Extend this worker's lease on these messages; the ids it still holds. One it no
    longer holds (its lease ran out and another worker took it, or it was cancelled) must
    not be sent."""
    if not ids:
        return set()
    until = connection.ops.adapt_datetimefield_value(
        timezone.now() + timedelta(seconds=lease_seconds)
    )
    placeholders = ", ".join(["%s"] * len(ids))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE dispatch_message SET claimed_until = %s "  # noqa: S608
            f"WHERE id IN ({placeholders}) AND status = %s AND claimed_by = %s RETURNING id",
            (until, *ids, MessageStatus.CLAIMED, worker_id),
        )
        return {row[0] for row in cursor.fetchall()}
