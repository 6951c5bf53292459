"""`taicho dispatch_worker`: send queued messages until stopped (SIGTERM finishes the current
message, gives back the rest of its batch and exits)."""

import os
import signal
import socket

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.dispatch import worker


class Command(BaseCommand):
    help = gettext_lazy("Send the queued messages of alerts and notices.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help=gettext_lazy("Exit when nothing is ready.")
        )
        parser.add_argument("--batch", type=int, default=50)
        parser.add_argument(
            "--lease", type=float, default=60.0, help=gettext_lazy("Seconds a claim lasts.")
        )
        parser.add_argument("--worker-id", default="")

    def handle(self, *args, once, batch, lease, worker_id, **options):
        worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_args: stopping.append(True))
        sent = worker.run(
            worker_id=worker_id,
            batch=max(batch, 1),
            lease_seconds=lease,
            once=once,
            stop=lambda: bool(stopping),
            between_batches=close_old_connections,
        )
        self.stdout.write(_("%(count)d messages processed.") % {"count": sent})
