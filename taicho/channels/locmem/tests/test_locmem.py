"""The in-memory channel keeps messages for tests, and fails the recipients it is told to."""

import pytest

from taicho.channels.base import Message, TransportError
from taicho.channels.locmem import transport as locmem
from taicho.channels.locmem.transport import LocmemTransport


def configured(**data):
    form = LocmemTransport.config_form(data=data)
    assert form.is_valid(), form.errors
    return LocmemTransport(form.to_config())


def test_it_keeps_each_message_in_the_outbox():
    transport = configured()
    first = transport.send(Message(recipient="0912345678", text="Một"))
    transport.send(Message(recipient="0987654321", text="Hai"))
    assert [sent.message.text for sent in locmem.outbox] == ["Một", "Hai"]
    assert locmem.outbox[0].provider_id == first.provider_id
    assert [message.text for message in locmem.sent_to("0987654321")] == ["Hai"]


def test_it_empties_the_outbox_between_tests():
    locmem.reset_outbox()
    assert locmem.outbox == []


def test_it_fails_the_recipients_it_is_told_to():
    transport = configured(fail_permanently="0900000001", fail_temporarily="0900000002; 0900000003")
    with pytest.raises(TransportError) as caught:
        transport.send(Message(recipient="0900000001", text="x"))
    assert caught.value.permanent
    with pytest.raises(TransportError) as caught:
        transport.send(Message(recipient="0900000003", text="x"))
    assert not caught.value.permanent
    assert locmem.outbox == []
