"""Households and residents over the API, as the ward's officer (Lan) uses them."""

import pytest

from taicho.core.models import AuditEntry
from taicho.web.tests.test_api_support import Api, household, ward_a_households

pytestmark = pytest.mark.django_db


@pytest.fixture
def homes(lan, ward_a, group_a1, group_a2):
    return ward_a_households(lan, ward_a, group_a1, group_a2)


def _codes(response):
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


def test_it_lists_the_wards_households_page_by_page(client, lan, ward_a, homes, settings):
    api = Api(client, lan)
    first = api.get(f"/wards/{ward_a.code}/households")
    assert first.json()["count"] == 4
    assert _codes(first) == ["H1", "H2", "H3", "H4"]
    h2 = first.json()["items"][1]
    assert (h2["resident_count"], h2["vulnerable_count"]) == (2, 1)

    settings.TAICHO_API_PAGE_SIZE = 3
    assert _codes(api.get(f"/wards/{ward_a.code}/households")) == ["H1", "H2", "H3"]
    second = api.get(f"/wards/{ward_a.code}/households", {"page": 2})
    assert second.json()["count"] == 4
    assert _codes(second) == ["H4"]
    assert _codes(api.get(f"/wards/{ward_a.code}/households", {"page": 3})) == []


def test_it_filters_households(client, lan, ward_a, homes):
    api = Api(client, lan)
    url = f"/wards/{ward_a.code}/households"
    assert _codes(api.get(url, {"group": "2"})) == ["H4"]
    assert _codes(api.get(url, {"q": "trai chuoi"})) == ["H2"]
    assert _codes(api.get(url, {"q": "TRẠI CHUỐI"})) == ["H2"]
    assert _codes(api.get(url, {"vulnerable": "true"})) == ["H2"]
    assert _codes(api.get(url, {"zone": "NGAP-1"})) == ["H1"]
    assert _codes(api.get(url, {"housing_type": "makeshift"})) == ["H2"]
    assert _codes(api.get(url, {"q": "tran van"})) == ["H2"]  # a resident's name
    assert _codes(api.get(url, {"group": "1", "zone": "NGAP-1"})) == ["H1"]
    assert _codes(api.get(url, {"group": "2", "vulnerable": "true"})) == []
    unknown = api.get(url, {"group": "99"})
    assert unknown.status_code == 422
    assert list(unknown.json()["errors"]) == ["group"]


def test_it_shows_a_household_with_its_residents(client, lan, ward_a, homes):
    response = Api(client, lan).get(f"/wards/{ward_a.code}/households/{homes['H2'].id}")
    assert response.status_code == 200
    body = response.json()
    assert body["group"] == "1"
    assert [r["full_name"] for r in body["residents"]] == ["Trần Thị Bé", "Trần Văn Cụ"]
    assert body["residents"][1]["vulnerable_flags"] == ["elderly"]


def test_it_creates_a_household_and_refuses_bad_input_by_field(client, lan, ward_a, group_a1):
    api = Api(client, lan)
    url = f"/wards/{ward_a.code}/households"
    good = {
        "code": "M1",
        "address": "Số 5 Lý Thường Kiệt",
        "group": "1",
        "phones": ["0912 345 678"],
    }
    created = api.post(url, good)
    assert created.status_code == 201, created.content
    assert created.json()["phones"] == ["0912345678"]
    assert AuditEntry.objects.filter(action="create", object_id=str(created.json()["id"])).exists()

    bad_phone = api.post(url, {**good, "code": "M2", "phones": ["12345"]})
    assert bad_phone.status_code == 422
    assert list(bad_phone.json()["errors"]) == ["phones"]

    unknown_group = api.post(url, {**good, "code": "M3", "group": "99"})
    assert unknown_group.status_code == 422
    assert unknown_group.json()["errors"]["group"] == [
        "Không có tổ dân phố nào có mã “99” trong phường này."
    ]
    missing = api.post(url, {"address": "x", "group": "1", "colour": "blue"})
    assert missing.json()["errors"] == {
        "code": ["Trường này là bắt buộc."],
        "colour": ["Trường không được hỗ trợ."],
    }
    assert _codes(api.get(url)) == ["M1"]


def test_it_answers_in_english_when_asked(client, lan, ward_a, group_a1):
    api = Api(client, lan, **{"Accept-Language": "en"})
    response = api.post(f"/wards/{ward_a.code}/households", {"address": "x", "group": "9"})
    assert response.json()["errors"] == {"code": ["This field is required."]}
    response = api.post(
        f"/wards/{ward_a.code}/households", {"code": "X", "address": "x", "group": "9"}
    )
    assert response.json()["errors"]["group"] == [
        "There is no residential group with code “9” in this ward."
    ]


def test_it_updates_a_household_and_writes_the_audit_log(client, lan, ward_a, group_a2, homes):
    api = Api(client, lan)
    h1 = homes["H1"]
    response = api.patch(
        f"/wards/{ward_a.code}/households/{h1.id}", {"address": "Số 1 Cầu Đất", "group": "2"}
    )
    assert response.status_code == 200, response.content
    assert (response.json()["address"], response.json()["group"]) == ("Số 1 Cầu Đất", "2")
    entry = AuditEntry.objects.get(action="update", object_id=str(h1.id))
    assert entry.actor == lan
    assert set(entry.changes) == {"address", "group"}

    refused = api.patch(f"/wards/{ward_a.code}/households/{h1.id}", {"lat": 50.0})
    assert refused.status_code == 422
    assert "lat" in refused.json()["errors"]


def test_it_adds_and_changes_residents(client, lan, ward_a, homes):
    api = Api(client, lan)
    h1 = homes["H1"]
    created = api.post(
        f"/wards/{ward_a.code}/households/{h1.id}/residents",
        {"full_name": "Phạm Thị Hoa", "birth_year": 1990, "phone": "+84 912 000 111"},
    )
    assert created.status_code == 201, created.content
    assert created.json()["phone"] == "0912000111"
    resident_id = created.json()["id"]

    changed = api.patch(f"/wards/{ward_a.code}/residents/{resident_id}", {"is_pregnant": True})
    assert changed.json()["vulnerable_flags"] == ["is_pregnant"]
    listed = api.get(f"/wards/{ward_a.code}/households/{h1.id}/residents")
    assert listed.json()["count"] == 1
    assert api.get(f"/wards/{ward_a.code}/residents/{resident_id}").json()["is_pregnant"]
    bad = api.patch(f"/wards/{ward_a.code}/residents/{resident_id}", {"phone": "abc"})
    assert list(bad.json()["errors"]) == ["phone"]


def test_it_masks_phones_for_readers_who_may_not_change_the_household(
    client, lan, thao, minh, ward_a, homes
):
    url = f"/wards/{ward_a.code}/households"
    by_code = {item["code"]: item for item in Api(client, thao).get(url).json()["items"]}
    assert by_code["H1"]["phones"] == ["0912•••678"]
    detail = Api(client, thao).get(f"{url}/{homes['H1'].id}").json()
    assert detail["phones"] == ["0912•••678"]

    assert Api(client, lan).get(f"{url}/{homes['H1'].id}").json()["phones"] == ["0912345678"]
    minh_sees = {item["code"]: item for item in Api(client, minh).get(url).json()["items"]}
    assert minh_sees["H1"]["phones"] == ["0912345678"]


def test_it_refuses_a_body_that_is_not_json(client, lan, ward_a):
    api = Api(client, lan)
    response = client.post(
        f"/api/v1/wards/{ward_a.code}/households",
        "{code: H1",
        content_type="application/json",
        headers=api.headers,
    )
    assert response.status_code == 400
    assert response.json() == {"errors": {"__all__": ["Nội dung yêu cầu không phải JSON hợp lệ."]}}


def test_it_lists_households_in_a_fixed_number_of_queries(
    client, lan, ward_a, group_a1, homes, django_assert_max_num_queries
):
    api = Api(client, lan)
    for number in range(10):
        household(lan, ward_a, group_a1, f"K{number}", phones=["0912345678"])
    # token, memberships, ward, count, page: not one query per household.
    with django_assert_max_num_queries(8):
        response = api.get(f"/wards/{ward_a.code}/households")
    assert response.json()["count"] == 14
