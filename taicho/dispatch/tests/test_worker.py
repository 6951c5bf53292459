"""Workers send each queued message once, most urgent first, and deal with failures."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from taicho.channels.locmem.transport import outbox
from taicho.channels.testing import FakeApi, Reply
from taicho.dispatch import claiming, links, worker
from taicho.dispatch.models import Delivery, DeliveryResult, Message, MessageStatus
from taicho.dispatch.selectors import paused_channels
from taicho.dispatch.services import dispatch_alert
from taicho.dispatch.tests.conftest import LEADER_PHONE, make_channel


def _run(**options) -> int:
    return worker.run(worker_id="w1", batch=options.pop("batch", 10), once=True, **options)


@pytest.mark.django_db
def test_it_sends_every_message_once_most_urgent_first_and_records_it(alert, sms):
    dispatch = dispatch_alert(alert=alert)
    assert _run(batch=2) == 6
    assert outbox[0].message.recipient == LEADER_PHONE
    assert len({sent.message.idempotency_key for sent in outbox}) == 6
    first = outbox[0].message
    leader_message = Message.objects.get(address=LEADER_PHONE)
    # The alert's text, then the leader's own answer link.
    text, link = first.text.rsplit("\n", 1)
    assert text == alert.sms_text
    assert link == f"http://127.0.0.1:8000/t/{links.token_for(leader_message.pk)}/"
    assert links.message_id_of(link.rstrip("/").rsplit("/", 1)[1]) == leader_message.pk
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
    message = Message.objects.get(address=LEADER_PHONE, dispatch=dispatch)
    delivery = Delivery.objects.get(message=message)
    assert delivery.result == DeliveryResult.SENT
    assert delivery.provider_id == message.provider_id != ""
    assert _run() == 0  # nothing is sent again


@pytest.mark.django_db
def test_it_retries_a_temporary_failure_with_growing_waits_then_sends(alert, sms, settings):
    settings.TAICHO_DISPATCH_BACKOFF_SECONDS = 30
    settings.TAICHO_DISPATCH_BACKOFF_CAP_SECONDS = 100
    sms.config = {"fail_temporarily": ["0912000004"]}
    sms.save()
    dispatch_alert(alert=alert)
    assert _run() == 6
    message = Message.objects.get(address="0912000004")
    waits = []
    for attempt in (1, 2, 3):
        assert message.status == MessageStatus.QUEUED and message.attempts == attempt
        waits.append((message.next_attempt_at - message.deliveries.last().at).total_seconds())
        # Its time comes: make it due now and run the worker again.
        Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        _run()
        message.refresh_from_db()
    assert [round(wait) for wait in waits] == [30, 60, 100]  # doubled, then capped
    sms.config = {}
    sms.save()
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    _run()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    results = list(message.deliveries.order_by("at", "id").values_list("result", flat=True))
    assert results == [DeliveryResult.TEMPORARY] * 4 + [DeliveryResult.SENT]
    assert len([s for s in outbox if s.message.recipient == "0912000004"]) == 1


@pytest.mark.django_db
def test_it_stops_at_a_permanent_failure(alert, sms):
    sms.config = {"fail_permanently": ["0912000005"]}
    sms.save()
    dispatch_alert(alert=alert)
    _run()
    _run()
    message = Message.objects.get(address="0912000005")
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 1
    assert "0912000005" in message.last_error
    assert message.deliveries.get().result == DeliveryResult.PERMANENT


@pytest.mark.django_db
def test_it_pauses_a_channel_whose_credentials_are_refused_and_tells_the_officer(
    alert, ward_a, lan
):
    secret = "very-secret-signing-key-123"
    api = FakeApi(lambda request: Reply(401, {"error": f"bad secret {secret}"})).start()
    try:
        channel = make_channel(
            ward_a,
            name="City",
            kind="webhook",
            secret=secret,
            urls=[f"{api.url}/a", f"{api.url}/b"],
        )
        dispatch_alert(alert=alert)
        _run()
    finally:
        api.stop()
    channel.refresh_from_db()
    assert not channel.active
    assert len(api.requests) == 1  # the second message waits, it is not tried
    # Both wait aside, out of the claim's way, until the channel is resumed.
    assert (
        list(Message.objects.filter(channel=channel).values_list("status", flat=True))
        == [MessageStatus.HELD] * 2
    )
    delivery = Delivery.objects.get(message__channel=channel)
    assert delivery.result == DeliveryResult.CHANNEL_FAULT
    assert secret not in delivery.error and secret not in channel.paused_reason
    shown = list(paused_channels(user=lan, ward=ward_a))
    assert shown == [channel] and shown[0].waiting == 2  # both messages wait
    from taicho.core.models import AuditEntry

    assert AuditEntry.objects.filter(object_id=str(channel.pk), actor=None).exists()


@pytest.mark.django_db
def test_it_gives_back_the_messages_of_a_worker_whose_lease_ran_out(alert, sms):
    dispatch_alert(alert=alert)
    taken = claiming.claim(worker_id="dead", batch=3, lease_seconds=60)
    assert len(taken) == 3
    assert len(claiming.claim(worker_id="w2", batch=10, lease_seconds=60)) == 3
    assert claiming.requeue_expired(now=timezone.now() + timedelta(seconds=61)) == 6
    assert _run() == 6
    assert len(outbox) == 6


@pytest.mark.django_db(transaction=True)
def test_it_never_lets_two_workers_claim_the_same_message(ward_a, sms):
    from taicho.dispatch.tests.test_crash import queue_messages

    queue_messages(channel=sms, count=600)
    claimed: dict[str, list[int]] = {"a": [], "b": [], "c": []}
    errors = []
    start = threading.Barrier(len(claimed))

    def work(name: str) -> None:
        try:
            start.wait()
            while ids := claiming.claim(worker_id=name, batch=7, lease_seconds=60):
                claimed[name].extend(ids)
                time.sleep(0.002)  # the sending, while the others claim
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(name,)) for name in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    every = [i for ids in claimed.values() for i in ids]
    assert len(every) == len(set(every)) == 600
    assert sum(1 for ids in claimed.values() if ids) >= 2


@pytest.mark.django_db
def test_it_never_sends_a_message_whose_lease_ran_out_and_another_worker_took(alert, sms):
    from datetime import timedelta

    from django.utils import timezone

    dispatch_alert(alert=alert)
    slow_ids = claiming.claim(worker_id="slow", batch=10, lease_seconds=60)
    slow_batch = list(Message.objects.filter(pk__in=slow_ids).select_related("dispatch"))
    # The slow worker's lease runs out before it gets to them; another worker sends them all.
    Message.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert _run() == 6
    assert len(outbox) == 6
    for message in slow_batch:
        assert worker.process(message=message, worker_id="slow", channel=sms) == "claimed"
    assert len(outbox) == 6  # nothing sent twice
    assert Delivery.objects.count() == 6
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.SENT}


@pytest.mark.django_db
def test_it_records_a_failure_no_transport_foresaw_and_goes_on(alert, sms, monkeypatch):
    import http.client

    from taicho.channels.locmem.transport import LocmemTransport

    original = LocmemTransport.deliver

    def deliver(self, message):
        if message.recipient == "0912000004":
            raise http.client.BadStatusLine("garbage")
        return original(self, message)

    monkeypatch.setattr(LocmemTransport, "deliver", deliver)
    dispatch_alert(alert=alert)
    assert _run() == 6
    assert len(outbox) == 5
    failed = Message.objects.get(address="0912000004")
    assert failed.status == MessageStatus.QUEUED and failed.attempts == 1
    assert "BadStatusLine" in failed.last_error


@pytest.mark.django_db
def test_it_sends_an_issued_alert_whose_fan_out_never_ran(alert, sms):
    from datetime import timedelta

    from django.utils import timezone

    # Issued two minutes ago, but the process died before its after-commit fan-out.
    alert.issued_at = timezone.now() - timedelta(minutes=2)
    alert.save()
    assert not Message.objects.exists()
    assert _run() == 6
    assert len(outbox) == 6
    assert _run() == 0  # and only once


@pytest.mark.django_db
def test_it_sends_nothing_more_of_an_alert_that_was_cancelled(
    alert, sms, lan, hung, issue, django_capture_on_commit_callbacks
):
    from taicho.dispatch.models import Dispatch
    from taicho.warnings.models import AlertStatus
    from taicho.warnings.services import alert_approve, alert_cancel, alert_issue

    alert = issue(alert)
    dispatch = Dispatch.objects.get(alert=alert)
    assert _run(batch=2) == 6 and len(outbox) == 6
    # Sent by mistake: a resend is queued (a channel added), then the alert is cancelled.
    make_channel(alert.ward, name="Zalo")
    dispatch_alert(alert=alert)
    assert Message.objects.filter(dispatch=dispatch, status=MessageStatus.QUEUED).count() == 6
    cancel = alert_cancel(actor=lan, alert=alert, reason="Gửi nhầm")
    alert_approve(actor=hung, alert=cancel)
    with django_capture_on_commit_callbacks(execute=True):
        alert_issue(actor=hung, alert=cancel)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.CANCELLED
    assert Message.objects.filter(dispatch=dispatch, status=MessageStatus.CANCELLED).count() == 6
    before = len(outbox)
    _run()
    # The cancellation itself goes out (its own dispatch); nothing more of the old alert.
    assert not [
        sent for sent in outbox[before:] if "Bão số 3 sắp đổ bộ. Ở trong nhà." in sent.message.text
    ]


@pytest.mark.django_db
def test_it_skips_what_another_worker_took_when_renewing_a_long_batchs_lease(alert, sms):
    dispatch_alert(alert=alert)
    taken: list[int] = []

    def takeover() -> bool:
        # While w1 works through its batch, its lease on two messages runs out and another
        # worker takes them.
        if not taken:
            mine = list(Message.objects.filter(claimed_by="w1").values_list("pk", flat=True))
            taken.extend(mine[-2:])
            Message.objects.filter(pk__in=taken).update(claimed_by="other")
        return False

    # A lease of 0 s: every message comes after half of it, so the rest is renewed each time.
    worker.run_batch(worker_id="w1", batch=10, lease_seconds=0.0, stop=takeover)
    assert len(outbox) == 4
    assert set(Message.objects.filter(pk__in=taken).values_list("claimed_by", flat=True)) == {
        "other"
    }
    assert not Delivery.objects.filter(message_id__in=taken).exists()
