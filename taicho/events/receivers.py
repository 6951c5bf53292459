"""Receivers of the warnings app's signals: each files what arrived into its event through
one service (no logic here). Connected in EventsConfig.ready().

Filing must never stop a warning from being received or an alert from being issued (the
15 minutes of QĐ 18 Điều 35 count more than the event's bookkeeping): the service runs in
its own savepoint, and a failure is logged, not raised into the warnings service.
"""

import logging

from taicho.events import services
from taicho.warnings import signals

logger = logging.getLogger(__name__)


def on_bulletin_received(sender, *, bulletin, **kwargs) -> None:
    try:
        services.event_receive_bulletin(bulletin=bulletin)
    except Exception:
        logger.exception("Could not file bulletin %s into an event", bulletin.pk)


def on_alert_status_changed(sender, *, alert, **kwargs) -> None:
    try:
        services.event_receive_alert(alert=alert)
    except Exception:
        logger.exception("Could not file alert %s into an event", alert.pk)


def connect() -> None:
    signals.bulletin_received.connect(on_bulletin_received, dispatch_uid="events.bulletin")
    signals.alert_status_changed.connect(on_alert_status_changed, dispatch_uid="events.alert")
