"""Webhooks, against a local server that checks the signature as a receiving system would."""

import time

import pytest

from taicho.channels.base import Message, TransportError
from taicho.channels.testing import Reply
from taicho.channels.webhook import signing
from taicho.channels.webhook.transport import WebhookTransport

SECRET = "whsec-0123456789abcdef"


def receiver(request):
    ok = signing.verify(
        SECRET,
        timestamp=request.header(signing.TIMESTAMP_HEADER),
        body=request.body,
        signature_header=request.header(signing.SIGNATURE_HEADER),
    )
    if not ok:
        return Reply(401, {"error": "bad signature"})
    statuses = {"/gone": 410, "/down": 503, "/busy": 429}
    if request.path in statuses:
        return Reply(statuses[request.path], {"error": "no"}, {"Retry-After": "5"})
    if request.path == "/slow":
        return Reply(200, {}, delay=1.0)
    return Reply(202, {"id": "evt-77"})


def send(url, secret=SECRET):
    transport = WebhookTransport({"secret": secret, "timeout": 0.3})
    message = Message(
        recipient=url,
        text="Bão số 3",
        long_text="Bão số 3 đổ bộ đêm nay.",
        spoken_script="Thông báo khẩn",
        audio_url="/media/loa/abc.wav",
        template_params={"level": "4"},
        idempotency_key="alert-9-city-webhook",
    )
    return transport.send(message)


def test_it_posts_signed_json_the_receiver_can_check(fake_api):
    api = fake_api(receiver)
    result = send(f"{api.url}/hooks/taicho")
    request = api.requests[0]
    assert request.json() == {
        "id": "alert-9-city-webhook",
        "text": "Bão số 3",
        "long_text": "Bão số 3 đổ bộ đêm nay.",
        "spoken_script": "Thông báo khẩn",
        "audio_url": "/media/loa/abc.wav",
        "params": {"level": "4"},
        "metadata": {},
    }
    assert request.header(signing.SIGNATURE_HEADER).startswith("sha256=")
    assert request.header("Idempotency-Key") == "alert-9-city-webhook"
    assert result.provider_id == "evt-77"


def test_it_signs_the_timestamp_with_the_body_so_a_replay_fails():
    body = b'{"id": "x"}'
    old = str(int(time.time()) - 3600)
    header = signing.signature(SECRET, old, body)
    assert not signing.verify(SECRET, timestamp=old, body=body, signature_header=header)
    now = str(int(time.time()))
    # The old signature does not fit a fresh timestamp, nor a changed body.
    assert not signing.verify(SECRET, timestamp=now, body=body, signature_header=header)
    fresh = signing.signature(SECRET, now, body)
    assert signing.verify(SECRET, timestamp=now, body=body, signature_header=fresh)
    assert not signing.verify(SECRET, timestamp=now, body=b'{"id": "y"}', signature_header=fresh)


@pytest.mark.parametrize(
    ("path", "permanent", "retry_after"),
    [("/gone", True, None), ("/down", False, None), ("/busy", False, 5), ("/slow", False, None)],
)
def test_it_maps_the_receivers_answers(fake_api, path, permanent, retry_after):
    api = fake_api(receiver)
    with pytest.raises(TransportError) as caught:
        send(f"{api.url}{path}")
    assert caught.value.permanent is permanent
    assert caught.value.retry_after == retry_after


def test_it_blames_the_channel_when_the_receiver_rejects_the_signature(fake_api):
    api = fake_api(receiver)
    with pytest.raises(TransportError) as caught:
        send(f"{api.url}/hooks", secret="whsec-not-the-right-one")
    assert caught.value.permanent
    assert caught.value.channel_fault
    assert "whsec-not-the-right-one" not in str(caught.value)


def test_it_refuses_a_recipient_that_is_not_a_web_address():
    with pytest.raises(TransportError) as caught:
        send("javascript:alert(1)")
    assert caught.value.permanent


def test_it_wants_a_long_enough_secret():
    form = WebhookTransport.config_form(data={"secret": "short"})
    assert not form.is_valid()
    assert "secret" in form.errors
    assert form.fields["secret"].widget.input_type == "password"
