"""`taicho demo`: the synthetic demo ward, what an officer trying taicho would notice."""

import hashlib
import json
from io import StringIO

import pytest
import shapely
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from taicho.community.models import Household, Resident
from taicho.community.services import household_search_text
from taicho.core.access import can_write
from taicho.core.models import AuditEntry, Membership, ResidentialGroup, Ward
from taicho.core.phones import normalize_phone
from taicho.core.vietnamese import fold, name_sort_key
from taicho.demo import geography
from taicho.demo.generator import REFERENCE_YEAR
from taicho.demo.services import WARD_CODE
from taicho.demo.users import DEMO_PASSWORD, DEMO_USERS
from taicho.exposure.models import HouseholdZone
from taicho.geo.geojson import bbox_of, check_point, parse_geometry
from taicho.hazards.models import HazardZone
from taicho.shelters.models import Shelter

pytestmark = pytest.mark.django_db

HOUSEHOLDS = 300


def _demo(**options) -> str:
    out = StringIO()
    call_command("demo", households=HOUSEHOLDS, stdout=out, **options)
    return out.getvalue()


def _ward() -> Ward:
    return Ward.objects.get(code=WARD_CODE)


def _digest() -> str:
    """A fingerprint of every household and resident of the demo ward, ids left out."""
    ward = _ward()
    households = Household.objects.filter(ward=ward).order_by("code")
    residents = Resident.objects.filter(ward=ward).order_by("household__code", "id")
    groups = ResidentialGroup.objects.filter(ward=ward).order_by("code")
    rows = [
        list(groups.values_list("code", "name", "leader_name", "leader_phone")),
        list(
            households.values_list(
                "code",
                "address",
                "group__code",
                "lat",
                "lon",
                "phones",
                "housing_type",
                "poverty",
                "search_text",
            )
        ),
        list(
            residents.values_list(
                "household__code",
                "full_name",
                "birth_year",
                "sex",
                "phone",
                "is_disabled",
                "is_pregnant",
                "is_chronically_ill",
                "is_bedridden",
            )
        ),
        list(
            Shelter.objects.filter(ward=ward).values_list("code", "contact_name", "contact_phone")
        ),
    ]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def _counts() -> dict[str, int]:
    ward = _ward()
    return {
        model.__name__: model.objects.filter(ward=ward).count()
        for model in (ResidentialGroup, Household, Resident, HazardZone, Shelter, HouseholdZone)
    }


def test_it_builds_the_ward_with_groups_households_residents_zones_and_shelters():
    output = _demo()

    counts = _counts()
    assert counts["ResidentialGroup"] == 12
    assert counts["Household"] == HOUSEHOLDS
    assert 2.6 * HOUSEHOLDS <= counts["Resident"] <= 3.4 * HOUSEHOLDS
    assert counts["HazardZone"] == 10
    assert counts["Shelter"] == 8
    ward = _ward()
    assert (ward.center_lat, ward.center_lon) == (20.97, 106.73)
    names = list(ResidentialGroup.objects.filter(ward=ward).values_list("code", "name"))
    assert ("1", "Tổ dân phố số 1") in names and ("12", "Tổ dân phố số 12") in names
    assert "Dữ liệu giả lập — synthetic data" in output
    assert "300 hộ dân" in output
    assert AuditEntry.objects.filter(
        ward=ward, object_type="demo", object_repr="demo loaded (synthetic data)"
    ).exists()
    first = Household.objects.get(ward=ward, code="BD-01-0001")
    assert first.address.startswith("Số ") and first.address.endswith("Tổ dân phố số 1")


def test_it_gives_the_same_data_for_the_same_seed_and_other_data_for_another_seed():
    _demo()
    first = _digest()

    _demo(reset=True)
    assert _digest() == first

    _demo(reset=True, seed=7)
    assert _digest() != first


def test_it_places_every_household_in_the_ward_and_many_in_hazard_zones():
    _demo()
    ward = _ward()
    points = list(Household.objects.filter(ward=ward).values_list("lat", "lon"))
    for lat, lon in points:
        check_point(lat, lon)
    lats, lons = zip(*points, strict=True)
    assert shapely.contains_xy(geography.WARD_AREA, lons, lats).all()

    exposed = HouseholdZone.objects.filter(ward=ward).values("household").distinct().count()
    assert exposed >= 0.2 * HOUSEHOLDS
    riverside = HazardZone.objects.get(ward=ward, code="VS-01")
    groups = set(
        HouseholdZone.objects.filter(zone=riverside).values_list(
            "household__group__code", flat=True
        )
    )
    assert groups and groups <= set(geography.RIVERSIDE_GROUPS)
    assert HouseholdZone.objects.filter(zone__kind="inundation", ward=ward).exists()


def test_it_stores_valid_zone_geometries_of_every_kind():
    _demo()
    zones = HazardZone.objects.filter(ward=_ward())
    kinds = {}
    for zone in zones:
        shape = parse_geometry(zone.geometry)
        box = bbox_of(shape)
        assert (zone.min_lon, zone.min_lat, zone.max_lon, zone.max_lat) == pytest.approx(
            (box.min_lon, box.min_lat, box.max_lon, box.max_lat)
        )
        assert zone.name and zone.description and zone.risk_notes
        kinds.setdefault(zone.kind, set()).add(zone.geometry["type"])
    assert kinds["landslide"] == {"Polygon"}
    assert kinds["riverside"] == {"Polygon"}
    assert kinds["coastal"] == {"Polygon"}
    assert kinds["weak_point"] == {"Point", "LineString"}
    assert zones.filter(kind="inundation").count() >= 3
    assert zones.filter(code="SL-01").exists() and zones.filter(code="NU-01").exists()


def test_it_places_shelters_that_are_safe_for_the_hazards_they_serve():
    _demo()
    ward = _ward()
    polygons = [
        (zone.kind, shapely.geometry.shape(zone.geometry))
        for zone in HazardZone.objects.filter(ward=ward, geometry__type="Polygon")
    ]
    shelters = list(Shelter.objects.filter(ward=ward))
    assert {shelter.kind for shelter in shelters} == {
        "school",
        "ward_office",
        "cultural_house",
        "solid_house",
    }
    for shelter in shelters:
        assert 100 <= shelter.capacity <= 600
        assert normalize_phone(shelter.contact_phone) == shelter.contact_phone
        assert shelter.contact_name
        check_point(shelter.lat, shelter.lon)
        for kind, area in polygons:
            if kind in shelter.hazard_kinds:
                assert not area.contains(shapely.Point(shelter.lon, shelter.lat)), shelter.name


def test_it_writes_rows_the_services_would_accept():
    _demo()
    ward = _ward()
    for household in Household.objects.filter(ward=ward).order_by("code")[::25]:
        household.full_clean()
        check_point(household.lat, household.lon)
        assert household.phones == [normalize_phone(phone) for phone in household.phones]
        head = household.residents.order_by("id").first()
        assert household.search_text == household_search_text(household, head.full_name)
        assert household.code.startswith("BD-") and len(household.code) == len("BD-01-0001")
    for resident in Resident.objects.filter(ward=ward).order_by("id")[::40]:
        resident.full_clean()
        if resident.phone:
            assert normalize_phone(resident.phone) == resident.phone
        assert resident.sort_key == name_sort_key(resident.full_name)
        assert resident.search_name == fold(resident.full_name)
    phones = list(
        Resident.objects.filter(ward=ward).exclude(phone="").values_list("phone", flat=True)
    )
    assert all(len(phone) == 10 and phone[:2] in {"03", "05", "07", "08", "09"} for phone in phones)
    assert len(set(phones)) == len(phones)


def test_it_makes_a_believable_population():
    _demo()
    residents = Resident.objects.filter(ward=_ward())
    total = residents.count()
    elderly = residents.filter(birth_year__lte=REFERENCE_YEAR - 60).count()
    children = residents.filter(birth_year__gt=REFERENCE_YEAR - 16).count()
    assert 0.08 * total <= elderly <= 0.25 * total
    assert 0.15 * total <= children <= 0.35 * total
    for flag in ("is_disabled", "is_chronically_ill", "is_pregnant"):
        assert residents.filter(**{flag: True}).exists(), flag
    assert not residents.filter(is_pregnant=True, sex="male").exists()
    # Names agree with sex: "Thị" is a woman's middle name, "Văn" a man's.
    assert not residents.filter(sex="male", full_name__contains=" Thị ").exists()
    assert not residents.filter(sex="female", full_name__contains=" Văn ").exists()
    assert all(len(name.split()) >= 3 for name in residents.values_list("full_name", flat=True))

    households = Household.objects.filter(ward=_ward())
    assert households.filter(poverty="poor").exists()
    assert households.filter(poverty="near_poor").exists()
    weak = ("non_solid", "makeshift")
    riverside = households.filter(zone_links__zone__code="VS-01").distinct()
    inland = households.exclude(group__code__in=geography.RIVERSIDE_GROUPS)
    weak_share_riverside = riverside.filter(housing_type__in=weak).count() / riverside.count()
    weak_share_inland = inland.filter(housing_type__in=weak).count() / inland.count()
    assert weak_share_riverside > weak_share_inland


def test_it_lets_the_demo_users_log_in_with_their_roles():
    output = _demo()
    ward = _ward()
    for spec in DEMO_USERS:
        assert Client().login(username=spec.username, password=DEMO_PASSWORD), spec.username
        assert spec.username in output
    assert DEMO_PASSWORD in output
    assert "Tổ trưởng Tổ dân phố số 1 và số 2" in output

    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {spec.username: spec.role for spec in DEMO_USERS if spec.role}
    assert get_user_model().objects.get(username="admin").is_superuser
    viewer = Membership.objects.get(user__username="thanhpho")
    assert viewer.province_id == ward.province_id and viewer.ward_id is None
    leader = Membership.objects.get(user__username="totruong")
    assert sorted(leader.groups.values_list("code", flat=True)) == ["1", "2"]
    user = leader.user
    group_3 = ResidentialGroup.objects.get(ward=ward, code="3")
    group_1 = ResidentialGroup.objects.get(ward=ward, code="1")
    assert can_write(user, ward_id=ward.id, topic="people", group_id=group_1.id)
    assert not can_write(user, ward_id=ward.id, topic="people", group_id=group_3.id)


def test_it_refuses_to_load_over_existing_data_without_reset():
    _demo()
    before = (_counts(), _digest())

    with pytest.raises(CommandError, match="--reset"):
        _demo(seed=99)
    assert (_counts(), _digest()) == before

    _demo(reset=True, seed=99)
    assert _digest() != before[1]
    assert _counts()["Household"] == HOUSEHOLDS


def test_it_resets_the_demo_passwords_when_loading_again():
    _demo()
    user = get_user_model().objects.get(username="chutich")
    user.set_password("something-else-entirely")
    user.is_active = False
    user.save()

    _demo(reset=True)
    assert Client().login(username="chutich", password=DEMO_PASSWORD)


def test_it_prints_only_the_logins_and_changes_nothing():
    out = StringIO()
    call_command("demo", logins_only=True, stdout=out)
    assert "Chưa có tài khoản demo" in out.getvalue()
    assert not get_user_model().objects.exists()
    assert _counts()["Household"] == 0

    _demo()
    before = (_counts(), _digest(), AuditEntry.objects.count(), get_user_model().objects.count())
    out = StringIO()
    call_command("demo", logins_only=True, stdout=out)
    assert (
        _counts(),
        _digest(),
        AuditEntry.objects.count(),
        get_user_model().objects.count(),
    ) == before
    text = out.getvalue()
    assert all(spec.username in text for spec in DEMO_USERS)
    assert DEMO_PASSWORD in text


def test_it_does_not_print_a_login_whose_password_was_changed():
    _demo()
    user = get_user_model().objects.get(username="admin")
    user.set_password("a-real-admin-password")
    user.save()
    out = StringIO()
    call_command("demo", logins_only=True, stdout=out)
    assert "admin " not in out.getvalue() and "chutich" in out.getvalue()


def test_it_refuses_a_household_count_below_one():
    with pytest.raises(CommandError, match="households"):
        call_command("demo", households=0, stdout=StringIO())
    assert _counts()["ResidentialGroup"] == 0


def test_it_gives_the_demo_ward_response_plans_and_cap_settings(db):
    from taicho.demo.services import demo_load
    from taicho.shelters.evacuation_selectors import households_for_plan
    from taicho.shelters.models import ResponsePlan
    from taicho.warnings.models import WardWarningSettings

    summary = demo_load(households=300)
    plans = ResponsePlan.objects.filter(ward=summary.ward)
    assert sorted(plans.values_list("hazard_type", "level")) == [
        ("flood", 3),
        ("storm", 3),
        ("storm", 4),
        ("storm", 5),
    ]
    storm_4 = plans.get(hazard_type="storm", level=4)
    assert storm_4.shelters.count() == 8
    assert households_for_plan(plan=storm_4).exists()
    assert WardWarningSettings.objects.filter(ward=summary.ward).exists()
    # Reloading over the plans works.
    demo_load(households=300, reset=True)
    assert ResponsePlan.objects.filter(ward=summary.ward).count() == 4


def test_it_gives_the_demo_ward_a_channel_that_prints_what_it_sends(db, capsys):
    from django.contrib.auth import get_user_model

    from taicho.core.models import ResidentialGroup
    from taicho.demo.services import demo_load
    from taicho.dispatch import worker
    from taicho.dispatch.welfare import welfare_check_send

    summary = demo_load(households=300)
    officer = get_user_model().objects.get(username="canbo")
    group = ResidentialGroup.objects.filter(ward=summary.ward).first()
    dispatch = welfare_check_send(
        actor=officer, ward=summary.ward, question="Gia đình có an toàn không?", groups=[group]
    )
    assert dispatch.messages_created > 0
    assert worker.run(worker_id="demo-test", once=True) == dispatch.messages_created
    printed = capsys.readouterr().out
    assert "[taicho demo]" in printed and "Gia đình có an toàn không?" in printed
    assert "/t/" in printed  # each message carries its personal answer link
    demo_load(households=300, reset=True)  # the channel stays; its messages still point at it
