"""The phone page, its JSON (households, search, sync), household cards and the worker."""

import json

import pytest
import segno
from django.urls import reverse

from taicho.shelters.cards import qr_data_uri
from taicho.shelters.evacuation_models import CheckIn, Evacuation, EvacuationStatus, MoveStatus
from taicho.shelters.tests.test_checkin_support import make_scene, minutes_ago, new_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(lan, ward_a, group_a1, group_a2):
    return make_scene(actor=lan, ward=ward_a, groups=[group_a1, group_a2])


def _url(name, scene, *args):
    return reverse(name, args=[scene.evacuation.ward.code, scene.evacuation.pk, *args])


def _record(scene, code="BD-1", **overrides):
    record = {
        "client_id": new_id(),
        "household": code,
        "shelter": scene.school.pk,
        "kind": "in",
        "persons_present": 3,
        "needs": ["medical"],
        "note": "Cụ bà cần thuốc huyết áp",
        "recorded_at": minutes_ago(3).isoformat(),
    }
    record.update(overrides)
    return record


def _sync(client, scene, records):
    return client.post(
        _url("checkin_sync", scene),
        data=json.dumps({"records": records}),
        content_type="application/json",
    )


def test_it_stores_a_queue_sent_twice_once(client, duc, scene):
    client.force_login(duc)
    records = [_record(scene), _record(scene, "BD-2", persons_present=2, needs=[], note="")]
    first = _sync(client, scene, records)
    again = _sync(client, scene, records)
    assert first.status_code == again.status_code == 200
    assert [result["ok"] for result in again.json()["results"]] == [True, True]
    assert CheckIn.objects.count() == 2
    row = scene.row("BD-1")
    assert (row.status, row.persons_present, row.shelter) == (MoveStatus.EVACUATED, 3, scene.school)
    assert row.needs == "[medical] Cụ bà cần thuốc huyết áp"


def test_it_answers_each_record_and_names_the_bad_field(client, duc, scene):
    client.force_login(duc)
    response = _sync(
        client,
        scene,
        [
            _record(scene),
            _record(scene, "BD-2", persons_present="hai"),
            _record(scene, "BD-404"),
            _record(scene, "BD-3", shelter=999999),
            _record(scene, "BD-3", recorded_at="2025-13-40T08:00:00+07:00"),
        ],
    )
    results = response.json()["results"]
    assert [result["ok"] for result in results] == [True, False, False, False, False]
    assert "persons_present" in results[1]["errors"]
    assert "household" in results[2]["errors"]
    assert "shelter" in results[3]["errors"]
    assert results[4]["errors"]["recorded_at"] == ["Hãy cho biết thời điểm ghi nhận, kèm múi giờ."]
    assert list(CheckIn.objects.values_list("household__code", flat=True)) == ["BD-1"]


def test_it_warns_when_a_shelter_overflows_but_takes_everyone_in(client, duc, scene):
    client.force_login(duc)
    response = _sync(
        client,
        scene,
        [_record(scene, "BD-1", persons_present=3), _record(scene, "BD-3", persons_present=4)],
    )
    results = response.json()["results"]
    assert all(result["ok"] for result in results)
    assert "vượt sức chứa: 7 người cho 6 chỗ" in results[1]["warning"]


def test_it_refuses_unreadable_syncs(client, duc, scene):
    client.force_login(duc)
    bad = client.post(_url("checkin_sync", scene), data="{", content_type="application/json")
    assert bad.status_code == 400
    assert "Không đọc được" in bad.json()["error"]
    too_many = _sync(client, scene, [_record(scene)] * 201)
    assert too_many.status_code == 400


def test_it_gives_shelter_staff_the_whole_list_and_a_leader_only_his_groups(
    client, duc, minh, scene
):
    client.force_login(duc)
    rows = client.get(_url("checkin_households", scene)).json()["households"]
    assert [row["c"] for row in rows] == ["BD-1", "BD-2", "BD-3"]
    first = rows[0]
    assert (first["n"], first["p"], first["s"], first["sh"]) == (
        "Nguyễn Văn An",
        3,
        "not_yet",
        scene.school.pk,
    )
    assert "nguyen van an" in first["f"]
    assert "phones" not in first

    client.force_login(minh)
    rows = client.get(_url("checkin_households", scene)).json()["households"]
    assert [row["c"] for row in rows] == ["BD-1", "BD-2"]
    refused = _sync(client, scene, [_record(scene, "BD-3", persons_present=4)])
    assert refused.json()["results"][0]["ok"] is False
    assert CheckIn.objects.count() == 0


def test_it_finds_households_by_name_without_diacritics(client, duc, scene):
    client.force_login(duc)

    def codes(query):
        answer = client.get(_url("checkin_search", scene), {"q": query}).json()
        return [row["c"] for row in answer["households"]]

    assert codes("tran thi binh") == ["BD-2"]
    assert codes("ĐỨC") == ["BD-3"]
    assert codes("bd-1") == ["BD-1"]
    assert codes("") == []


def test_it_shows_the_phone_page_in_vietnamese_with_the_shelters(client, duc, scene):
    client.force_login(duc)
    response = client.get(_url("checkin_page", scene), {"h": "BD-2"})
    page = response.content.decode()
    assert "Tiếp nhận sơ tán" in page and "Ghi nhận đến" in page and "Ghi nhận rời đi" in page
    config = response.context["config"]
    assert config["preselect"] == "BD-2"
    assert config["shelters"][0]["label"].startswith("S1")
    assert config["text"]["pending"] == "chờ gửi"


def test_it_sends_staff_from_a_card_to_the_evacuation_under_way(client, duc, scene, ward_a):
    client.force_login(duc)
    choose = reverse("checkin_choose", args=[ward_a.code])
    response = client.get(choose, {"h": "BD-1"})
    assert response.status_code == 302
    assert response["Location"] == _url("checkin_page", scene) + "?h=BD-1"

    Evacuation.objects.create(ward=ward_a, name="Lũ BĐ3", status=EvacuationStatus.STARTED)
    page = client.get(choose, {"h": "BD-1"}).content.decode()
    assert "Chọn đợt sơ tán" in page and "Lũ BĐ3" in page and "?h=BD-1" in page


def test_it_keeps_other_wards_out_and_read_only_users_away(client, binh, thao, scene):
    client.force_login(binh)
    for name in ("checkin_page", "checkin_households", "evacuation_board"):
        assert client.get(_url(name, scene)).status_code == 404
    assert _sync(client, scene, [_record(scene)]).status_code == 404

    client.force_login(thao)
    assert client.get(_url("checkin_page", scene)).status_code == 403
    assert client.get(_url("checkin_households", scene)).status_code == 403
    refused = _sync(client, scene, [_record(scene)])
    assert refused.status_code == 403
    assert CheckIn.objects.count() == 0


def test_it_prints_cards_whose_qr_opens_check_in_for_the_household(
    client, lan, duc, scene, group_a1, ward_a
):
    client.force_login(lan)
    url = reverse("household_cards", args=[ward_a.code, group_a1.pk])
    response = client.get(url, {"evacuation": scene.evacuation.pk})
    households = response.context["households"]
    assert [household.code for household in households] == ["BD-1", "BD-2"]
    expected = "http://testserver" + reverse("checkin_choose", args=[ward_a.code]) + "?h=BD-1"
    first = households[0]
    assert first.checkin_url == expected
    # The image on the card is the QR code of exactly that address.
    assert first.qr == qr_data_uri(expected)
    assert (
        segno.make(expected, error="m", micro=False).matrix
        == segno.make(first.checkin_url, error="m", micro=False).matrix
    )
    page = response.content.decode()
    assert f'src="{first.qr}"' in page and "Nguyễn Văn An" in page and "Thẻ sơ tán" in page

    client.force_login(duc)  # shock force: no household data to print
    assert client.get(url).status_code == 403


def test_it_lets_a_leader_mark_his_households_from_the_board(client, minh, scene):
    client.force_login(minh)
    household = scene.households["BD-1"]
    response = client.post(
        _url("evacuation_household_mark", scene, household.pk), {"status": "refused"}
    )
    assert response.status_code == 302
    assert scene.row("BD-1").status == MoveStatus.REFUSED
    other = scene.households["BD-3"]
    assert (
        client.post(
            _url("evacuation_household_mark", scene, other.pk), {"status": "missing"}
        ).status_code
        == 404
    )
    assert scene.row("BD-3").status == MoveStatus.NOT_YET


def test_it_serves_the_offline_worker_under_the_evacuation_pages(client, duc, ward_a):
    client.force_login(duc)
    response = client.get(reverse("checkin_worker", args=[ward_a.code]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == f"/w/{ward_a.code}/evacuations/"
    body = response.content.decode()
    assert "/static/shelters/checkin.js" in body and "taicho-checkin-" in body
