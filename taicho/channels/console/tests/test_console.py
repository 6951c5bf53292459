"""The console channel prints each message for a developer."""

import io

from taicho.channels.base import Message
from taicho.channels.console.transport import ConsoleTransport


def test_it_prints_the_recipient_and_the_full_text():
    stream = io.StringIO()
    transport = ConsoleTransport({"prefix": "dev"}, stream=stream)
    result = transport.send(
        Message(
            recipient="0912345678",
            text="Bão số 3",
            long_text="Bão số 3 đổ bộ đêm nay.",
            spoken_script="Thông báo khẩn",
            idempotency_key="a-1",
        )
    )
    printed = stream.getvalue()
    assert "[dev] to 0912345678 (a-1)" in printed
    assert "Bão số 3 đổ bộ đêm nay." in printed
    assert "spoken: Thông báo khẩn" in printed
    assert result.provider_id == "a-1"


def test_it_needs_no_settings():
    form = ConsoleTransport.config_form(data={})
    assert form.is_valid()
