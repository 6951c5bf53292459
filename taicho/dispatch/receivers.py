"""An alert that becomes issued is fanned out once its transaction commits (no logic here).

After the commit, so a rolled-back issue sends nothing and the fan-out's own transaction
never holds the issuing one open.
"""

import logging

from django.db import transaction

from taicho.warnings import signals
from taicho.warnings.models import AlertStatus

logger = logging.getLogger(__name__)


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


def connect() -> None:
    signals.alert_status_changed.connect(on_alert_status_changed, dispatch_uid="dispatch.alert")
