import datetime as dt
import json

import pytest
from django.urls import reverse

from taicho.community.services import household_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.core.models import AuditEntry
from taicho.hazards.models import HazardZone
from taicho.hazards.services import hazard_zone_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def zone(lan, ward_a, group_a1):
    household_create(
        actor=lan,
        ward=ward_a,
        code="A1-001",
        address="Số 1",
        group=group_a1,
        lat=CENTRE_LAT,
        lon=CENTRE_LON,
    )
    return hazard_zone_create(
        actor=lan,
        ward=ward_a,
        code="Z1",
        name="Bãi sông Bạch Đằng",
        kind="riverside",
        geometry=square(CENTRE_LAT, CENTRE_LON),
        risk_notes="Sạt lở khi triều cường",
    )


def _url(name, ward, *args):
    return reverse(name, args=[ward.code, *args])


def _form(**fields):
    data = {
        "code": "Z2",
        "name": "Khu trũng tổ 3",
        "kind": "inundation",
        "geometry": json.dumps(square(CENTRE_LAT + 0.003, CENTRE_LON)),
    }
    data.update(fields)
    return data


def test_it_lists_zones_with_the_households_in_them(client, duc, ward_a, zone):
    client.force_login(duc)
    response = client.get(_url("zone_list", ward_a))
    assert [(row.code, row.household_count) for row in response.context["zones"]] == [("Z1", 1)]
    assert _url("zone_create", ward_a) not in response.content.decode()
    filtered = client.get(_url("zone_list", ward_a), {"kind": "inundation"})
    assert list(filtered.context["zones"]) == []


def test_it_shows_a_zone_with_its_map_link_and_no_buttons_for_readers(client, duc, ward_a, zone):
    client.force_login(duc)
    page = client.get(_url("zone_detail", ward_a, zone.pk)).content.decode()
    assert "Sạt lở khi triều cường" in page
    assert f"{reverse('ward_map', args=[ward_a.code])}?zone={zone.pk}" in page
    assert _url("zone_edit", ward_a, zone.pk) not in page
    assert "Lịch sử" not in page
    assert client.get(_url("zone_edit", ward_a, zone.pk)).status_code == 403
    assert client.post(_url("zone_delete", ward_a, zone.pk)).status_code == 403
    assert client.post(_url("zone_create", ward_a), _form()).status_code == 403
    assert HazardZone.objects.count() == 1


def test_it_creates_a_zone_and_shows_its_history(client, lan, hung, ward_a, zone):
    client.force_login(lan)
    response = client.post(
        _url("zone_create", ward_a),
        _form(last_reviewed_on="2026-05-04", reviewed_by=hung.pk),
    )
    created = HazardZone.objects.get(code="Z2")
    assert response["Location"] == _url("zone_detail", ward_a, created.pk)
    assert created.reviewed_by == hung and created.last_reviewed_on == dt.date(2026, 5, 4)
    client.post(
        _url("zone_edit", ward_a, created.pk),
        _form(name="Khu trũng tổ 3 (mở rộng)", last_reviewed_on="2026-05-04", reviewed_by=hung.pk),
    )
    page = client.get(_url("zone_detail", ward_a, created.pk)).content.decode()
    assert "Lịch sử" in page
    assert "Khu trũng tổ 3 → Khu trũng tổ 3 (mở rộng)" in page
    assert "Trần Văn Hùng" in page and "04/05/2026" in page
    assert AuditEntry.objects.filter(object_type="hazards.hazardzone").count() == 3


def test_it_offers_only_people_of_the_ward_as_reviewers(client, lan, hung, binh, ward_a):
    client.force_login(lan)
    form = client.get(_url("zone_create", ward_a)).context["form"]
    assert set(form.fields["reviewed_by"].queryset) == {lan, hung}
    response = client.post(_url("zone_create", ward_a), _form(reviewed_by=binh.pk))
    assert "reviewed_by" in response.context["form"].errors


@pytest.mark.parametrize(
    "geometry",
    [
        "{not json",
        json.dumps({"type": "Polygon", "coordinates": [[[106.7, 20.9], [106.8, 20.9]]]}),
        json.dumps(square(CENTRE_LON, CENTRE_LAT)),  # latitude and longitude swapped
    ],
)
def test_it_shows_a_bad_geometry_on_the_geometry_field(client, lan, ward_a, geometry):
    client.force_login(lan)
    response = client.post(_url("zone_create", ward_a), _form(geometry=geometry))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["geometry"]
    assert errors["geometry"][0] in response.content.decode()
    assert not HazardZone.objects.exists() and not AuditEntry.objects.exists()


def test_it_refuses_a_zone_code_already_used(client, lan, ward_a, zone):
    client.force_login(lan)
    response = client.post(_url("zone_create", ward_a), _form(code="Z1"))
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["Mã “Z1” đã được dùng trong phường/xã này."]
    assert HazardZone.objects.count() == 1


def test_it_deletes_a_zone(client, hung, ward_a, zone):
    client.force_login(hung)
    assert client.get(_url("zone_delete", ward_a, zone.pk)).status_code == 200
    response = client.post(_url("zone_delete", ward_a, zone.pk))
    assert response["Location"] == _url("zone_list", ward_a)
    assert not HazardZone.objects.exists()


def test_it_hides_ward_a_zones_from_binh(client, binh, ward_a, ward_b, zone):
    client.force_login(binh)
    for name, args in [
        ("zone_list", []),
        ("zone_create", []),
        ("zone_detail", [zone.pk]),
        ("zone_edit", [zone.pk]),
        ("zone_delete", [zone.pk]),
    ]:
        assert client.get(_url(name, ward_a, *args)).status_code == 404, name
    for name in ("zone_detail", "zone_edit", "zone_delete"):
        assert client.get(_url(name, ward_b, zone.pk)).status_code == 404, name
    assert client.post(_url("zone_delete", ward_b, zone.pk)).status_code == 404
    assert HazardZone.objects.filter(pk=zone.pk).exists()


def test_it_lets_the_city_viewer_read_zones_only(client, thao, ward_a, zone):
    client.force_login(thao)
    assert client.get(_url("zone_detail", ward_a, zone.pk)).status_code == 200
    for name, args in [("zone_create", []), ("zone_edit", [zone.pk]), ("zone_delete", [zone.pk])]:
        assert client.get(_url(name, ward_a, *args)).status_code == 403, name
