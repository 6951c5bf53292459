"""Background work of the warnings app (django.tasks, run by `taicho worker`).

Feed polling is one self-renewing task: `poll_feeds` polls every active feed whose interval
has passed (FeedSource.poll_minutes, default 5), then enqueues itself again
POLL_EVERY_SECONDS later (`.using(run_after=…)`; the worker does not run it before then).
Only one chain runs: a task about to enqueue the next run does not when one is already
waiting. The chain starts when a feed is created or saved active (`polling_ensure`, after the
commit), and can be started by hand:

    taicho shell -c "from taicho.warnings.tasks import polling_ensure; polling_ensure()"

A bulletin must reach its recipients within 15 minutes of issue (QĐ 18/2021 Điều 35), so
feeds are polled every few minutes. Each feed is polled in its own transaction: one feed that
is down does not hold back the others (its error is kept on the feed).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

POLL_EVERY_SECONDS = getattr(settings, "TAICHO_WARNINGS_POLL_SECONDS", 60)


def _waiting() -> bool:
    """A poll_feeds run is already queued (the database backend's table says so)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=poll_feeds.module_path, status="READY").exists()


def polling_ensure() -> None:
    """Enqueue the next poll unless one is already waiting."""
    if not _waiting():
        poll_feeds.using(run_after=timezone.now() + timedelta(seconds=POLL_EVERY_SECONDS)).enqueue()


@task()
def poll_feeds() -> dict:
    """Poll the feeds that are due; then schedule the next run."""
    from taicho.warnings.services.feeds import feed_source_poll, feeds_due

    summary = {"feeds": 0, "new": 0, "errors": 0}
    try:
        for feed in feeds_due():
            with transaction.atomic():
                result = feed_source_poll(feed=feed)
            summary["feeds"] += 1
            summary["new"] += len(result.new)
            summary["errors"] += len(result.errors)
            for error in result.errors:
                logger.warning("CAP feed %s: %s", feed.url, error)
    finally:
        polling_ensure()
    return summary
