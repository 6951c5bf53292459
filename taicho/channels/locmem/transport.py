"""Keep each message in a module-level outbox, as Django's locmem mail backend does.

Tests read `outbox` and call `reset_outbox()`; `fail_permanently` / `fail_temporarily` in
the configuration make chosen recipients fail, to test what the layers above do then.
"""

import threading
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.channels.base import Message, RecipientField, SendResult, Transport, TransportError
from taicho.channels.inbound import require_secret, sms_fields
from taicho.channels.locmem.forms import LocmemConfigForm


@dataclass(frozen=True)
class Sent:
    """One message the locmem channel accepted, and on which channel configuration."""

    message: Message
    provider_id: str
    config: dict


outbox: list[Sent] = []
_lock = threading.Lock()
_counter = [0]


def reset_outbox() -> None:
    with _lock:
        outbox.clear()


def sent_to(recipient: str) -> list[Message]:
    """The messages sent to one address, oldest first."""
    return [sent.message for sent in outbox if sent.message.recipient == recipient]


class LocmemTransport(Transport):
    kind = "locmem"
    label = gettext_lazy("In memory (tests)")
    config_form = LocmemConfigForm
    recipient_field = RecipientField.PHONE
    max_text_length = None
    supports_reply = True

    def read_inbound(self, request):
        # A test double: replies in the generic gateway shape; the secret only when one is set.
        if self.config.get("inbound_secret"):
            require_secret(
                self.config["inbound_secret"],
                request.header("X-Taicho-Secret") or request.query.get("secret", ""),
            )
        return sms_fields(request)

    def deliver(self, message: Message) -> SendResult:
        if message.recipient in (self.config.get("fail_permanently") or []):
            raise TransportError(
                _("The test channel refuses %(recipient)s.") % {"recipient": message.recipient},
                permanent=True,
            )
        if message.recipient in (self.config.get("fail_temporarily") or []):
            raise TransportError(
                _("The test channel is busy for %(recipient)s.") % {"recipient": message.recipient},
                permanent=False,
            )
        with _lock:
            _counter[0] += 1
            provider_id = f"locmem-{_counter[0]}"
            outbox.append(Sent(message=message, provider_id=provider_id, config=dict(self.config)))
        return SendResult(provider_id=provider_id)
