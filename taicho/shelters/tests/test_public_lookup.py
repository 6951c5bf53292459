import pytest
from django.test import Client
from django.urls import reverse

from taicho.shelters.evacuations import evacuation_start
from taicho.shelters.public_lookup_views import LOOKUPS_PER_WINDOW
from taicho.shelters.tests.evacuation_data import PHONE_A1, RESIDENT_PHONE, build_world

pytestmark = pytest.mark.django_db

NEUTRAL = "Không tìm thấy hộ nào có mã hộ và số điện thoại này"


@pytest.fixture
def world(lan, ward_a, group_a1, group_a2):
    world = build_world(lan=lan, ward=ward_a, group_a1=group_a1, group_a2=group_a2)
    evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    return world


def _lookup(client, ward, code, phone):
    return client.post(reverse("shelter_lookup", args=[ward.code]), {"code": code, "phone": phone})


def test_it_shows_the_household_its_shelter_and_a_map(client, ward_a, world):
    page = client.get(reverse("shelter_lookup", args=[ward_a.code]))
    assert page.status_code == 200 and "csrfmiddlewaretoken" in page.content.decode()
    response = _lookup(client, ward_a, "a1-01", "0912 345 678")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Trường THCS Bạch Đằng" in body and "Số 1 đường Trường Học" in body
    assert "Thầy Phúc" in body and "0223000111" in body and "6 người" in body
    assert 'id="shelter-map"' in body and "shelters/lookup.js" in body
    assert "leaflet/leaflet.js" in body and "<script>" not in body
    # Never the people: no names of the household's members.
    assert "Nguyễn Văn An" not in body and "Trần Thị Bình" not in body


def test_it_accepts_a_residents_phone_in_any_usual_form(client, ward_a, world):
    body = _lookup(client, ward_a, "A1-02", "+84 987.654.321").content.decode()
    assert "Trường THCS Bạch Đằng" in body and "Lê Văn Cường" not in body


def test_it_says_the_same_for_a_wrong_phone_and_an_unknown_code(client, ward_a, world):
    wrong_phone = _lookup(client, ward_a, "A1-01", "0999999999")
    unknown_code = _lookup(client, ward_a, "ZZ-99", "0912345678")
    assert wrong_phone.status_code == unknown_code.status_code == 200
    for response in (wrong_phone, unknown_code):
        body = response.content.decode()
        assert NEUTRAL in body and "Trường THCS Bạch Đằng" not in body


def test_it_tells_a_household_that_is_not_on_the_list(client, ward_a, world):
    body = _lookup(client, ward_a, "A2-03", "").content.decode()
    assert "Trường THCS" not in body  # the phone is required
    world.households["A2-03"].phones = ["0977000111"]
    world.households["A2-03"].save()
    body = _lookup(client, ward_a, "A2-03", "0977000111").content.decode()
    assert "không có trong danh sách sơ tán" in body


def test_it_slows_down_whoever_tries_many_codes(client, ward_a, world):
    for number in range(LOOKUPS_PER_WINDOW):
        assert _lookup(client, ward_a, f"X-{number}", "0912345678").status_code == 200
    refused = _lookup(client, ward_a, "A1-01", PHONE_A1)
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "Tra cứu quá nhiều lần" in body and "Trường THCS Bạch Đằng" not in body
    other_address = _lookup(Client(REMOTE_ADDR="10.0.0.2"), ward_a, "A1-02", RESIDENT_PHONE)
    assert other_address.status_code == 200


def test_it_needs_the_forms_csrf_token(ward_a, world):
    guarded = Client(enforce_csrf_checks=True)
    assert _lookup(guarded, ward_a, "A1-01", PHONE_A1).status_code == 403


def test_it_answers_404_for_an_unknown_ward(client, world):
    assert client.get(reverse("shelter_lookup", args=[99999999])).status_code == 404
