"""Telegram, against a local server imitating the Bot API's sendMessage."""

import logging

import pytest

from taicho.channels.base import Message, TransportError
from taicho.channels.telegram.transport import TelegramTransport
from taicho.channels.testing import Reply

TOKEN = "7012345678:AAHk-secret-bot-token-xyz"


def bot_api(request):
    if request.path != f"/bot{TOKEN}/sendMessage":
        return Reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    chat_id = request.json()["chat_id"]
    if chat_id == "111":
        return Reply(
            403,
            {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            },
        )
    if chat_id == "222":
        return Reply(
            429,
            {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 12",
                "parameters": {"retry_after": 12},
            },
        )
    if chat_id == "333":
        return Reply(
            400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
        )
    if chat_id == "500":
        return Reply(502, "<html>Bad Gateway</html>")
    if chat_id == "999":
        return Reply(200, {"ok": True, "result": {}}, delay=1.0)
    return Reply(200, {"ok": True, "result": {"message_id": 4242, "chat": {"id": int(chat_id)}}})


def transport(url, token=TOKEN):
    form = TelegramTransport.config_form(
        data={"bot_token": token, "api_url": url, "timeout": 0.3, "disable_preview": True}
    )
    assert form.is_valid(), form.errors
    return TelegramTransport(form.to_config())


def send(url, chat_id, **kwargs):
    message = Message(
        recipient=chat_id,
        text="Bão số 3",
        long_text="Bão số 3 đổ bộ đêm nay. Sơ tán trước 17 giờ.",
        idempotency_key="k",
    )
    return transport(url, **kwargs).send(message)


def test_it_sends_the_long_text_to_the_chat(fake_api):
    api = fake_api(bot_api)
    result = send(api.url, "-1001234567890")
    body = api.requests[0].json()
    assert body["chat_id"] == "-1001234567890"
    assert body["text"] == "Bão số 3 đổ bộ đêm nay. Sơ tán trước 17 giờ."
    assert body["link_preview_options"] == {"is_disabled": True}
    assert result.provider_id == "4242"


def test_it_waits_as_long_as_telegram_says(fake_api):
    api = fake_api(bot_api)
    with pytest.raises(TransportError) as caught:
        send(api.url, "222")
    assert not caught.value.permanent
    assert caught.value.retry_after == 12


@pytest.mark.parametrize("chat_id", ["111", "333"])
def test_it_stops_for_a_chat_that_blocked_the_bot_or_does_not_exist(fake_api, chat_id):
    api = fake_api(bot_api)
    with pytest.raises(TransportError) as caught:
        send(api.url, chat_id)
    assert caught.value.permanent
    assert not caught.value.channel_fault


def test_it_blames_the_channel_for_a_wrong_token_and_never_shows_it(fake_api, caplog):
    api = fake_api(bot_api)
    wrong = "7012345678:AAHk-wrong-bot-token-abc"
    with caplog.at_level(logging.DEBUG), pytest.raises(TransportError) as caught:
        send(api.url, "42", token=wrong)
    assert caught.value.permanent
    assert caught.value.channel_fault
    assert wrong not in str(caught.value)
    assert wrong not in caplog.text


@pytest.mark.parametrize("chat_id", ["500", "999"])
def test_it_tries_again_later_when_telegram_is_down_or_slow(fake_api, chat_id):
    api = fake_api(bot_api)
    with pytest.raises(TransportError) as caught:
        send(api.url, chat_id)
    assert not caught.value.permanent


def test_it_refuses_what_is_not_a_chat_id(fake_api):
    api = fake_api(bot_api)
    with pytest.raises(TransportError) as caught:
        send(api.url, "nguyen van a")
    assert caught.value.permanent
    assert api.requests == []


def test_it_rejects_a_malformed_token_and_a_bad_address():
    form = TelegramTransport.config_form(
        data={"bot_token": "abc", "api_url": "ftp://api.telegram.org"}
    )
    assert not form.is_valid()
    assert set(form.errors) == {"bot_token", "api_url"}
