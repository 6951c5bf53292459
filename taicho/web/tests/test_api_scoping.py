"""The API shows each user exactly what the web shows them: ward, groups and rights."""

import pytest

from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.core.models import AuditEntry
from taicho.shelters.services import shelter_create
from taicho.web.tests.test_api_support import Api, household, ward_a_households

pytestmark = pytest.mark.django_db

NEW_HOUSEHOLD = {"code": "N1", "address": "Số 1 Hoàng Văn Thụ", "group": "1"}
NEW_ZONE = {
    "code": "Z9",
    "name": "Bờ kè",
    "kind": "riverside",
    "geometry": square(CENTRE_LAT, CENTRE_LON),
}


@pytest.fixture
def homes(lan, ward_a, group_a1, group_a2):
    return ward_a_households(lan, ward_a, group_a1, group_a2)


@pytest.fixture
def shelter_a(lan, ward_a):
    return shelter_create(
        actor=lan,
        ward=ward_a,
        code="S1",
        name="Trường Tiểu học Bạch Đằng",
        kind="school",
        lat=CENTRE_LAT,
        lon=CENTRE_LON,
        capacity=300,
        hazard_kinds=["inundation"],
    )


def _ward_a_routes(ward_a, homes):
    """(method, path, body) for every ward-A route, reading and writing."""
    h1 = homes["H1"]
    resident = h1.residents.create(ward=ward_a, full_name="Lê Thị Hạnh")
    base = f"/wards/{ward_a.code}"
    return [
        ("get", f"{base}/households", None),
        ("post", f"{base}/households", NEW_HOUSEHOLD),
        ("get", f"{base}/households/{h1.id}", None),
        ("patch", f"{base}/households/{h1.id}", {"address": "Đã đổi"}),
        ("get", f"{base}/households/{h1.id}/residents", None),
        ("post", f"{base}/households/{h1.id}/residents", {"full_name": "Người Lạ"}),
        ("get", f"{base}/residents/{resident.id}", None),
        ("patch", f"{base}/residents/{resident.id}", {"full_name": "Đã đổi"}),
        ("get", f"{base}/groups", None),
        ("post", f"{base}/groups", {"code": "9", "name": "Tổ 9"}),
        ("get", f"{base}/zones", None),
        ("post", f"{base}/zones", NEW_ZONE),
        ("get", f"{base}/shelters", None),
    ]


def _call(api, method, path, body):
    return api.get(path) if method == "get" else getattr(api, method)(path, body)


def test_it_hides_every_ward_a_route_from_ward_b(client, binh, ward_a, ward_b, group_b1, homes):
    api = Api(client, binh)
    audit_before = AuditEntry.objects.count()
    for method, path, body in _ward_a_routes(ward_a, homes):
        response = _call(api, method, path, body)
        assert response.status_code == 404, (method, path, response.content)
        assert "H1" not in response.content.decode()
    # Ward A's ids under ward B's own code: still nothing.
    h1 = homes["H1"]
    for method, body in (("get", None), ("patch", {"address": "Đã đổi"})):
        response = _call(api, method, f"/wards/{ward_b.code}/households/{h1.id}", body)
        assert response.status_code == 404
        assert response.json() == {"detail": "Không tìm thấy hộ dân này trong phường."}
    assert AuditEntry.objects.count() == audit_before
    assert api.get(f"/wards/{ward_b.code}/households").json()["count"] == 0


def test_it_lets_the_city_viewer_read_but_not_write(client, thao, ward_a, homes, shelter_a):
    api = Api(client, thao)
    base = f"/wards/{ward_a.code}"
    assert api.get(f"{base}/households").json()["count"] == 4
    h1 = homes["H1"]
    assert api.get(f"{base}/households/{h1.id}").status_code == 200
    writes = [
        api.post(f"{base}/households", NEW_HOUSEHOLD),
        api.patch(f"{base}/households/{h1.id}", {"address": "Đã đổi"}),
        api.post(f"{base}/households/{h1.id}/residents", {"full_name": "Người Lạ"}),
        api.post(f"{base}/zones", NEW_ZONE),
        api.patch(f"{base}/shelters/{shelter_a.id}", {"capacity": 1}),
        api.post(f"{base}/groups", {"code": "9", "name": "Tổ 9"}),
    ]
    assert [response.status_code for response in writes] == [403] * len(writes)
    assert writes[1].json() == {"detail": "Bạn không có quyền thay đổi bản ghi này."}
    assert not AuditEntry.objects.filter(actor=thao).exists()


def test_it_limits_a_group_leader_to_his_group(client, minh, ward_a, homes):
    api = Api(client, minh)
    base = f"/wards/{ward_a.code}"
    listed = api.get(f"{base}/households").json()
    assert [item["code"] for item in listed["items"]] == ["H1", "H2", "H3"]
    assert api.get(f"{base}/households/{homes['H4'].id}").status_code == 404
    assert api.patch(f"{base}/households/{homes['H4'].id}", {"address": "x"}).status_code == 404

    assert api.post(f"{base}/households", {**NEW_HOUSEHOLD, "group": "2"}).status_code == 403
    moved = api.patch(f"{base}/households/{homes['H1'].id}", {"group": "2"})
    assert moved.status_code == 403
    assert api.post(f"{base}/households", NEW_HOUSEHOLD).status_code == 201


def test_it_gives_the_shock_force_places_but_no_households(client, duc, ward_a, homes, shelter_a):
    """Chosen: households read as an empty list (no right to personal data), details 404."""
    api = Api(client, duc)
    base = f"/wards/{ward_a.code}"
    assert api.get(f"{base}/zones").json()["count"] == 1
    assert api.get(f"{base}/shelters").json()["count"] == 1
    assert api.get(f"{base}/households").json() == {"items": [], "count": 0}
    assert api.get(f"{base}/households/{homes['H1'].id}").status_code == 404
    assert api.post(f"{base}/households", NEW_HOUSEHOLD).status_code == 403
    assert api.patch(f"{base}/shelters/{shelter_a.id}", {"capacity": 1}).status_code == 403


def test_it_lists_only_the_wards_a_user_can_read(client, lan, thao, ward_a, ward_b):
    assert Api(client, lan).get("/wards").json()["items"] == [
        {
            "code": ward_a.code,
            "name": ward_a.name,
            "province": ward_a.province.name,
            "province_code": ward_a.province.code,
        }
    ]
    city = Api(client, thao).get("/wards").json()
    assert city["count"] == ward_a.province.wards.count()
    assert ward_b.code in [item["code"] for item in city["items"]]


def test_it_keeps_households_of_another_ward_out_of_filters(
    client, lan, binh, ward_a, ward_b, group_b1, homes
):
    household(binh, ward_b, group_b1, "H1")
    listed = Api(client, lan).get(f"/wards/{ward_a.code}/households", {"group": "1"}).json()
    assert listed["count"] == 3
