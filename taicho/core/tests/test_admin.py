import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from taicho.community.services import household_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.core.models import AuditEntry, ResidentialGroup
from taicho.core.services import api_token_create
from taicho.hazards.services import hazard_zone_create
from taicho.shelters.services import shelter_create

pytestmark = pytest.mark.django_db


def _staff(*users):
    for user in users:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


@pytest.fixture
def ward_a_rows(lan, ward_a, group_a1):
    household = household_create(
        actor=lan, ward=ward_a, code="A1-001", address="Số 1 Bạch Đằng", group=group_a1
    )
    zone = hazard_zone_create(
        actor=lan,
        ward=ward_a,
        code="Z1",
        name="Bãi sông",
        kind="riverside",
        geometry=square(CENTRE_LAT, CENTRE_LON),
    )
    shelter = shelter_create(
        actor=lan,
        ward=ward_a,
        code="S1",
        name="Trường THCS Bạch Đằng",
        kind="school",
        lat=CENTRE_LAT,
        lon=CENTRE_LON,
        capacity=300,
    )
    return household, zone, shelter


def _admin_url(obj, view="change"):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


def _changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def test_it_hides_ward_a_rows_from_a_ward_b_staff_member(client, binh, group_a1, ward_a_rows):
    _staff(binh)
    client.force_login(binh)
    for row in (*ward_a_rows, group_a1):
        for view in ("change", "history", "delete"):
            assert client.get(_admin_url(row, view)).status_code == 404, (row, view)
        assert client.post(_admin_url(row, "delete"), {"post": "yes"}).status_code == 404
        listing = client.get(_changelist(type(row)))
        assert listing.status_code == 200
        assert list(listing.context["cl"].result_list) == []
    household = ward_a_rows[0]
    assert "A1-001" not in client.get(_changelist(type(household))).content.decode()
    assert type(household).objects.filter(pk=household.pk).exists()


def test_it_keeps_people_out_of_the_admin_unless_staff(client, lan, ward_a_rows):
    client.force_login(lan)
    response = client.get(_admin_url(ward_a_rows[0]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_it_lets_the_city_viewer_look_but_not_change(client, thao, ward_a_rows):
    household, zone, _shelter = ward_a_rows
    _staff(thao)
    client.force_login(thao)
    page = client.get(_admin_url(zone))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(_admin_url(zone), {"name": "Đổi tên"}).status_code == 403
    assert client.get(reverse("admin:hazards_hazardzone_add")).status_code == 403
    assert client.post(_admin_url(household, "delete"), {"post": "yes"}).status_code == 403
    zone.refresh_from_db()
    assert zone.name == "Bãi sông"


def test_it_saves_zones_through_the_service_and_the_audit_log(client, lan, ward_a, ward_a_rows):
    _household, zone, _shelter = ward_a_rows
    _staff(lan)
    client.force_login(lan)
    form = client.get(_admin_url(zone)).context["adminform"].form
    assert set(form.fields["reviewed_by"].queryset) == {lan}
    response = client.post(
        _admin_url(zone),
        {
            "code": "Z1",
            "name": "Bãi sông Cấm",
            "kind": "riverside",
            "geometry": '{"type": "Point", "coordinates": [106.73, 20.97]}',
            "description": "",
            "risk_notes": "",
            "last_reviewed_on": "",
            "reviewed_by": lan.pk,
        },
    )
    assert response.status_code == 302
    zone.refresh_from_db()
    assert (zone.name, zone.geometry["type"], zone.reviewed_by) == ("Bãi sông Cấm", "Point", lan)
    entry = AuditEntry.objects.filter(object_type="hazards.hazardzone", action="update").get()
    assert entry.changes["name"] == ["Bãi sông", "Bãi sông Cấm"]
    assert zone.min_lon == zone.max_lon == 106.73


def test_it_reports_a_bad_geometry_in_the_admin_and_saves_nothing(client, lan, ward_a):
    _staff(lan)
    client.force_login(lan)
    response = client.post(
        reverse("admin:hazards_hazardzone_add"),
        {
            "ward": ward_a.pk,
            "code": "Z9",
            "name": "Ngoài biển",
            "kind": "coastal",
            "geometry": '{"type": "Point", "coordinates": [20.97, 106.73]}',
        },
        follow=True,
    )
    assert response.status_code == 200
    assert any("106.73" in str(message) for message in response.context["messages"])
    assert not AuditEntry.objects.exists()


def test_it_scopes_the_audit_log(client, lan, binh, thao, ward_a_rows):
    _staff(lan, binh, thao)
    client.force_login(lan)
    listing = client.get(_changelist(AuditEntry))
    assert len(listing.context["cl"].result_list) == 3
    entry = AuditEntry.objects.first()
    assert client.get(_admin_url(entry)).status_code == 200
    assert client.post(_admin_url(entry, "delete"), {"post": "yes"}).status_code == 403
    client.force_login(binh)
    assert list(client.get(_changelist(AuditEntry)).context["cl"].result_list) == []
    assert client.get(_admin_url(entry)).status_code == 404
    client.force_login(thao)  # reads the registries, but the audit log is for managers
    assert client.get(_changelist(AuditEntry)).status_code == 403


def test_it_keeps_memberships_and_tokens_for_superusers(client, lan, ward_a):
    _staff(lan)
    token, _key = api_token_create(user=lan, name="Điện thoại của Lan")
    client.force_login(lan)
    assert client.get(reverse("admin:core_membership_changelist")).status_code == 403
    assert client.get(reverse("admin:core_apitoken_changelist")).status_code == 403
    assert client.get(reverse("admin:core_ward_changelist")).status_code == 200
    assert client.get(reverse("admin:core_ward_add")).status_code == 403
    root = get_user_model().objects.create_superuser("root", password="mật-khẩu-thử")
    client.force_login(root)
    assert client.get(reverse("admin:core_membership_changelist")).status_code == 200
    assert client.get(reverse("admin:core_apitoken_add")).status_code == 403
    assert client.get(_admin_url(token)).status_code == 200


def test_it_refuses_to_delete_a_group_that_has_households(client, lan, group_a1, ward_a_rows):
    _staff(lan)
    client.force_login(lan)
    response = client.post(_admin_url(group_a1, "delete"), {"post": "yes"})
    assert response.status_code == 200
    assert "A1-001" in str(response.context["protected"])
    assert ResidentialGroup.objects.filter(pk=group_a1.pk).exists()


def test_it_creates_a_group_through_the_service(client, hung, minh, ward_a):
    _staff(hung, minh)
    client.force_login(minh)  # a group leader reads the groups but may not change them
    assert client.get(reverse("admin:core_residentialgroup_add")).status_code == 403
    client.force_login(hung)
    response = client.post(
        reverse("admin:core_residentialgroup_add"),
        {"ward": ward_a.pk, "code": "9", "name": "Tổ dân phố 9", "leader_phone": "0912 345 678"},
    )
    assert response.status_code == 302
    group = ResidentialGroup.objects.get(ward=ward_a, code="9")
    assert group.leader_phone == "0912345678"
    assert AuditEntry.objects.filter(object_type="core.residentialgroup", action="create").exists()
