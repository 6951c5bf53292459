"""The board of a dispatch and welfare checks: what an officer and a group leader see.

Ward A: H1, H2 (group 1), H3 (group 2) with phones, and H4 (group 2) with none. Lan (officer)
sends; Minh leads group 1; Bình is ward B's officer.
"""

import pytest

from taicho.community.models import Household
from taicho.dispatch import worker
from taicho.dispatch.answer_models import AnswerKind, WelfareCheck
from taicho.dispatch.models import Dispatch, DispatchKind, Message
from taicho.dispatch.services import dispatch_alert


@pytest.fixture
def unreachable(ward_a, group_a2, households):
    return Household.objects.create(
        ward=ward_a, code="H4", address="4 Lê Lợi", group=group_a2, lat=20.97, lon=106.73
    )


def _reply(client, channel, phone, text):
    return client.post(
        f"/hooks/{channel.pk}/", {"from": phone, "text": text}, HTTP_X_TAICHO_SECRET="r"
    )


@pytest.fixture
def gateway(ward_a):
    from taicho.dispatch.tests.conftest import make_channel

    return make_channel(ward_a, name="SMS", inbound_secret="r")


@pytest.mark.django_db
def test_it_shows_who_was_reached_and_who_answered_by_channel_and_group(
    client, lan, alert, gateway, unreachable
):
    dispatch = dispatch_alert(alert=alert)
    client.force_login(lan)
    board_url = f"/w/{alert.ward.code}/dispatch/{dispatch.pk}/"
    page = client.get(board_url).content.decode()
    assert 'data-total="queued">6<' in page
    assert 'data-total="targeted">4<' in page
    worker.run(worker_id="w", once=True)
    _reply(client, gateway, "0912000004", "an toan")
    _reply(client, gateway, "0912000005", "can giup nuoc vao nha")
    live = client.get(board_url + "live/").content.decode()
    assert 'data-total="sent">6<' in live
    assert 'data-total="reached">3<' in live
    assert 'data-total="safe">1<' in live
    assert 'data-total="needs_help">1<' in live
    assert 'data-unreached="H4"' in live
    assert 'data-help="H3"' in live and "nuoc vao nha" in live
    assert 'data-channel="SMS"' in live
    map_data = client.get(board_url + "map.json").json()
    assert map_data["households"] == [["H4", 20.97, 106.73, 0]]


@pytest.mark.django_db
def test_it_shows_a_group_leader_only_his_groups(client, minh, alert, gateway, unreachable):
    dispatch = dispatch_alert(alert=alert)
    client.force_login(minh)
    live = client.get(f"/w/{alert.ward.code}/dispatch/{dispatch.pk}/live/").content.decode()
    assert 'data-total="targeted">2<' in live
    assert "H4" not in live


@pytest.mark.django_db
def test_it_hides_a_wards_board_from_another_ward(client, binh, alert, sms):
    dispatch = dispatch_alert(alert=alert)
    client.force_login(binh)
    for suffix in ("", "live/", "map.json", "visits/"):
        response = client.get(f"/w/{alert.ward.code}/dispatch/{dispatch.pk}/{suffix}")
        assert response.status_code == 404
    client.force_login(binh)
    assert (
        client.get(f"/w/{binh.memberships.first().ward.code}/dispatch/{dispatch.pk}/").status_code
        == 404
    )


@pytest.mark.django_db
def test_it_asks_a_group_whether_it_is_safe_and_lists_who_did_not_answer(
    client, lan, ward_a, group_a2, households, unreachable, gateway
):
    client.force_login(lan)
    response = client.post(
        f"/w/{ward_a.code}/dispatch/welfare/",
        {"question": "Phường hỏi: nhà mình có an toàn không?", "groups": [group_a2.pk]},
    )
    dispatch = Dispatch.objects.get(kind=DispatchKind.WELFARE)
    assert response.status_code == 302
    assert response["Location"] == f"/w/{ward_a.code}/dispatch/{dispatch.pk}/"
    assert dispatch.households == 2  # H3 and H4
    # H3's two phones, and group 2 has no leader phone.
    assert sorted(Message.objects.filter(dispatch=dispatch).values_list("address", flat=True)) == [
        "0901000001",
        "0912000005",
    ]
    worker.run(worker_id="w", once=True)
    visits = client.get(f"/w/{ward_a.code}/dispatch/{dispatch.pk}/visits/").content.decode()
    assert 'data-household="H3"' in visits and 'data-household="H4"' in visits
    _reply(client, gateway, "0912000005", "AT")
    visits = client.get(f"/w/{ward_a.code}/dispatch/{dispatch.pk}/visits/").content.decode()
    assert 'data-household="H3"' not in visits and 'data-household="H4"' in visits
    check = WelfareCheck.objects.get()
    assert check.dispatch == dispatch
    assert dispatch.answers.get().kind == AnswerKind.SAFE


@pytest.mark.django_db
def test_it_refuses_a_welfare_check_with_no_target_or_from_a_group_leader(
    client, lan, minh, ward_a, group_a1, households
):
    client.force_login(lan)
    response = client.post(f"/w/{ward_a.code}/dispatch/welfare/", {"question": "An toàn không?"})
    assert response.status_code == 200
    assert "Hãy chọn tổ dân phố" in response.content.decode()
    response = client.post(
        f"/w/{ward_a.code}/dispatch/welfare/", {"question": "Có " * 50, "whole_ward": "on"}
    )
    assert "Tối đa 120 ký tự (hiện có 149)" in response.content.decode()
    client.force_login(minh)
    response = client.post(
        f"/w/{ward_a.code}/dispatch/welfare/", {"question": "?", "groups": [group_a1.pk]}
    )
    assert response.status_code == 403
    assert not Dispatch.objects.exists()


@pytest.mark.django_db
def test_it_notes_what_a_door_to_door_visit_found_for_the_leaders_own_group(
    client, minh, alert, sms
):
    dispatch = dispatch_alert(alert=alert)
    h2 = Household.objects.get(code="H2")
    h3 = Household.objects.get(code="H3")
    client.force_login(minh)
    visits = client.get(f"/w/{alert.ward.code}/dispatch/{dispatch.pk}/visits/").content.decode()
    assert 'data-household="H2"' in visits and "H3" not in visits
    url = f"/w/{alert.ward.code}/dispatch/{dispatch.pk}/visits/{h2.pk}/"
    response = client.post(url, {"kind": "needs_help", "text": "Cụ ông cần xe lăn"})
    assert response.status_code == 302
    answer = dispatch.answers.get()
    assert (answer.household, answer.kind, answer.via, answer.recorded_by) == (
        h2,
        AnswerKind.NEEDS_HELP,
        "visit",
        minh,
    )
    visits = client.get(f"/w/{alert.ward.code}/dispatch/{dispatch.pk}/visits/").content.decode()
    assert 'data-household="H2"' not in visits
    other = f"/w/{alert.ward.code}/dispatch/{dispatch.pk}/visits/{h3.pk}/"
    assert client.post(other, {"kind": "safe"}).status_code == 404
    assert client.post(url, {"kind": "maybe"}).status_code == 400
    assert dispatch.answers.count() == 1


@pytest.mark.django_db
def test_it_puts_the_sending_and_calls_for_help_on_the_events_timeline(
    client, lan, minh, alert, gateway
):
    from taicho.events.models import Event
    from taicho.events.timeline import timeline

    event = Event.objects.create(
        ward=alert.ward, name="Bão số 3", hazard_type="storm", starts_at=alert.created_at
    )
    event.alerts.add(alert)
    dispatch_alert(alert=alert, actor=lan)
    worker.run(worker_id="w", once=True)
    _reply(client, gateway, "0912000005", "CAN GIUP mai nha bi toc")
    entries = {entry.kind: entry for entry in timeline(user=lan, event=event)}
    assert "6" in entries["dispatch"].text and "Bão số 3" in entries["dispatch"].text
    assert entries["answer.needs_help"].text.endswith("mai nha bi toc")
    assert "H3" in entries["answer.needs_help"].text
    # Minh leads group 1: H3's call for help (group 2) is not his to see.
    assert "answer.needs_help" not in {entry.kind for entry in timeline(user=minh, event=event)}
