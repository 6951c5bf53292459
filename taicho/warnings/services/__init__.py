"""Every write of the warnings app, one module per subject; the public ones are here.

bulletins: typed in, from CAP, their level · feeds: CAP from the web · alerts: drafts,
edits, updates, cancellations · alert_flow: approval, issue, the ward's CAP settings ·
templates: alert templates. Reads are in taicho.warnings.selectors.
"""

from taicho.warnings.services.alert_flow import alert_approve, alert_issue, warning_settings_save
from taicho.warnings.services.alerts import (
    alert_cancel,
    alert_discard,
    alert_draft,
    alert_update,
    alert_update_draft,
)
from taicho.warnings.services.bulletins import (
    Received,
    bulletin_create_typed,
    bulletin_import_cap,
    bulletin_override_level,
    bulletin_set_figures,
)
from taicho.warnings.services.feeds import (
    PollResult,
    feed_poll,
    feed_source_create,
    feed_source_delete,
    feed_source_poll,
    feed_source_update,
    fetch_url,
)
from taicho.warnings.services.templates import (
    alert_template_delete,
    alert_template_save,
    load_default_templates,
)

__all__ = [
    "PollResult",
    "Received",
    "alert_approve",
    "alert_cancel",
    "alert_discard",
    "alert_draft",
    "alert_issue",
    "alert_template_delete",
    "alert_template_save",
    "alert_update",
    "alert_update_draft",
    "bulletin_create_typed",
    "bulletin_import_cap",
    "bulletin_override_level",
    "bulletin_set_figures",
    "feed_poll",
    "feed_source_create",
    "feed_source_delete",
    "feed_source_poll",
    "feed_source_update",
    "fetch_url",
    "load_default_templates",
    "warning_settings_save",
]
