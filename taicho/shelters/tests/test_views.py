import pytest
from django.urls import reverse

from taicho.conftest import CENTRE_LAT, CENTRE_LON
from taicho.core.models import AuditEntry
from taicho.shelters.models import Shelter
from taicho.shelters.services import shelter_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(lan, ward_a):
    return shelter_create(
        actor=lan,
        ward=ward_a,
        code="S1",
        name="Trường THCS Bạch Đằng",
        kind="school",
        lat=CENTRE_LAT,
        lon=CENTRE_LON,
        capacity=300,
        hazard_kinds=["inundation", "coastal"],
    )


def _url(name, ward, *args):
    return reverse(name, args=[ward.code, *args])


def _form(**fields):
    data = {
        "code": "S2",
        "name": "Nhà văn hóa tổ 5",
        "kind": "cultural_house",
        "lat": CENTRE_LAT + 0.002,
        "lon": CENTRE_LON,
        "capacity": 80,
        "hazard_kinds": ["inundation", "landslide"],
    }
    data.update(fields)
    return data


def test_it_lets_the_shock_force_see_shelters_without_buttons(client, duc, ward_a, school):
    client.force_login(duc)
    listing = client.get(_url("shelter_list", ward_a))
    assert [row.code for row in listing.context["shelters"]] == ["S1"]
    assert _url("shelter_create", ward_a) not in listing.content.decode()
    detail = client.get(_url("shelter_detail", ward_a, school.pk)).content.decode()
    assert "Trường THCS Bạch Đằng" in detail and "300" in detail
    assert _url("shelter_edit", ward_a, school.pk) not in detail
    assert client.get(_url("shelter_create", ward_a)).status_code == 403
    assert client.post(_url("shelter_edit", ward_a, school.pk), _form()).status_code == 403
    assert client.post(_url("shelter_delete", ward_a, school.pk)).status_code == 403


def test_it_filters_shelters_by_hazard(client, lan, ward_a, school):
    shelter_create(
        actor=lan,
        ward=ward_a,
        code="S3",
        name="Nhà kiên cố ông Tư",
        kind="solid_house",
        lat=CENTRE_LAT,
        lon=CENTRE_LON,
        capacity=20,
        hazard_kinds=["landslide"],
    )
    client.force_login(lan)
    response = client.get(_url("shelter_list", ward_a), {"hazard": "coastal"})
    assert [row.code for row in response.context["shelters"]] == ["S1"]
    assert response.context["capacity"] == 300


def test_it_creates_edits_and_deletes_a_shelter_with_history(client, hung, ward_a):
    client.force_login(hung)
    form = client.get(_url("shelter_create", ward_a)).content.decode()
    assert 'type="checkbox" name="hazard_kinds" value="coastal"' in form
    response = client.post(_url("shelter_create", ward_a), _form())
    shelter = Shelter.objects.get(code="S2")
    assert response["Location"] == _url("shelter_detail", ward_a, shelter.pk)
    assert shelter.hazard_kinds == ["inundation", "landslide"]
    client.post(_url("shelter_edit", ward_a, shelter.pk), _form(capacity=120))
    shelter.refresh_from_db()
    assert shelter.capacity == 120
    page = client.get(_url("shelter_detail", ward_a, shelter.pk)).content.decode()
    assert "Lịch sử" in page and "80 → 120" in page
    client.post(_url("shelter_delete", ward_a, shelter.pk))
    assert not Shelter.objects.exists()
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "create",
        "update",
        "delete",
    ]


def test_it_shows_bad_input_on_its_field_and_saves_nothing(client, lan, ward_a):
    client.force_login(lan)
    bad_phone = client.post(_url("shelter_create", ward_a), _form(contact_phone="113"))
    assert list(bad_phone.context["form"].errors) == ["contact_phone"]
    outside = client.post(_url("shelter_create", ward_a), _form(lat=CENTRE_LON, lon=CENTRE_LAT))
    assert list(outside.context["form"].errors) == ["lat"]
    assert not Shelter.objects.exists()


def test_it_hides_ward_a_shelters_from_binh(client, binh, ward_a, ward_b, school):
    client.force_login(binh)
    for name, args in [
        ("shelter_list", []),
        ("shelter_create", []),
        ("shelter_detail", [school.pk]),
        ("shelter_edit", [school.pk]),
        ("shelter_delete", [school.pk]),
    ]:
        assert client.get(_url(name, ward_a, *args)).status_code == 404, name
    for name in ("shelter_detail", "shelter_edit", "shelter_delete"):
        assert client.get(_url(name, ward_b, school.pk)).status_code == 404, name
    assert client.post(_url("shelter_delete", ward_b, school.pk)).status_code == 404
    assert Shelter.objects.filter(pk=school.pk).exists()


def test_it_lets_the_city_viewer_read_shelters_only(client, thao, ward_a, school):
    client.force_login(thao)
    assert client.get(_url("shelter_detail", ward_a, school.pk)).status_code == 200
    for name, args in [
        ("shelter_create", []),
        ("shelter_edit", [school.pk]),
        ("shelter_delete", [school.pk]),
    ]:
        assert client.get(_url(name, ward_a, *args)).status_code == 403, name
