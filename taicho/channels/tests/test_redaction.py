"""Secrets never appear in a log line or an error, even when a provider echoes them back."""

import logging

import pytest

from taicho.channels.base import Message, TransportError
from taicho.channels.redaction import MASK, mask_address, mask_config, redact_text
from taicho.channels.sms_http.transport import SmsHttpTransport
from taicho.channels.testing import Reply

API_KEY = "sk-live-1234567890abcdef"
AUTH = "Bearer eyJhbGciOi.secret+value/with=chars"


def test_it_masks_every_setting_named_like_a_secret():
    masked = mask_config(
        {
            "url": "https://x",
            "api_key": "k" * 8,
            "bot_token": "t" * 8,
            "password": "",
            "app_id": "1",
        }
    )
    assert masked == {
        "url": "https://x",
        "api_key": MASK,
        "bot_token": MASK,
        "password": "",
        "app_id": "1",
    }


def test_it_masks_secrets_also_when_url_encoded():
    text = f"GET /send?key=sk%2Blive%2F1&auth={AUTH}"
    assert redact_text(text, {"api_key": "sk+live/1", "auth_value": AUTH}) == (
        f"GET /send?key={MASK}&auth={MASK}"
    )


def test_it_masks_phone_numbers_and_email_addresses_in_log_lines():
    assert mask_address("0912 345 678") == "0912•••678"
    assert mask_address("lan@bachdang.gov.vn") == "l•••@bachdang.gov.vn"
    assert mask_address("to1") == "to1"


def echoing_gateway(request):
    # A careless gateway that repeats the request, credentials included, in its error.
    return Reply(
        500, {"error": f"bad request {request.body.decode()} {request.header('Authorization')}"}
    )


def test_it_keeps_secrets_out_of_a_failed_sends_log_and_error(fake_api, caplog):
    api = fake_api(echoing_gateway)
    form = SmsHttpTransport.config_form(
        data={
            "url": f"{api.url}/send?api_key={API_KEY}",
            "body_template": '{"key": "{api_key}", "to": "{phone}", "msg": "{text}"}',
            "api_key": API_KEY,
            "header_name": "Authorization",
            "auth_value": AUTH,
            "timeout": 0.3,
        }
    )
    assert form.is_valid(), form.errors
    transport = SmsHttpTransport(form.to_config())
    with caplog.at_level(logging.DEBUG), pytest.raises(TransportError) as caught:
        transport.send(Message(recipient="0912345678", text="Kiểm tra"))
    error = str(caught.value)
    assert "HTTP 500" in error
    assert MASK in error
    for secret in (API_KEY, AUTH):
        assert secret not in error
        assert secret not in caplog.text
    assert "0912345678" not in caplog.text
