"""Issuing an alert queues one message per recipient × channel, deduplicated, most urgent first."""

import threading

import pytest
from django.db import connection

from taicho.dispatch.models import Dispatch, Message, MessageStatus
from taicho.dispatch.services import dispatch_alert
from taicho.dispatch.tests.conftest import LEADER_PHONE, make_alert, make_channel

pytestmark = pytest.mark.django_db

ALL_PHONES = {
    "0912000001",
    "0912000002",
    "0912000003",
    "0912000004",
    "0912000005",
    LEADER_PHONE,
}


def _addresses(dispatch, channel=None) -> list[str]:
    messages = Message.objects.filter(dispatch=dispatch)
    if channel is not None:
        messages = messages.filter(channel=channel)
    return list(messages.values_list("address", flat=True))


def test_it_queues_one_message_per_phone_and_channel_without_duplicates(alert, sms, ward_a):
    zalo = make_channel(ward_a, name="Zalo")
    dispatch = dispatch_alert(alert=alert)
    for channel in (sms, zalo):
        addresses = _addresses(dispatch, channel)
        # 0912000002 is a resident's and its household's; the leader's phone is also on H3.
        assert sorted(addresses) == sorted(ALL_PHONES)
    assert dispatch.messages_created == 12
    assert dispatch.households == 3
    assert Message.objects.filter(dispatch=dispatch, status=MessageStatus.QUEUED).count() == 12
    keys = set(Message.objects.values_list("idempotency_key", flat=True))
    assert f"alert:{alert.pk}:{sms.pk}:0912000001" in keys


def test_it_sends_nothing_twice_when_the_fan_out_runs_again(alert, sms, ward_a):
    first = dispatch_alert(alert=alert)
    again = dispatch_alert(alert=alert)
    assert again.pk == first.pk
    assert Message.objects.count() == 6
    # A channel added since gets its messages; the others are not repeated.
    make_channel(ward_a, name="Zalo")
    third = dispatch_alert(alert=alert)
    assert Message.objects.count() == 12
    assert third.messages_created == 12


@pytest.mark.django_db(transaction=True)
def test_it_queues_a_new_channel_once_when_two_officers_dispatch_again_at_once(alert, sms, ward_a):
    dispatch_alert(alert=alert)
    zalo = make_channel(ward_a, name="Zalo")
    start = threading.Barrier(2)
    errors = []

    def again() -> None:
        try:
            start.wait()
            dispatch_alert(alert=alert)
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=again) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(_addresses(Dispatch.objects.get(alert=alert), zalo)) == sorted(ALL_PHONES)
    assert Dispatch.objects.get(alert=alert).messages_created == 12


def test_it_puts_group_leaders_then_vulnerable_households_first(alert, sms, households):
    h1, h2, h3 = households
    dispatch = dispatch_alert(alert=alert)
    ordered = list(Message.objects.filter(dispatch=dispatch).order_by("priority", "id"))
    assert ordered[0].address == LEADER_PHONE
    # The leader's phone is also on H3: sent first, as the leader's, and its answers are H3's.
    assert ordered[0].household_id == h3.pk
    # H2 has an elderly resident and H3 is poor: both before H1.
    middle = {message.household_id for message in ordered[1:3]}
    assert middle == {h2.pk, h3.pk}
    assert {message.household_id for message in ordered[3:]} == {h1.pk}
    assert [m.priority for m in ordered] == sorted(m.priority for m in ordered)


def test_it_reaches_only_the_targeted_group_and_holds_a_paused_channels_messages(
    ward_a, lan, households, sms, group_a2
):
    paused = make_channel(ward_a, name="Paused")
    paused.active = False
    paused.save()
    alert = make_alert(ward_a, lan, whole_ward=False)
    alert.target_groups.set([group_a2])
    dispatch = dispatch_alert(alert=alert)
    # H3's phones, and the leader of group 2 has none.
    assert sorted(_addresses(dispatch, sms)) == sorted(["0912000005", LEADER_PHONE])
    # The paused channel's messages wait aside, to go when it is resumed.
    held = Message.objects.filter(channel=paused)
    assert sorted(held.values_list("address", flat=True)) == sorted(["0912000005", LEADER_PHONE])
    assert set(held.values_list("status", flat=True)) == {MessageStatus.HELD}


def test_it_reaches_the_households_inside_a_drawn_polygon(ward_a, lan, households, sms):
    from taicho.conftest import square

    h1, h2, _h3 = households
    h1.lat, h1.lon = 20.86, 106.68
    h1.save()
    h2.lat, h2.lon = 20.90, 106.70
    h2.save()
    alert = make_alert(ward_a, lan, whole_ward=False, area_geometry=square(20.86, 106.68))
    dispatch = dispatch_alert(alert=alert)
    assert sorted(_addresses(dispatch)) == sorted(
        ["0912000001", "0912000002", "0912000003", LEADER_PHONE]
    )


def test_it_sends_one_message_per_loudspeaker_cluster(ward_a, alert):
    channel = make_channel(ward_a, name="Web", kind="webhook", secret="s" * 20)
    channel.config["urls"] = ["http://127.0.0.1:9/a", "http://127.0.0.1:9/a", "http://x/b"]
    channel.save()
    dispatch = dispatch_alert(alert=alert)
    assert sorted(_addresses(dispatch, channel)) == ["http://127.0.0.1:9/a", "http://x/b"]


def test_it_fans_out_when_an_approved_alert_is_issued(ward_a, lan, hung, households, sms, issue):
    from taicho.dispatch.models import Dispatch

    alert = issue(make_alert(ward_a, lan))
    dispatch = Dispatch.objects.get(alert=alert)
    assert dispatch.created_by == hung
    assert sorted(_addresses(dispatch)) == sorted(ALL_PHONES)


def test_it_tells_the_command_board_and_the_targeted_groups_leaders_on_their_contacts(
    ward_a, lan, hung, minh, group_a2, households, sms
):
    from taicho.core.models import Membership
    from taicho.dispatch.welfare import welfare_check_send

    Membership.objects.filter(user=hung).update(phone="0988000001", telegram_chat="4242")
    hung.email = "hung@bachdang.example"
    hung.save()
    Membership.objects.filter(user=minh).update(phone="0988000002", telegram_chat="5151")
    telegram = make_channel(ward_a, name="Bot", kind="telegram", bot_token="1:" + "a" * 30)
    email = make_channel(ward_a, name="Mail", kind="email")
    # An alert to group 2 only: Minh leads group 1, so he is not told.
    alert = make_alert(ward_a, lan, whole_ward=False)
    alert.target_groups.set([group_a2])
    dispatch = dispatch_alert(alert=alert)
    assert "0988000001" in _addresses(dispatch, sms)
    assert "0988000002" not in _addresses(dispatch, sms)
    assert _addresses(dispatch, telegram) == ["4242"]
    assert _addresses(dispatch, email) == ["hung@bachdang.example"]
    staff = Message.objects.get(dispatch=dispatch, channel=sms, address="0988000001")
    assert staff.priority == 0  # with the group leaders and loudspeakers, first
    # A welfare check asks households, not the staff.
    check = welfare_check_send(actor=lan, ward=ward_a, question="An toàn không?", groups=[group_a2])
    assert "0988000001" not in _addresses(check, sms)
    assert not _addresses(check, telegram)
