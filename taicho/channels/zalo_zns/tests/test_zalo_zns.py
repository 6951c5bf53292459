"""Zalo ZNS, against a local server imitating Zalo's documented ZNS and OA token APIs."""

import logging
import threading

import pytest

from taicho.channels import sending, services
from taicho.channels.base import Message, TransportError
from taicho.channels.models import ChannelConfig
from taicho.channels.testing import Reply
from taicho.channels.zalo_zns import errors
from taicho.channels.zalo_zns.transport import ZaloZnsTransport, seconds_until_morning
from taicho.core.models import AuditEntry

APP_ID = "4321987650123456789"
APP_SECRET = "app-secret-QWERTY12345"


class Zalo:
    """Zalo's side: one valid access token, and single-use refresh tokens."""

    def __init__(self, *, access_token="access-OLD-111111", refresh_token="refresh-OLD-222222"):
        self.access_token, self.refresh_token = access_token, refresh_token
        self.renewals = 0
        self.lock = threading.Lock()

    def __call__(self, request):
        if request.path == "/v4/oa/access_token":
            return self.renew(request)
        if request.header("access_token") != self.access_token:
            return Reply(200, {"error": -124, "message": "Access token invalid"})
        body = request.json()
        special = {
            "84999999999": (-108, "Phone number invalid"),
            "84988888888": (-115, "Out of quota"),
            "84977777777": (-133, "Template can not be sent at night"),
        }
        if body["phone"] in special:
            code, text = special[body["phone"]]
            return Reply(200, {"error": code, "message": text})
        return Reply(
            200,
            {
                "error": 0,
                "message": "Success",
                "data": {
                    "msg_id": f"msg-{body['tracking_id']}",
                    "sent_time": "1732862400000",
                    "quota": {"dailyQuota": "500", "remainingQuota": "499"},
                },
            },
        )

    def renew(self, request):
        form = request.form()
        valid = (
            request.header("secret_key") == APP_SECRET
            and form.get("app_id") == APP_ID
            and form.get("grant_type") == "refresh_token"
            and form.get("refresh_token") == self.refresh_token
        )
        if not valid:
            return Reply(
                200,
                {
                    "error": -14014,
                    "error_name": "Invalid refresh token",
                    "error_description": "Refresh token is invalid or expired",
                },
            )
        with self.lock:
            self.renewals += 1
            self.access_token = f"access-NEW-{self.renewals}-333333"
            self.refresh_token = f"refresh-NEW-{self.renewals}-444444"
        return Reply(
            200,
            {
                "access_token": self.access_token,
                "refresh_token": self.refresh_token,
                "expires_in": "90000",
            },
        )


def settings_for(url, **overrides):
    form = ZaloZnsTransport.config_form(
        data={
            "template_id": "231469",
            "text_param": "noi_dung",
            "access_token": "access-OLD-111111",
            "refresh_token": "refresh-OLD-222222",
            "app_id": APP_ID,
            "app_secret": APP_SECRET,
            "api_url": f"{url}/message/template",
            "refresh_url": f"{url}/v4/oa/access_token",
            "timeout": 0.3,
            **overrides,
        }
    )
    assert form.is_valid(), form.errors
    return form.to_config()


MESSAGE = Message(
    recipient="0912345678",
    text="Bão số 3: sơ tán trước 17 giờ",
    template_params={"ten_phuong": "Bạch Đằng", "cap_do": "4"},
    idempotency_key="alert-9-res-12-zalo",
)


def test_it_sends_a_template_message_to_the_phone_in_84_form(fake_api):
    zalo = Zalo()
    api = fake_api(zalo)
    result = ZaloZnsTransport(settings_for(api.url)).send(MESSAGE)
    request = api.requests[0]
    assert request.path == "/message/template"
    assert request.header("access_token") == "access-OLD-111111"
    assert request.json() == {
        "phone": "84912345678",
        "template_id": "231469",
        "template_data": {
            "ten_phuong": "Bạch Đằng",
            "cap_do": "4",
            "noi_dung": "Bão số 3: sơ tán trước 17 giờ",
        },
        "tracking_id": "alert-9-res-12-zalo",
    }
    assert result.provider_id == "msg-alert-9-res-12-zalo"
    assert "499" in result.detail


def test_it_renews_an_expired_token_and_tries_once_more(fake_api):
    zalo = Zalo(access_token="access-CURRENT-555555")
    api = fake_api(zalo)
    transport = ZaloZnsTransport(settings_for(api.url))
    result = transport.send(MESSAGE)
    assert result.provider_id == "msg-alert-9-res-12-zalo"
    assert [request.path for request in api.requests] == [
        "/message/template",
        "/v4/oa/access_token",
        "/message/template",
    ]
    assert transport.config["access_token"] == "access-NEW-1-333333"
    assert transport.config["refresh_token"] == "refresh-NEW-1-444444"


@pytest.fixture
def zalo_channel(lan, ward_a):
    def create(url):
        return services.channel_config_create(
            actor=lan, ward=ward_a, kind="zalo_zns", name="Zalo OA phường", config=settings_for(url)
        )

    return create


def test_it_stores_the_renewed_tokens_without_logging_them(fake_api, zalo_channel, caplog):
    zalo = Zalo(access_token="access-CURRENT-555555")
    api = fake_api(zalo)
    channel = zalo_channel(api.url)
    with caplog.at_level(logging.DEBUG):
        sending.send(channel=channel, message=MESSAGE)
    channel.refresh_from_db()
    assert channel.config["access_token"] == "access-NEW-1-333333"
    assert channel.config["refresh_token"] == "refresh-NEW-1-444444"
    entry = AuditEntry.objects.filter(object_id=str(channel.pk), actor=None).get()
    assert entry.changes["config.access_token"] == ["•••", "••• (new)"]
    for secret in ("access-NEW-1-333333", "refresh-NEW-1-444444", "refresh-OLD-222222"):
        assert secret not in str(entry.changes)
        assert secret not in caplog.text


def test_it_uses_the_token_another_worker_renewed_meanwhile(fake_api, zalo_channel):
    zalo = Zalo(access_token="access-CURRENT-555555")
    api = fake_api(zalo)
    channel = zalo_channel(api.url)
    stale = ChannelConfig.objects.get(pk=channel.pk)  # loaded before the other worker renewed
    services.channel_config_store(
        channel_id=channel.pk, update=lambda current: {"access_token": "access-CURRENT-555555"}
    )
    sending.send(channel=stale, message=MESSAGE)
    assert zalo.renewals == 0
    assert "/v4/oa/access_token" not in [request.path for request in api.requests]


def test_it_says_the_channel_needs_an_officer_when_renewal_fails(fake_api):
    zalo = Zalo(access_token="access-CURRENT-555555", refresh_token="someone-else-used-it")
    api = fake_api(zalo)
    with pytest.raises(TransportError) as caught:
        ZaloZnsTransport(settings_for(api.url)).send(MESSAGE)
    assert caught.value.channel_fault
    assert not caught.value.permanent
    assert "Refresh token is invalid" in str(caught.value)
    assert APP_SECRET not in str(caught.value)


@pytest.mark.parametrize(
    ("phone", "permanent", "channel_fault"),
    [("0999999999", True, False), ("0988888888", False, True)],
)
def test_it_reads_zalo_error_codes_from_the_table(fake_api, phone, permanent, channel_fault):
    api = fake_api(Zalo())
    message = Message(recipient=phone, text="Kiểm tra", idempotency_key="k")
    with pytest.raises(TransportError) as caught:
        ZaloZnsTransport(settings_for(api.url)).send(message)
    assert caught.value.permanent is permanent
    assert caught.value.channel_fault is channel_fault


def test_it_waits_for_the_morning_when_zalo_refuses_at_night(fake_api):
    api = fake_api(Zalo())
    message = Message(recipient="0977777777", text="Kiểm tra", idempotency_key="k")
    with pytest.raises(TransportError) as caught:
        ZaloZnsTransport(settings_for(api.url)).send(message)
    assert not caught.value.permanent
    assert 0 < caught.value.retry_after <= 24 * 3600


def test_it_counts_the_seconds_until_six_in_the_morning_in_vietnam():
    import datetime as dt

    late = dt.datetime(2025, 7, 1, 16, 0, tzinfo=dt.UTC)  # 23:00 in Hà Nội
    assert seconds_until_morning(late) == 7 * 3600


@pytest.mark.parametrize(
    ("reply", "permanent", "retry_after"),
    [
        (Reply(500, {"error": "down"}), False, None),
        (Reply(429, {"error": "slow"}, {"Retry-After": "30"}), False, 30),
        (Reply(400, {"error": "bad"}), True, None),
        (Reply(200, {"error": 0}, delay=1.0), False, None),
    ],
)
def test_it_maps_http_failures_and_timeouts(fake_api, reply, permanent, retry_after):
    api = fake_api(lambda request: reply)
    with pytest.raises(TransportError) as caught:
        ZaloZnsTransport(settings_for(api.url)).send(MESSAGE)
    assert caught.value.permanent is permanent
    assert caught.value.retry_after == retry_after


def test_it_keeps_one_outcome_per_documented_code():
    assert errors.ZNS_ERRORS[errors.ACCESS_TOKEN_INVALID][1] == errors.Outcome.TOKEN
    assert all(code < 0 for code in errors.ZNS_ERRORS)
    assert set(errors.OUTCOME_FLAGS) == set(errors.Outcome)
    assert errors.describe(-999)[1] == errors.Outcome.LATER


def test_it_needs_the_app_to_renew_tokens():
    form = ZaloZnsTransport.config_form(
        data={"template_id": "1", "access_token": "a" * 20, "refresh_token": "r" * 20}
    )
    assert not form.is_valid()
    assert set(form.errors) == {"app_id", "app_secret"}


def test_it_rejects_a_send_address_that_is_not_http():
    form = ZaloZnsTransport.config_form(
        data={"template_id": "1", "access_token": "a" * 20, "api_url": "file:///etc/passwd"}
    )
    assert not form.is_valid()
    assert "api_url" in form.errors


def test_it_puts_the_personal_answer_link_in_its_own_template_parameter(fake_api):
    api = fake_api(Zalo())
    link = "https://taicho.example.vn/t/1uwkuaevsx/"
    message = Message(
        recipient="0912345678",
        text=f"Bão số 3: sơ tán trước 17 giờ\n{link}",
        idempotency_key="alert-9-res-13-zalo",
        metadata={"link": link},
    )
    ZaloZnsTransport(settings_for(api.url, link_param="tra_loi")).send(message)
    assert api.requests[0].json()["template_data"] == {
        "noi_dung": "Bão số 3: sơ tán trước 17 giờ",
        "tra_loi": link,
    }
