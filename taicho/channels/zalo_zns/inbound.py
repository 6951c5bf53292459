"""The Zalo Official Account's webhook: what a follower writes or shares to the OA.

Zalo signs each event: X-ZEvent-Signature is "mac=" followed by the SHA-256 (hex) of
app_id + the raw body + the event's timestamp + the OA's secret key. Texts
(user_send_text) and shared locations (user_send_location) are replies; other events
(follows, reads) are acknowledged and carry none; a ZNS delivery report
(user_received_message) says which sent message reached its phone. The sender is the
follower's Zalo id, which is not a phone number: the dispatch app maps such a reply by the
personal code written in it, or by an earlier message to that id.
"""

import hashlib
import hmac
import time

from django.utils.translation import gettext as _

from taicho.channels.inbound import (
    Inbound,
    InboundRejected,
    InboundRequest,
    Receipt,
    coordinate,
)

_REPLY_EVENTS = {"user_send_text", "user_send_location"}
MAX_AGE_SECONDS = 300
_RECEIVED_EVENT = "user_received_message"


def _check_signature(config: dict, request: InboundRequest, timestamp: str) -> None:
    secret = config.get("oa_secret_key") or ""
    if not secret:
        raise InboundRejected(_("This channel does not accept replies: it has no OA secret key."))
    mac = hashlib.sha256(
        (config.get("app_id") or "").encode() + request.body + timestamp.encode() + secret.encode()
    ).hexdigest()
    given = request.header("X-ZEvent-Signature").removeprefix("mac=").strip()
    if not hmac.compare_digest(mac, given):
        raise InboundRejected(_("The event's signature does not match this Official Account."))


def _check_fresh(timestamp: str, *, now: float | None = None) -> None:
    """A signed event replayed later (to mark someone safe who is not) is refused."""
    try:
        sent = int(timestamp) / 1000
    except ValueError:
        raise InboundRejected(_("The event has no timestamp."), status=400) from None
    if abs((now or time.time()) - sent) > MAX_AGE_SECONDS:
        raise InboundRejected(_("The event is too old (or from the future): refused."))


def read(config: dict, request: InboundRequest) -> list[Inbound | Receipt]:
    event = request.json()
    timestamp = str(event.get("timestamp") or "")
    _check_signature(config, request, timestamp)
    _check_fresh(timestamp)
    if event.get("event_name") == _RECEIVED_EVENT:
        # A ZNS delivery report: the msg_id the send returned reached the phone.
        message = event.get("message") or {}
        msg_id = str(message.get("msg_id") or "")
        key = str(message.get("tracking_id") or "")  # our idempotency key, sent as tracking_id
        return [Receipt(provider_id=msg_id, key=key)] if msg_id else []
    if event.get("event_name") not in _REPLY_EVENTS:
        return []
    sender = str((event.get("sender") or {}).get("id") or "")
    message = event.get("message") or {}
    if not sender or not isinstance(message, dict):
        return []
    lat = lon = None
    for attachment in message.get("attachments") or []:
        coordinates = ((attachment or {}).get("payload") or {}).get("coordinates") or {}
        if coordinates:
            lat = coordinate(coordinates.get("latitude"), low=-90, high=90)
            lon = coordinate(coordinates.get("longitude"), low=-180, high=180)
    return [
        Inbound(
            sender=sender,
            text=str(message.get("text") or "").strip(),
            lat=lat,
            lon=lon,
            external_id=str(message.get("msg_id") or ""),
        )
    ]
