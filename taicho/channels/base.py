"""The contract every channel kind keeps, as Django's mail backends do.

A transport sends one `Message` to one recipient and knows nothing of alerts: the layers
above (fan-out, delivery rows, retries) decide what to send and what to do with the result.
`send()` returns a `SendResult` or raises `TransportError`, saying whether trying again may
help (`permanent`), when (`retry_after`), and whether the fault is the channel's own
configuration rather than this recipient's (`channel_fault`: a wrong token, no quota left),
in which case the caller may pause the channel instead of failing every recipient one by one.

Every text a transport logs or puts in an error goes through its `redact()`: no secret of its
configuration ever reaches a log line, a delivery row or a page.
"""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django import forms
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.channels.inbound import Inbound, InboundRejected, InboundRequest, Receipt
from taicho.channels.redaction import (
    RedactingLogger,
    hide_address,
    mask_address,
    redact_values,
    secret_values,
)

logger = logging.getLogger("taicho.channels")


class RecipientField(models.TextChoices):
    """Which of a person's (or a place's) contacts a kind sends to."""

    PHONE = "phone", gettext_lazy("phone number")
    EMAIL = "email", gettext_lazy("email address")
    TELEGRAM_CHAT = "telegram_chat", gettext_lazy("Telegram chat id")
    LOUDSPEAKER_CLUSTER = "loudspeaker_cluster", gettext_lazy("loudspeaker cluster")
    URL = "url", gettext_lazy("web address")


# Fields that reach one person: their messages carry a personal answer link. The others reach
# places or systems (a loudspeaker cluster, a web address), where a link means nothing.
PERSONAL_FIELDS = frozenset(
    {RecipientField.PHONE, RecipientField.EMAIL, RecipientField.TELEGRAM_CHAT}
)


@dataclass(frozen=True)
class Message:
    """One payload for one recipient: what the transports need, nothing about alerts.

    `recipient` is the address in the kind's `recipient_field` (phone, email, chat id,
    loudspeaker cluster, URL). `text` is the short form (SMS); `long_text` the full one where
    the channel has room (email, Telegram, webhook); `spoken_script` what a loudspeaker reads;
    `template_params` fill a provider's template (Zalo ZNS). The `idempotency_key` is unique per
    recipient × alert × channel: providers that take one (Zalo's tracking_id, webhooks) get it.
    """

    recipient: str
    text: str
    long_text: str = ""
    spoken_script: str = ""
    audio_url: str = ""
    template_params: Mapping[str, str] = field(default_factory=dict)
    idempotency_key: str = ""
    metadata: Mapping[str, str] = field(default_factory=dict)

    @property
    def full_text(self) -> str:
        return self.long_text or self.text


@dataclass(frozen=True)
class SendResult:
    """The provider's id for what it accepted (to match delivery reports), and a short note."""

    provider_id: str = ""
    detail: str = ""


class TransportError(Exception):
    """A send that did not go through.

    permanent: trying again will not help (a wrong number, the recipient blocked the bot).
    retry_after: seconds the provider asked us to wait before trying again (HTTP 429).
    channel_fault: the channel's own configuration or account is at fault, not the recipient.
    """

    def __init__(
        self,
        message: str,
        permanent: bool = False,
        retry_after: float | None = None,
        *,
        channel_fault: bool = False,
    ):
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.retry_after = retry_after
        self.channel_fault = channel_fault

    def __str__(self) -> str:
        return self.message

    def redacted(self, redact: Callable[[str], str]) -> "TransportError":
        return TransportError(
            redact(self.message),
            self.permanent,
            self.retry_after,
            channel_fault=self.channel_fault,
        )


class TransportContext:
    """What a transport may know of where it runs, beyond its configuration.

    `ward_code` fills topic templates; `change_config` stores values a transport learns while
    sending (a refreshed access token). This plain version keeps them in memory; the one built
    for a stored channel (taicho.channels.sending) saves them to the database under a row lock,
    so two workers never refresh the same single-use token at once.
    """

    def __init__(self, *, ward_code: int | None = None):
        self.ward_code = ward_code

    def change_config(
        self, config: dict, update: Callable[[dict], Mapping[str, Any] | None]
    ) -> dict:
        """Call `update(current config)`; merge what it returns into the configuration."""
        changes = update(dict(config))
        if changes:
            config.update(changes)
        return config


class Transport:
    """Base class of every channel kind. Subclasses set the class attributes and `deliver()`."""

    kind: ClassVar[str] = ""
    label: ClassVar[Any] = ""
    config_form: ClassVar[type[forms.Form]]
    recipient_field: ClassVar[str] = RecipientField.PHONE
    # The longest `text` the channel carries without cutting (None: no practical limit).
    max_text_length: ClassVar[int | None] = None
    supports_reply: ClassVar[bool] = False

    def __init__(self, config: Mapping[str, Any], context: TransportContext | None = None):
        self.config: dict[str, Any] = dict(config)
        self.context = context or TransportContext()
        self.log = RedactingLogger(logger, self.redact)
        # Secrets replaced while sending (a renewed token) stay masked: remember every one.
        self._secrets = set(secret_values(self.config))

    def redact(self, text: str) -> str:
        self._secrets.update(secret_values(self.config))
        return redact_values(str(text), self._secrets)

    def send(self, message: Message) -> SendResult:
        """Send one message; raise TransportError (with every secret masked) on failure."""
        try:
            result = self.deliver(message)
        except TransportError as exc:
            error = exc.redacted(self.redact)
            self.log.warning(
                "%s: sending to %s failed (%s): %s",
                self.kind,
                mask_address(message.recipient),
                "permanent" if error.permanent else "temporary",
                hide_address(error.message, message.recipient),
            )
            raise error from None
        except (OSError, ValueError) as exc:
            # Anything the kind did not foresee (a socket error, a malformed answer) is
            # temporary: the retry layer tries again later, and the text names no secret.
            error = TransportError(self.redact(_("Unexpected failure: %(error)s") % {"error": exc}))
            self.log.warning(
                "%s: sending to %s failed: %s",
                self.kind,
                mask_address(message.recipient),
                hide_address(error.message, message.recipient),
            )
            raise error from None
        self.log.info(
            "%s: sent to %s (%s)", self.kind, mask_address(message.recipient), result.provider_id
        )
        return SendResult(self.redact(result.provider_id), self.redact(result.detail))

    def deliver(self, message: Message) -> SendResult:
        raise NotImplementedError

    def read_inbound(self, request: "InboundRequest") -> list["Inbound | Receipt"]:
        """The replies a provider's webhook request carries (kinds with `supports_reply`).

        Raises InboundRejected when the request is not from the provider or not readable.
        """
        raise InboundRejected(_("This kind of channel does not take replies."), status=404)

    def close(self) -> None:
        """Release connections kept between sends (none by default)."""
