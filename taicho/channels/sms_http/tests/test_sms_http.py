"""SMS through an HTTP gateway, against a local server imitating a brandname gateway's API.

The imitation answers as Vietnamese brandname gateways document theirs: a JSON body with a
result code ("100" accepted) and the message id; 4xx for a bad request, 5xx when it is down,
429 with Retry-After when we send too fast.
"""

import pytest

from taicho.channels.base import Message, TransportError
from taicho.channels.forms import ChannelConfigForm
from taicho.channels.sms_http.transport import SmsHttpTransport, json_path
from taicho.channels.testing import Reply

API_KEY = "sk-brandname-9f8e7d6c5b4a"
TEMPLATE = (
    '{"ApiKey": "{api_key}", "Phone": "{phone}", "Content": "{text}", '
    '"Brandname": "{sender}", "IsUnicode": {unicode}, "RequestId": "{id}"}'
)


def gateway(request):
    body = request.json()
    if body["Phone"] == "0999999999":
        return Reply(200, {"CodeResult": "99", "ErrorMessage": "Phone blocked"})
    if body["Phone"] == "0988888888":
        return Reply(200, {"CodeResult": "103", "ErrorMessage": "Balance not enough"})
    return Reply(200, {"CodeResult": "100", "SMSID": f"sms-{len(body['Content'])}"})


def config(base_url, **overrides):
    form = SmsHttpTransport.config_form(
        data={
            "url": f"{base_url}/api/send-sms",
            "method": "POST",
            "content_type": "json",
            "body_template": TEMPLATE,
            "api_key": API_KEY,
            "sender": "PHUONGBD",
            "phone_format": "national",
            "success_json_path": "CodeResult",
            "success_json_value": "100",
            "permanent_json_values": "99, 108",
            "provider_id_path": "SMSID",
            "timeout": 0.3,
            **overrides,
        }
    )
    assert form.is_valid(), form.errors
    return form.to_config()


def send(base_url, text='Cảnh báo: "bão" số 3\nsơ tán ngay', phone="0912 345 678", **overrides):
    transport = SmsHttpTransport(config(base_url, **overrides))
    return transport.send(Message(recipient=phone, text=text, idempotency_key="a1-r7-sms"))


def test_it_sends_vietnamese_text_with_diacritics_as_unicode(fake_api):
    api = fake_api(gateway)
    result = send(api.url)
    body = api.requests[0].json()
    # Quotes and the line break arrive intact: the template was filled JSON-escaped.
    assert body["Content"] == 'Cảnh báo: "bão" số 3\nsơ tán ngay'
    assert body["Phone"] == "0912345678"
    assert body["IsUnicode"] == 1
    assert body["RequestId"] == "a1-r7-sms"
    assert body["ApiKey"] == API_KEY
    assert result.provider_id == f"sms-{len(body['Content'])}"
    assert "UCS-2" in result.detail


def test_it_sends_the_unaccented_form_to_a_gsm7_gateway(fake_api):
    api = fake_api(gateway)
    send(api.url, text="Đê Bạch Đằng: nước lên, SƠ TÁN", unaccented=True)
    body = api.requests[0].json()
    assert body["Content"] == "De Bach Dang: nuoc len, SO TAN"
    assert body["IsUnicode"] == 0


def test_it_sends_each_part_when_the_gateway_does_not_join_them(fake_api):
    api = fake_api(lambda request: Reply(200, {"CodeResult": "100", "SMSID": request.form()["p"]}))
    long_text = "Cảnh báo lũ khẩn cấp trên sông Cấm, " * 5
    result = send(
        api.url,
        text=long_text,
        content_type="form",
        body_template="to={phone}&msg={text}&p={part}/{parts}&ref={id}",
        send_parts="each",
        phone_format="international",
    )
    forms = [request.form() for request in api.requests]
    assert len(forms) == 3
    assert all(form["to"] == "84912345678" for form in forms)
    assert "".join(form["msg"] for form in forms) == long_text.strip()
    assert all(len(form["msg"]) <= 67 for form in forms)
    assert [form["ref"] for form in forms] == ["a1-r7-sms-1", "a1-r7-sms-2", "a1-r7-sms-3"]
    assert result.provider_id == "1/3,2/3,3/3"


def test_it_sends_form_fields_in_the_query_of_a_get(fake_api):
    api = fake_api(lambda request: Reply(200, {"CodeResult": "100", "SMSID": "g1"}))
    send(
        api.url,
        url=f"{api.url}/send?src=x",
        method="GET",
        content_type="form",
        body_template="to={phone}&msg={text}",
        phone_format="plus",
    )
    request = api.requests[0]
    assert request.method == "GET"
    assert request.query["to"] == ["+84912345678"]
    assert request.query["msg"] == ['Cảnh báo: "bão" số 3\nsơ tán ngay']
    assert request.query["src"] == ["x"]


def test_it_puts_the_key_in_the_authentication_header(fake_api):
    api = fake_api(lambda request: Reply(200, {"CodeResult": "100"}))
    send(api.url, header_name="Authorization", auth_value="Bearer tok-123456")
    assert api.requests[0].header("Authorization") == "Bearer tok-123456"


def test_it_fails_for_good_when_the_gateway_says_the_number_is_blocked(fake_api):
    api = fake_api(gateway)
    with pytest.raises(TransportError) as caught:
        send(api.url, phone="0999999999")
    assert caught.value.permanent
    assert "CodeResult = 99" in str(caught.value)


def test_it_tries_again_later_on_an_unknown_refusal(fake_api):
    api = fake_api(gateway)
    with pytest.raises(TransportError) as caught:
        send(api.url, phone="0988888888")
    assert not caught.value.permanent


@pytest.mark.parametrize(
    ("status", "permanent"), [(400, True), (404, True), (500, False), (503, False)]
)
def test_it_fails_for_good_on_4xx_and_for_now_on_5xx(fake_api, status, permanent):
    api = fake_api(lambda request: Reply(status, {"error": "nope"}))
    with pytest.raises(TransportError) as caught:
        send(api.url)
    assert caught.value.permanent is permanent
    assert str(status) in str(caught.value)


def test_it_waits_as_told_when_sending_too_fast(fake_api):
    api = fake_api(lambda request: Reply(429, {"error": "slow down"}, {"Retry-After": "7"}))
    with pytest.raises(TransportError) as caught:
        send(api.url)
    assert not caught.value.permanent
    assert caught.value.retry_after == 7


def test_it_tries_again_later_when_the_gateway_is_slow(fake_api):
    api = fake_api(lambda request: Reply(200, {"CodeResult": "100"}, delay=1.0))
    with pytest.raises(TransportError) as caught:
        send(api.url, timeout=0.3)
    assert not caught.value.permanent
    assert "0.3" in str(caught.value)


def test_it_tries_again_later_when_nothing_listens(closed_port):
    with pytest.raises(TransportError) as caught:
        send(f"http://127.0.0.1:{closed_port}")
    assert not caught.value.permanent


def test_it_refuses_a_number_that_is_not_vietnamese_without_calling(fake_api):
    api = fake_api(gateway)
    with pytest.raises(TransportError) as caught:
        send(api.url, phone="12345")
    assert caught.value.permanent
    assert api.requests == []


def test_it_reads_a_value_at_a_dotted_path():
    assert json_path({"result": {"items": [{"id": 7}]}}, "result.items.0.id") == 7
    assert json_path({"result": {}}, "result.code") is None


@pytest.mark.parametrize(
    ("field", "value"),
    [("url", "ftp://gateway.example/send"), ("url", "javascript:alert(1)"), ("url", "gateway")],
)
def test_it_rejects_a_gateway_address_that_is_not_http(field, value):
    form = SmsHttpTransport.config_form(
        data={"url": value, "body_template": '{"to": "{phone}", "msg": "{text}"}'}
    )
    assert not form.is_valid()
    assert field in form.errors


def test_it_rejects_a_json_template_that_a_text_could_break():
    form = SmsHttpTransport.config_form(
        data={
            "url": "https://sms.example.vn/send",
            "body_template": '{"to": "{phone}", "msg": {text}}',
        }
    )
    assert not form.is_valid()
    assert "body_template" in form.errors


def test_it_needs_the_phone_and_text_placeholders():
    form = SmsHttpTransport.config_form(
        data={"url": "https://sms.example.vn/send", "body_template": '{"msg": "{text}"}'}
    )
    assert not form.is_valid()
    assert "{phone}" in form.errors["body_template"][0]


def test_it_shows_secrets_as_password_boxes():
    form = SmsHttpTransport.config_form()
    assert isinstance(form, ChannelConfigForm)
    assert form.fields["api_key"].widget.input_type == "password"
    assert form.fields["auth_value"].widget.input_type == "password"
