"""What people send back: each kind that takes replies reads its provider's webhook here.

A kind that receives replies implements `Transport.read_inbound(request)`: it checks that the
request really comes from its provider (a shared secret or a signature, compared in constant
time) and returns the messages it carries as `Inbound` items — who sent them (in the kind's
recipient field: a phone, a chat id, a Zalo user id), the text, a location if one was shared.
It knows nothing of alerts or answers: the dispatch app maps them to its messages.
"""

import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from taicho.core.phones import normalize_phone


@dataclass(frozen=True)
class InboundRequest:
    """The parts of an HTTP request a kind needs; header names in lower case."""

    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)
    # Form fields already parsed by the web framework (URL-encoded or multipart bodies).
    form: Mapping[str, str] = field(default_factory=dict)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    def json(self) -> dict:
        try:
            data = json.loads(self.body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InboundRejected(_("The request body is not JSON."), status=400) from exc
        if not isinstance(data, dict):
            raise InboundRejected(_("The request body is not a JSON object."), status=400)
        return data

    def fields(self) -> dict[str, str]:
        """Form fields, JSON members or query parameters, whichever the provider used."""
        text = self.body.decode("utf-8", errors="replace").strip()
        if text.startswith("{"):
            return {key: str(value) for key, value in self.json().items() if value is not None}
        merged = dict(self.query)
        merged.update(self.form or parse_qsl(text, keep_blank_values=True))
        return merged


@dataclass(frozen=True)
class Inbound:
    """One message someone sent to a channel."""

    sender: str
    text: str = ""
    lat: float | None = None
    lon: float | None = None
    external_id: str = ""


@dataclass(frozen=True)
class Receipt:
    """A provider's delivery report: the message it sent as `provider_id` reached the phone
    (or, `delivered` False, will not). `address`: the recipient, when the report names it."""

    provider_id: str
    delivered: bool = True
    address: str = ""
    # The idempotency key the message was sent with, when the provider echoes it back.
    key: str = ""


class InboundRejected(Exception):
    """Not from the provider (403) or not readable (400): nothing is recorded."""

    def __init__(self, message: str, *, status: int = 403):
        super().__init__(message)
        self.message = message
        self.status = status


def require_secret(expected: str, given: str) -> None:
    """The shared secret must be configured and match: a channel without one takes no replies."""
    if not expected:
        raise InboundRejected(_("This channel does not accept replies: it has no reply secret."))
    if not hmac.compare_digest(str(expected).encode(), str(given or "").encode()):
        raise InboundRejected(_("The reply's secret does not match this channel's."))


def phone_or_raw(value: str) -> str:
    """A sender's phone in our stored form (0…), or the value as given when it is not one."""
    try:
        return normalize_phone(value)
    except ValidationError:
        return str(value).strip()


def coordinate(value, *, low: float, high: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


_SENDER_KEYS = ("from", "sender", "msisdn", "phone", "source", "src")
_TEXT_KEYS = ("text", "message", "content", "body", "sms", "msg")
# A delivery report: the gateway's message id and a status, under their usual names.
_STATUS_KEYS = ("status", "stat", "dlr_status", "delivery_status")
_ID_KEYS = ("message_id", "msgid", "msg_id", "smsid", "id")
_RECIPIENT_KEYS = ("to", "destination", "dest", "msisdn", "phone")
DELIVERED_WORDS = frozenset({"delivered", "delivrd", "success", "successful", "ok"})


def _first(fields: dict, keys: tuple[str, ...]) -> str:
    return next((str(fields[key]) for key in keys if fields.get(key) not in (None, "")), "")


def sms_fields(request: InboundRequest) -> list[Inbound | Receipt]:
    """A gateway's "message received" call (the sender and the text under common names), or
    its delivery report (a message id and a status).

    Brandname gateways differ in naming (from / sender / msisdn, text / message / content),
    so the first present of the usual names is taken; a request with neither is refused.
    """
    fields = {key.lower(): value for key, value in request.fields().items()}
    status = _first(fields, _STATUS_KEYS)
    provider_id = _first(fields, _ID_KEYS)
    # A report has an id and a status and no text: a reply that carries an id is a reply.
    is_reply = any(key in fields for key in _TEXT_KEYS)
    if status and provider_id and not is_reply:
        return [
            Receipt(
                provider_id=provider_id,
                delivered=status.strip().lower() in DELIVERED_WORDS,
                address=phone_or_raw(_first(fields, _RECIPIENT_KEYS)),
            )
        ]
    sender = next((fields[key] for key in _SENDER_KEYS if fields.get(key)), "")
    text = next((fields[key] for key in _TEXT_KEYS if key in fields), None)
    if not sender or text is None:
        raise InboundRejected(
            _("A reply needs the sender (“from”) and the text (“text”)."), status=400
        )
    return [
        Inbound(
            sender=phone_or_raw(sender),
            text=str(text).strip(),
            external_id=str(fields.get("id") or fields.get("message_id") or ""),
        )
    ]
