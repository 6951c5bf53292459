"""Send one message on one stored channel: the entry point for the workers above.

It checks the channel is active, waits for the channel's rate limit, and gives the transport
a context that saves what it learns (refreshed tokens) to the channel's row. What to do with
the outcome (delivery rows, retries, pausing a channel at fault) is the caller's.
"""

import time
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from taicho.channels import registry, services
from taicho.channels.base import Message, SendResult, Transport, TransportContext, TransportError
from taicho.channels.models import ChannelConfig
from taicho.channels.throttle import SlotBook, throttle


class StoredChannelContext(TransportContext):
    """The context of a ChannelConfig row: configuration changes are saved under a row lock."""

    def __init__(self, channel: ChannelConfig):
        super().__init__(ward_code=channel.ward.code)
        self.channel_id = channel.pk

    def change_config(
        self, config: dict, update: Callable[[dict], Mapping[str, Any] | None]
    ) -> dict:
        stored = services.channel_config_store(channel_id=self.channel_id, update=update)
        config.clear()
        config.update(stored)
        return config


def transport_for(channel: ChannelConfig) -> Transport:
    try:
        transport_class = registry.kind_class(channel.kind)
    except KeyError:
        raise TransportError(
            _("The channel kind “%(kind)s” is not offered by this installation.")
            % {"kind": channel.kind},
            permanent=False,
            channel_fault=True,
        ) from None
    return transport_class(channel.config, StoredChannelContext(channel))


def send(
    *,
    channel: ChannelConfig,
    message: Message,
    sleep: Callable[[float], None] = time.sleep,
    slots: SlotBook | None = None,
) -> SendResult:
    """Send `message` on `channel` within its rate; TransportError when it did not go.

    `slots`: the worker's reserved slots for its batch (one reservation per block)."""
    if not channel.active:
        raise TransportError(
            _("The channel “%(name)s” is paused: %(reason)s")
            % {"name": channel.name, "reason": channel.paused_reason},
            permanent=False,
            channel_fault=True,
        )
    transport = transport_for(channel)
    if slots is not None:
        slots.wait(channel.pk, channel.rate_per_second)
    else:
        throttle(channel.pk, channel.rate_per_second, sleep=sleep)
    try:
        return transport.send(message)
    finally:
        transport.close()
