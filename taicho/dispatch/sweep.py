"""What an issue or an evacuation start should have queued and did not: sent now.

The fan-out of an issued alert runs after the commit that issued it (receivers.py); a worker
process that dies in between, or an error, would leave an alert issued and nobody told. The
message workers look here at their start and every minute after: an alert issued (or an
evacuation started) within the last day with no dispatch gets one. Both fan-outs are
idempotent, so a sweep that races the normal path adds nothing twice.
"""

import logging
from datetime import timedelta

from django.utils import timezone

from taicho.dispatch.evacuation_orders import dispatch_evacuation_orders
from taicho.dispatch.models import Dispatch
from taicho.dispatch.services import dispatch_alert
from taicho.shelters.evacuation_models import EvacuationStatus
from taicho.shelters.models import Evacuation
from taicho.warnings.models import Alert, AlertStatus

logger = logging.getLogger("taicho.dispatch")

LOOK_BACK = timedelta(days=1)
# An issue is given this long to fan out by itself before a sweep takes it.
GRACE = timedelta(seconds=30)


def dispatch_missed(*, now=None) -> int:
    """Queue the messages of recent alerts and evacuations that have none; how many."""
    now = now or timezone.now()
    done = 0
    alerts = Alert.objects.filter(
        status=AlertStatus.ISSUED,
        issued_at__gte=now - LOOK_BACK,
        issued_at__lte=now - GRACE,
        dispatch__isnull=True,
    )
    for alert in alerts:
        logger.warning("Alert %s was issued but not sent: sending it now", alert.pk)
        dispatch_alert(alert=alert, actor=alert.issued_by)
        done += 1
    sent = Dispatch.objects.filter(evacuation__isnull=False).values("evacuation_id")
    evacuations = Evacuation.objects.filter(
        status=EvacuationStatus.STARTED,
        created_at__gte=now - LOOK_BACK,
        created_at__lte=now - GRACE,
    ).exclude(pk__in=sent)
    for evacuation in evacuations:
        logger.warning("Evacuation %s started without its orders: sending them", evacuation.pk)
        dispatch_evacuation_orders(evacuation=evacuation)
        done += 1
    return done
