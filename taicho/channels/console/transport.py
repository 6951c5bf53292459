"""Print each message to standard output: for development, as Django's console mail backend."""

import sys
import threading
import uuid

from django.utils.translation import gettext_lazy as _

from taicho.channels.base import Message, RecipientField, SendResult, Transport
from taicho.channels.console.forms import ConsoleConfigForm


class ConsoleTransport(Transport):
    kind = "console"
    label = _("Console (development)")
    config_form = ConsoleConfigForm
    recipient_field = RecipientField.PHONE
    max_text_length = None

    _lock = threading.Lock()

    def __init__(self, config, context=None, *, stream=None):
        super().__init__(config, context)
        self.stream = stream

    def deliver(self, message: Message) -> SendResult:
        stream = self.stream or sys.stdout
        provider_id = message.idempotency_key or uuid.uuid4().hex
        prefix = self.config.get("prefix") or "taicho"
        lines = [f"[{prefix}] to {message.recipient} ({provider_id})", message.full_text]
        if message.spoken_script:
            lines.append(f"  spoken: {message.spoken_script}")
        if message.audio_url:
            lines.append(f"  audio: {message.audio_url}")
        # One message's lines stay together when several threads print.
        with self._lock:
            stream.write("\n".join(lines) + "\n")
            stream.flush()
        return SendResult(provider_id=provider_id)
