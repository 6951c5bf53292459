"""Replies: what a text means, personal links, and each provider's webhook mapped to answers.

Lan (officer, ward A) issued the alert; its messages went out on the locmem channel `sms`.
"""

import hashlib
import json
import time

import pytest

from taicho.dispatch import links, worker
from taicho.dispatch.answer_models import Answer, AnswerKind
from taicho.dispatch.keywords import read_reply
from taicho.dispatch.models import Message
from taicho.dispatch.services import dispatch_alert
from taicho.dispatch.tests.conftest import make_channel

NOW_MS = str(int(time.time() * 1000))


@pytest.mark.parametrize(
    ("text", "kind", "note"),
    [
        ("Đã nhận", AnswerKind.RECEIVED, ""),
        ("da nhan, cam on", AnswerKind.RECEIVED, "cam on"),
        ("1", AnswerKind.RECEIVED, ""),
        ("AN TOAN", AnswerKind.SAFE, ""),
        ("An toàn rồi", AnswerKind.SAFE, "rồi"),
        ("at", AnswerKind.SAFE, ""),
        ("KHONG AN TOAN nha ngap", AnswerKind.NEEDS_HELP, "nha ngap"),
        ("Cần giúp: nhà ngập 1m, có cụ già", AnswerKind.NEEDS_HELP, "nhà ngập 1m, có cụ già"),
        ("CG", AnswerKind.NEEDS_HELP, ""),
        ("3 mái nhà bị tốc", AnswerKind.NEEDS_HELP, "mái nhà bị tốc"),
        ("Đã an toàn", AnswerKind.SAFE, "Đã an toàn"),
        ("Nhà tôi an toàn cả", AnswerKind.SAFE, "Nhà tôi an toàn cả"),
        ("không sao", AnswerKind.SAFE, ""),
        ("OK an toàn", AnswerKind.SAFE, "OK an toàn"),
        ("ko an toan", AnswerKind.NEEDS_HELP, ""),
        ("Mẹ tôi ốm, cần giúp đỡ", AnswerKind.NEEDS_HELP, "Mẹ tôi ốm, cần giúp đỡ"),
        ("Nước ngập tới mái, cứu với", AnswerKind.NEEDS_HELP, "Nước ngập tới mái, cứu với"),
        ("Xin chào", None, "Xin chào"),
        ("", None, ""),
    ],
)
def test_it_reads_what_a_reply_means_with_or_without_diacritics(text, kind, note):
    reading = read_reply(text)
    assert reading.kind == kind
    assert reading.note == note


@pytest.mark.django_db
def test_it_makes_short_personal_links_that_cannot_be_guessed_from_each_other():
    token = links.token_for(12345)
    assert links.message_id_of(token) == 12345
    assert links.message_id_of(token.upper()) == 12345
    assert len(token) <= 12
    # Another message's token is not this one with a digit changed.
    assert links.message_id_of(links.token_for(12346)[:-8] + token[-8:]) is None
    assert links.message_id_of("zzzzzzzzzzzz") is None
    assert links.message_id_of("") is None
    code = links.token_for(777)
    assert read_reply(f"{code} an toan").message_id == 777
    assert read_reply(f"an toan {code}").kind == AnswerKind.SAFE


def _sent(alert, sms):
    dispatch = dispatch_alert(alert=alert)
    worker.run(worker_id="w", once=True)
    return dispatch


def _token(address):
    return links.token_for(Message.objects.get(address=address).pk)


@pytest.mark.django_db
def test_it_counts_an_opened_link_as_received_once_and_ignores_link_previews(client, alert, sms):
    _sent(alert, sms)
    url = f"/t/{_token('0912000004')}/"
    response = client.get(url, HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14)")
    assert response.status_code == 200
    assert "Bão số 3 sắp đổ bộ" in response.content.decode()
    assert "H2" not in response.content.decode()  # the page names no household
    client.get(url, HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14)")
    client.get(url, HTTP_USER_AGENT="TelegramBot (like TwitterBot)")
    answers = Answer.objects.all()
    assert [(a.kind, a.via, a.household.code) for a in answers] == [("received", "link", "H2")]


@pytest.mark.django_db
def test_it_records_a_call_for_help_from_the_personal_page_with_its_location(client, alert, sms):
    _sent(alert, sms)
    response = client.post(
        f"/t/{_token('0912000005')}/",
        {"kind": "needs_help", "text": "Nhà ngập, có trẻ nhỏ", "lat": "20.97", "lon": "106.73"},
        HTTP_USER_AGENT="Mozilla/5.0",
    )
    assert response.status_code == 200
    assert "Cần giúp" in response.content.decode()
    answer = Answer.objects.get(kind=AnswerKind.NEEDS_HELP)
    assert (answer.household.code, answer.text, answer.lat, answer.lon) == (
        "H3",
        "Nhà ngập, có trẻ nhỏ",
        20.97,
        106.73,
    )


@pytest.mark.django_db
def test_it_refuses_a_forged_link_and_too_many_answers(client, alert, sms, settings):
    _sent(alert, sms)
    token = _token("0912000004")
    assert client.get(f"/t/{token[:-1]}x/").status_code == 404
    for _ in range(30):
        client.post(f"/t/{token}/", {"kind": "safe"})
    response = client.post(f"/t/{token}/", {"kind": "safe"})
    assert response.status_code == 429
    assert Answer.objects.count() == 30


@pytest.fixture
def gateway(ward_a):
    return make_channel(ward_a, name="SMS brandname", inbound_secret="s3cret-reply")


@pytest.mark.django_db
def test_it_maps_an_sms_reply_to_the_household_that_was_sent_the_message(
    client, alert, gateway, lan
):
    _sent(alert, gateway)
    response = client.post(
        f"/hooks/{gateway.pk}/",
        {"from": "+84912000001", "text": "AN TOAN"},
        HTTP_X_TAICHO_SECRET="s3cret-reply",
    )
    assert response.json() == {
        "ok": True,
        "recorded": 1,
        "unmatched": 0,
        "unread": 0,
        "duplicates": 0,
        "receipts": 0,
    }
    answer = Answer.objects.get()
    assert (answer.household.code, answer.kind, answer.via) == ("H1", "safe", "locmem")
    response = client.post(
        f"/hooks/{gateway.pk}/?secret=s3cret-reply",
        json.dumps({"sender": "0999999999", "message": "an toan"}),
        content_type="application/json",
    )
    assert response.json()["unmatched"] == 1
    response = client.post(
        f"/hooks/{gateway.pk}/?secret=s3cret-reply",
        {"from": "0912000004", "text": "Nước lên tới cửa rồi"},
    )
    assert response.json()["unread"] == 1
    # Not one of the three answers, but kept: the officer reads it on the board.
    kept = Answer.objects.get(kind=AnswerKind.OTHER)
    assert (kept.household.code, kept.text) == ("H2", "Nước lên tới cửa rồi")
    client.force_login(lan)
    live = client.get(f"/w/{alert.ward.code}/dispatch/{kept.dispatch_id}/live/").content.decode()
    assert f'data-to-read="{kept.pk}"' in live and "Nước lên tới cửa rồi" in live


@pytest.mark.django_db
def test_it_refuses_replies_without_the_channels_secret(client, alert, gateway, sms):
    _sent(alert, gateway)
    wrong = client.post(
        f"/hooks/{gateway.pk}/", {"from": "0912000001", "text": "AT"}, HTTP_X_TAICHO_SECRET="x"
    )
    assert wrong.status_code == 403
    assert "Mã bí mật" in wrong.json()["error"]
    sms_http = make_channel(
        alert.ward,
        name="No secret",
        kind="sms_http",
        url="http://127.0.0.1:9/send",
        method="POST",
        content_type="json",
        body_template='{"to": "{phone}", "text": "{text}"}',
    )
    assert client.post(f"/hooks/{sms_http.pk}/", {"from": "0912000001"}).status_code == 403
    console = make_channel(alert.ward, name="Console", kind="console")
    assert client.post(f"/hooks/{console.pk}/", {"from": "0912000001"}).status_code == 404
    assert client.post("/hooks/999999/", {}).status_code == 404
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_it_reads_a_telegram_update_with_a_shared_location_as_a_call_for_help(client, alert, sms):
    dispatch = _sent(alert, sms)
    telegram = make_channel(
        alert.ward, name="Bot", kind="telegram", bot_token="1:" + "a" * 30, webhook_secret="tg"
    )
    Message.objects.create(
        ward=alert.ward,
        dispatch=dispatch,
        channel=telegram,
        address="4242",
        next_attempt_at=dispatch.created_at,
        idempotency_key=f"{dispatch.key}:{telegram.pk}:4242",
        status="sent",
    )
    update = {
        "update_id": 1,
        "message": {
            "message_id": 9,
            "chat": {"id": 4242},
            "location": {"latitude": 20.971, "longitude": 106.731},
        },
    }
    response = client.post(
        f"/hooks/{telegram.pk}/",
        json.dumps(update),
        content_type="application/json",
        HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="tg",
    )
    assert response.json()["recorded"] == 1
    answer = Answer.objects.get()
    assert (answer.kind, answer.via, answer.lat, answer.lon) == (
        "needs_help",
        "telegram",
        20.971,
        106.731,
    )
    again = client.post(
        f"/hooks/{telegram.pk}/",
        json.dumps(update),
        content_type="application/json",
        HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="tg",
    )
    assert again.json()["duplicates"] == 1  # Telegram delivered the update twice: one answer
    refused = client.post(
        f"/hooks/{telegram.pk}/", json.dumps(update), content_type="application/json"
    )
    assert refused.status_code == 403


def _zalo_event(text: str) -> bytes:
    return json.dumps(
        {
            "app_id": "app-1",
            "event_name": "user_send_text",
            "timestamp": NOW_MS,
            "sender": {"id": "zalo-user-77"},
            "recipient": {"id": "oa-1"},
            "message": {"msg_id": "m1", "text": text},
        }
    ).encode()


@pytest.mark.django_db
def test_it_maps_a_signed_zalo_reply_by_the_personal_code_written_in_it(client, alert, sms):
    _sent(alert, sms)
    zalo = make_channel(
        alert.ward,
        name="Zalo OA",
        kind="zalo_zns",
        template_id="1",
        access_token="tok",
        app_id="app-1",
        oa_secret_key="oa-key",
    )
    body = _zalo_event(f"Cần giúp {_token('0912000004')} nước lên nhanh")
    mac = hashlib.sha256(b"app-1" + body + NOW_MS.encode() + b"oa-key").hexdigest()
    response = client.post(
        f"/hooks/{zalo.pk}/",
        body,
        content_type="application/json",
        HTTP_X_ZEVENT_SIGNATURE=f"mac={mac}",
    )
    assert response.json()["recorded"] == 1
    answer = Answer.objects.get()
    assert (answer.household.code, answer.kind, answer.via, answer.text) == (
        "H2",
        "needs_help",
        "zalo_zns",
        "nước lên nhanh",
    )
    forged = client.post(
        f"/hooks/{zalo.pk}/",
        body,
        content_type="application/json",
        HTTP_X_ZEVENT_SIGNATURE="mac=" + "0" * 64,
    )
    assert forged.status_code == 403
    assert Answer.objects.count() == 1


@pytest.mark.django_db
def test_it_takes_a_reply_as_an_answer_to_the_latest_dispatch_that_reached_the_sender(
    client, alert, gateway, lan, group_a1
):
    from taicho.dispatch.models import Dispatch
    from taicho.dispatch.welfare import welfare_check_send

    first = _sent(alert, gateway)
    check = welfare_check_send(
        actor=lan, ward=alert.ward, question="Nhà mình an toàn không?", groups=[group_a1]
    )
    worker.run(worker_id="w", once=True)
    client.post(
        f"/hooks/{gateway.pk}/",
        {"from": "0912000004", "text": "an toan"},
        HTTP_X_TAICHO_SECRET="s3cret-reply",
    )
    assert Answer.objects.get().dispatch == check
    # Two weeks on, an SMS reply no longer answers that old check.
    Dispatch.objects.update(created_at=first.created_at.replace(year=2020))
    response = client.post(
        f"/hooks/{gateway.pk}/",
        {"from": "0912000004", "text": "an toan"},
        HTTP_X_TAICHO_SECRET="s3cret-reply",
    )
    assert response.json()["unmatched"] == 1


@pytest.mark.django_db
def test_it_marks_a_message_delivered_when_the_gateway_reports_it(client, alert, gateway, lan):
    dispatch = _sent(alert, gateway)
    message = Message.objects.get(address="0912000004")
    report = {"message_id": message.provider_id, "status": "DELIVRD", "to": "84912000004"}
    response = client.post(f"/hooks/{gateway.pk}/", report, HTTP_X_TAICHO_SECRET="s3cret-reply")
    assert response.json()["receipts"] == 1
    message.refresh_from_db()
    assert message.delivered_at is not None
    # An undelivered report or an unknown id changes nothing.
    other = Message.objects.get(address="0912000005")
    client.post(
        f"/hooks/{gateway.pk}/",
        {"message_id": other.provider_id, "status": "UNDELIV"},
        HTTP_X_TAICHO_SECRET="s3cret-reply",
    )
    response = client.post(
        f"/hooks/{gateway.pk}/",
        {"message_id": "no-such-id", "status": "DELIVRD"},
        HTTP_X_TAICHO_SECRET="s3cret-reply",
    )
    assert response.json()["unmatched"] == 1
    other.refresh_from_db()
    assert other.delivered_at is None
    client.force_login(lan)
    live = client.get(f"/w/{alert.ward.code}/dispatch/{dispatch.pk}/live/").content.decode()
    assert 'data-total="delivered">1<' in live


@pytest.mark.django_db
def test_it_takes_a_zns_delivery_report_from_the_official_account(client, alert, lan):
    zalo = make_channel(
        alert.ward, name="Zalo OA", kind="locmem", app_id="app-1", oa_secret_key="oa-key"
    )
    _sent(alert, zalo)
    message = Message.objects.get(address="0912000004")
    zalo.kind = "zalo_zns"
    zalo.save()
    body = json.dumps(
        {
            "app_id": "app-1",
            "event_name": "user_received_message",
            "timestamp": NOW_MS,
            "message": {"msg_id": message.provider_id, "tracking_id": message.idempotency_key},
        }
    ).encode()
    mac = hashlib.sha256(b"app-1" + body + NOW_MS.encode() + b"oa-key").hexdigest()
    response = client.post(
        f"/hooks/{zalo.pk}/",
        body,
        content_type="application/json",
        HTTP_X_ZEVENT_SIGNATURE=f"mac={mac}",
    )
    assert response.json()["receipts"] == 1
    message.refresh_from_db()
    assert message.delivered_at is not None


@pytest.mark.django_db
def test_it_refuses_a_signed_zalo_event_replayed_later(client, alert, sms):
    _sent(alert, sms)
    zalo = make_channel(
        alert.ward, name="Zalo OA", kind="zalo_zns", app_id="app-1", oa_secret_key="oa-key"
    )
    old = str(int(time.time() * 1000) - 3600 * 1000)
    body = _zalo_event(f"an toan {_token('0912000004')}").replace(NOW_MS.encode(), old.encode())
    mac = hashlib.sha256(b"app-1" + body + old.encode() + b"oa-key").hexdigest()
    response = client.post(
        f"/hooks/{zalo.pk}/",
        body,
        content_type="application/json",
        HTTP_X_ZEVENT_SIGNATURE=f"mac={mac}",
    )
    assert response.status_code == 403
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_it_lets_no_reply_through_one_wards_channel_answer_another_wards_message(
    client, alert, sms, ward_b
):
    _sent(alert, sms)
    other = make_channel(ward_b, name="SMS B", inbound_secret="ward-b-reply-secret")
    response = client.post(
        f"/hooks/{other.pk}/",
        {"from": "0912000004", "text": f"an toan {_token('0912000004')}"},
        HTTP_X_TAICHO_SECRET="ward-b-reply-secret",
    )
    assert response.json()["unmatched"] == 1
    assert not Answer.objects.exists()
