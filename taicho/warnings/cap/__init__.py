"""CAP 1.2 (Common Alerting Protocol): hardened reading, validation, signatures, writing, feeds.

Pure functions and dataclasses, no models, no network I/O: callers pass bytes.

    report = validate(data, trusted_certs=[pem])   # CapReport: valid, errors, warnings, alert
    alert = read_alert(data)                       # ParsedAlert, or CapInvalid
    data = alert_to_xml(alert, tz=ZoneInfo("Asia/Ho_Chi_Minh"))
    feed = read_feed(data)                         # Atom/RSS index of CAP alerts
"""

from taicho.warnings.cap.feeds import Feed, FeedArea, FeedEntry, read_feed
from taicho.warnings.cap.issues import CapInvalid, CapRejected, CapReport, Issue
from taicho.warnings.cap.model import (
    Area,
    Circle,
    Info,
    NamedValue,
    ParsedAlert,
    Reference,
    Resource,
)
from taicho.warnings.cap.parsing import CAP_NAMESPACE, DEFAULT_MAX_BYTES
from taicho.warnings.cap.signature import SignatureResult, SignatureStatus, verify_signature
from taicho.warnings.cap.validation import read_alert, validate
from taicho.warnings.cap.writer import alert_to_xml

__all__ = [
    "CAP_NAMESPACE",
    "DEFAULT_MAX_BYTES",
    "Area",
    "CapInvalid",
    "CapRejected",
    "CapReport",
    "Circle",
    "Feed",
    "FeedArea",
    "FeedEntry",
    "Info",
    "Issue",
    "NamedValue",
    "ParsedAlert",
    "Reference",
    "Resource",
    "SignatureResult",
    "SignatureStatus",
    "alert_to_xml",
    "read_alert",
    "read_feed",
    "validate",
    "verify_signature",
]
