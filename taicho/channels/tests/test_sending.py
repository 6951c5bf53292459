"""Sending on a stored channel: only when active, within its rate."""

import pytest

from taicho.channels import sending, services
from taicho.channels.base import Message, TransportError
from taicho.channels.locmem import transport as locmem


@pytest.fixture
def channel(lan, ward_a):
    return services.channel_config_create(
        actor=lan, ward=ward_a, kind="locmem", name="Thử nghiệm", config={}, rate_per_second=50
    )


def test_it_sends_on_an_active_channel(channel):
    result = sending.send(channel=channel, message=Message(recipient="0912345678", text="Thử"))
    assert locmem.outbox[0].message.text == "Thử"
    assert result.provider_id == locmem.outbox[0].provider_id


def test_it_sends_nothing_on_a_paused_channel(lan, channel):
    channel = services.channel_config_pause(actor=lan, channel=channel, reason="Bảo trì")
    with pytest.raises(TransportError) as caught:
        sending.send(channel=channel, message=Message(recipient="0912345678", text="Thử"))
    assert caught.value.channel_fault
    assert not caught.value.permanent
    assert "Bảo trì" in str(caught.value)
    assert locmem.outbox == []


def test_it_waits_for_the_channels_rate(channel):
    waits = []
    for _ in range(3):
        sending.send(
            channel=channel, message=Message(recipient="0912345678", text="x"), sleep=waits.append
        )
    # The first goes at once; the next ones wait for their slots, 1/50 s apart (the fake
    # sleep lets no time pass, so each waits one interval longer than the one before).
    assert len(waits) == 2
    assert waits[1] > waits[0] > 0


def test_it_tells_the_worker_when_a_kind_was_removed(channel, settings):
    settings.TAICHO_CHANNEL_KINDS = ["taicho.channels.console.transport.ConsoleTransport"]
    with pytest.raises(TransportError) as caught:
        sending.send(channel=channel, message=Message(recipient="0912345678", text="x"))
    assert caught.value.channel_fault
