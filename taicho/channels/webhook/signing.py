"""The webhook signature, for senders and for receivers that check it.

X-Taicho-Timestamp is the Unix time of the send; X-Taicho-Signature is
"sha256=" + hex HMAC-SHA256(secret, timestamp + "." + raw body). The timestamp is signed
with the body, so a captured request replayed later fails the receiver's age check.
"""

import hashlib
import hmac
import time

TIMESTAMP_HEADER = "X-Taicho-Timestamp"
SIGNATURE_HEADER = "X-Taicho-Signature"
DEFAULT_TOLERANCE = 300  # seconds


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(
    secret: str,
    *,
    timestamp: str,
    body: bytes,
    signature_header: str,
    now: float | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
) -> bool:
    """Whether a received request is ours and fresh."""
    try:
        age = (time.time() if now is None else now) - int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(age) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), signature_header or "")
