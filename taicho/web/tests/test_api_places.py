"""Hazard zones, shelters and residential groups over the API."""

import pytest

from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.core.models import AuditEntry
from taicho.web.tests.test_api_support import Api, household

pytestmark = pytest.mark.django_db

SCHOOL = {
    "code": "S1",
    "name": "Trường THCS Bạch Đằng",
    "kind": "school",
    "lat": CENTRE_LAT,
    "lon": CENTRE_LON,
    "capacity": 400,
    "contact_phone": "0225 3842 111",
    "hazard_kinds": ["inundation", "coastal"],
}


def test_it_keeps_hazard_zones(client, lan, ward_a, group_a1):
    api = Api(client, lan)
    url = f"/wards/{ward_a.code}/zones"
    geometry = square(CENTRE_LAT, CENTRE_LON)
    flood = api.post(
        url, {"code": "Z1", "name": "Trũng", "kind": "inundation", "geometry": geometry}
    )
    assert flood.status_code == 201, flood.content
    api.post(url, {"code": "Z2", "name": "Kè", "kind": "riverside", "geometry": geometry})
    assert [z["code"] for z in api.get(url, {"kind": "riverside"}).json()["items"]] == ["Z2"]
    assert api.get(url).json()["count"] == 2

    zone_id = flood.json()["id"]
    changed = api.patch(
        f"{url}/{zone_id}", {"name": "Vùng trũng", "last_reviewed_on": "2025-06-01"}
    )
    assert changed.json()["last_reviewed_on"] == "2025-06-01"
    assert AuditEntry.objects.filter(action="update", object_id=str(zone_id)).exists()
    assert api.get(f"{url}/{zone_id}").json()["name"] == "Vùng trũng"
    household(lan, ward_a, group_a1, "H1", lat=CENTRE_LAT, lon=CENTRE_LON)
    assert api.get(f"{url}/{zone_id}").json()["household_count"] == 1

    outside = square(48.85, 2.35)
    refused = api.post(url, {"code": "Z3", "name": "Paris", "kind": "other", "geometry": outside})
    assert refused.status_code == 422
    assert list(refused.json()["errors"]) == ["geometry"]
    bad_date = api.patch(f"{url}/{zone_id}", {"last_reviewed_on": "hôm qua"})
    assert bad_date.json()["errors"] == {
        "last_reviewed_on": ["Hãy nhập ngày theo dạng YYYY-MM-DD."]
    }


def test_it_keeps_shelters(client, lan, ward_a):
    api = Api(client, lan)
    url = f"/wards/{ward_a.code}/shelters"
    created = api.post(url, SCHOOL)
    assert created.status_code == 201, created.content
    assert created.json()["contact_phone"] == "02253842111"
    api.post(url, {**SCHOOL, "code": "S2", "hazard_kinds": ["landslide"]})
    api.post(url, {**SCHOOL, "code": "S3", "hazard_kinds": []})
    usable = api.get(url, {"hazard_kind": "coastal"}).json()
    assert [s["code"] for s in usable["items"]] == ["S1"]
    assert usable["count"] == 1

    shelter_id = created.json()["id"]
    changed = api.patch(f"{url}/{shelter_id}", {"capacity": 350})
    assert changed.json()["capacity"] == 350
    assert AuditEntry.objects.filter(action="update", object_id=str(shelter_id)).exists()

    refused = api.patch(f"{url}/{shelter_id}", {"hazard_kinds": ["volcano"], "capacity": -1})
    assert refused.status_code == 422
    assert set(refused.json()["errors"]) == {"hazard_kinds", "capacity"}
    assert api.get(f"{url}/{shelter_id}").json()["capacity"] == 350


def test_it_keeps_residential_groups(client, lan, ward_a, group_a1):
    api = Api(client, lan)
    url = f"/wards/{ward_a.code}/groups"
    created = api.post(url, {"code": "7", "name": "Tổ dân phố số 7", "leader_phone": "0912345678"})
    assert created.status_code == 201, created.content
    household(lan, ward_a, group_a1, "H1")
    groups = api.get(url).json()["items"]
    assert [(g["code"], g["household_count"]) for g in groups] == [("1", 1), ("7", 0)]
    duplicate = api.post(url, {"code": "7", "name": "Trùng"})
    assert duplicate.status_code == 422
    assert api.get(url).json()["count"] == 2


def test_it_reports_a_duplicate_code_without_a_server_error(client, lan, ward_a):
    api = Api(client, lan)
    url = f"/wards/{ward_a.code}/shelters"
    assert api.post(url, SCHOOL).status_code == 201
    again = api.post(url, SCHOOL)
    assert again.status_code in (409, 422)
    assert "errors" in again.json()
    assert api.get(url).json()["count"] == 1
