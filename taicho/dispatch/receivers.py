"""Issued alerts and new evacuation orders are sent once their transaction commits (no logic
here: the services decide what goes to whom).

After the commit, so a rolled-back issue sends nothing and the fan-out's own transaction
never holds the issuing one open. (The shelters app already sends `evacuation_ordered` after
its commit.) A failure is logged, never raised into the officer's request.
"""

import logging

from django.db import transaction

from taicho.shelters.evacuations import evacuation_ordered
from taicho.warnings import signals
from taicho.warnings.models import AlertStatus

logger = logging.getLogger(__name__)


# An alert replaced by an update, or cancelled: what it has not sent yet is not sent.
STOPPED = frozenset({AlertStatus.SUPERSEDED, AlertStatus.CANCELLED})


def on_alert_stopped(sender, *, alert, new_status, **kwargs) -> None:
    if new_status not in STOPPED:
        return

    def cancel() -> None:
        from taicho.dispatch.models import Dispatch
        from taicho.dispatch.services import messages_cancel

        for dispatch in Dispatch.objects.filter(alert=alert):
            messages_cancel(dispatch=dispatch)

    transaction.on_commit(cancel)


def on_alert_status_changed(sender, *, alert, new_status, **kwargs) -> None:
    if new_status != AlertStatus.ISSUED:
        return

    def fan_out() -> None:
        from taicho.dispatch.services import dispatch_alert

        try:
            dispatch_alert(alert=alert, actor=alert.issued_by)
        except Exception:
            logger.exception("Could not fan out alert %s", alert.pk)

    transaction.on_commit(fan_out)


def on_evacuation_ordered(sender, *, evacuation, household_ids, **kwargs) -> None:
    from taicho.dispatch.evacuation_orders import dispatch_evacuation_orders

    try:
        dispatch_evacuation_orders(evacuation=evacuation, household_ids=household_ids)
    except Exception:
        logger.exception("Could not send the orders of evacuation %s", evacuation.pk)


def connect() -> None:
    signals.alert_status_changed.connect(on_alert_status_changed, dispatch_uid="dispatch.alert")
    signals.alert_status_changed.connect(on_alert_stopped, dispatch_uid="dispatch.alert_stopped")
    evacuation_ordered.connect(on_evacuation_ordered, dispatch_uid="dispatch.evacuation")
