from collections import defaultdict

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from taicho.community.services import household_create, resident_create
from taicho.core.models import AuditEntry
from taicho.shelters.evacuation_models import EvacuationStatus
from taicho.shelters.evacuation_selectors import evacuation_orders
from taicho.shelters.evacuations import (
    evacuation_begin,
    evacuation_close,
    evacuation_ordered,
    evacuation_pin,
    evacuation_reassign,
    evacuation_set_helper,
    evacuation_start,
)
from taicho.shelters.models import Evacuation, EvacuationHousehold
from taicho.shelters.plans import plan_create, plan_revise
from taicho.shelters.services import shelter_create, shelter_update
from taicho.shelters.tests.evacuation_data import PHONE_A1, RESIDENT_PHONE, build_world
from taicho.warnings.models import Alert

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(lan, ward_a, group_a1, group_a2):
    return build_world(lan=lan, ward=ward_a, group_a1=group_a1, group_a2=group_a2)


def _rows(evacuation):
    return {
        row.household.code: row
        for row in EvacuationHousehold.objects.filter(evacuation=evacuation).select_related(
            "household", "shelter"
        )
    }


def _load(evacuation):
    load = defaultdict(int)
    for row in EvacuationHousehold.objects.filter(evacuation=evacuation, shelter__isnull=False):
        load[row.shelter_id] += row.persons
    return load


def _within_capacity(evacuation, *shelters):
    load = _load(evacuation)
    return all(load[shelter.pk] <= shelter.capacity for shelter in shelters)


def test_it_sends_every_household_whole_to_a_shelter_within_capacity(lan, ward_a, world):
    evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    rows = _rows(evacuation)
    assert sorted(rows) == ["A1-01", "A1-02", "A1-03", "A2-01", "A2-02"]
    assert rows["A1-02"].persons == 3 and rows["A2-02"].persons == 1
    assert all(row.shelter is not None and row.distance_m > 0 for row in rows.values())
    assert _within_capacity(evacuation, world.school, world.cultural)
    # Group 1 lives north, near the school; group 2 south, near the cultural house.
    assert rows["A1-01"].shelter == world.school and rows["A2-02"].shelter == world.cultural
    assert evacuation.status == EvacuationStatus.STARTED and evacuation.started_at
    assert evacuation.distance_mode == "straight"
    assert evacuation.total_distance_m == sum(r.persons * r.distance_m for r in rows.values())
    assert 0 < evacuation.lower_bound_m <= evacuation.total_distance_m
    assert evacuation.gap is not None and evacuation.gap >= 0
    assert evacuation.solver_note
    assert AuditEntry.objects.filter(
        object_type="shelters.evacuation", object_id=str(evacuation.pk), action="create"
    ).exists()


def test_it_keeps_pins_and_checked_in_households_on_a_rerun(lan, ward_a, world):
    evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    evacuation_pin(
        actor=lan,
        evacuation=evacuation,
        household=world.households["A1-01"],
        shelter=world.cultural,
    )
    EvacuationHousehold.objects.filter(
        evacuation=evacuation, household=world.households["A2-01"]
    ).update(status="evacuated")
    at_first = _rows(evacuation)["A2-01"].shelter
    # The school grows: a re-run may move the others, never the pinned or arrived ones.
    shelter_update(actor=lan, shelter=world.school, capacity=20)
    world.school.refresh_from_db()
    evacuation_reassign(actor=lan, evacuation=evacuation)
    rows = _rows(evacuation)
    assert rows["A1-01"].shelter == world.cultural and rows["A1-01"].pinned
    assert rows["A1-01"].distance_m > 0
    assert rows["A2-01"].shelter == at_first
    assert _within_capacity(evacuation, world.school, world.cultural)
    evacuation_pin(
        actor=lan, evacuation=evacuation, household=world.households["A1-01"], shelter=None
    )
    evacuation_reassign(actor=lan, evacuation=evacuation)
    assert _rows(evacuation)["A1-01"].shelter == world.school


def test_it_refuses_a_pin_that_overfills_a_shelter(lan, ward_a, world):
    evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    pin = {"actor": lan, "evacuation": evacuation, "shelter": world.cultural}
    evacuation_pin(household=world.households["A1-02"], **pin)  # 3 of 4 places
    with pytest.raises(ValidationError) as refused:
        evacuation_pin(household=world.households["A2-01"], **pin)  # 2 more
    assert "shelter" in refused.value.error_dict
    assert "Nhà văn hóa tổ 2" in str(refused.value)


def test_it_places_the_vulnerable_first_when_places_run_short(lan, ward_a, world):
    shelter_update(actor=lan, shelter=world.school, capacity=3)
    shelter_update(actor=lan, shelter=world.cultural, capacity=1)
    evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    rows = _rows(evacuation)
    # The bedridden grandmother and the family with two children have the places.
    assert rows["A2-02"].shelter is not None and rows["A1-02"].shelter is not None
    assert {code for code, row in rows.items() if row.shelter is None} == {
        "A1-01",
        "A1-03",
        "A2-01",
    }
    assert "5" in evacuation.solver_note  # persons without a place


def test_it_assigns_the_others_and_names_the_households_without_a_location(
    lan, ward_a, group_a2, world
):
    lost = household_create(actor=lan, ward=ward_a, code="A2-09", address="Xóm bãi", group=group_a2)
    resident_create(actor=lan, household=lost, full_name="Ngô Văn Tư", is_bedridden=True)
    evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    rows = _rows(evacuation)
    assert rows["A2-09"].shelter is None
    assert sum(row.shelter is not None for row in rows.values()) == 5
    assert "A2-09" in evacuation.solver_note
    # The planner places it by hand; its person counts against the shelter on re-runs.
    evacuation_pin(actor=lan, evacuation=evacuation, household=lost, shelter=world.cultural)
    evacuation_reassign(actor=lan, evacuation=evacuation)
    rows = _rows(evacuation)
    assert rows["A2-09"].shelter == world.cultural and rows["A2-09"].distance_m is None
    assert _within_capacity(evacuation, world.school, world.cultural)


def test_it_refuses_a_plan_without_usable_shelters_and_writes_nothing(lan, ward_a, world):
    empty = plan_create(
        actor=lan,
        ward=ward_a,
        name="Không điểm",
        hazard_type="storm",
        level=5,
        evacuate_zones=[world.zone],
    )
    with pytest.raises(ValidationError, match="chưa có điểm sơ tán"):
        evacuation_start(actor=lan, ward=ward_a, plan=empty)
    closed = shelter_create(
        actor=lan,
        ward=ward_a,
        code="S0",
        name="Đình làng (đang sửa)",
        kind="other",
        lat=world.school.lat,
        lon=world.school.lon,
        capacity=0,
    )
    only_closed = plan_revise(actor=lan, plan=empty, shelters=[closed])
    with pytest.raises(ValidationError):
        evacuation_start(actor=lan, ward=ward_a, plan=only_closed)
    assert not Evacuation.objects.exists() and not EvacuationHousehold.objects.exists()


def test_it_refuses_an_old_plan_a_plan_moving_nobody_and_a_draft_alert(lan, ward_a, world):
    plan_revise(actor=lan, plan=world.plan, name="Phương án mới")
    with pytest.raises(ValidationError) as refused:
        evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    assert "plan" in refused.value.error_dict
    nobody = plan_create(
        actor=lan, ward=ward_a, name="Rỗng", hazard_type="flood", level=2, shelters=[world.school]
    )
    with pytest.raises(ValidationError, match="không chọn hộ nào"):
        evacuation_start(actor=lan, ward=ward_a, plan=nobody)
    draft = Alert.objects.create(
        ward=ward_a,
        hazard_type="storm",
        level=4,
        headline="Bão số 3",
        sms_text="Bão",
        long_text="Bão",
        spoken_script="Bão",
        response_type="evacuate",
        author=lan,
    )
    current = world.plan.__class__.objects.get(is_current=True, hazard_type="storm", level=4)
    with pytest.raises(ValidationError) as refused:
        evacuation_start(actor=lan, ward=ward_a, plan=current, alert=draft)
    assert "alert" in refused.value.error_dict
    draft.status, draft.issued_at = "issued", timezone.now()
    draft.save()
    started = evacuation_start(actor=lan, ward=ward_a, plan=current, alert=draft)
    assert started.alert == draft


def test_it_prepares_then_starts_and_hands_the_orders_to_the_channels(
    lan, ward_a, world, django_capture_on_commit_callbacks
):
    announced = []

    def receive(sender, *, evacuation, household_ids, **kwargs):
        announced.append((evacuation.pk, sorted(household_ids)))

    evacuation_ordered.connect(receive)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan, begin=False)
        assert evacuation.status == EvacuationStatus.PLANNED and announced == []
        with django_capture_on_commit_callbacks(execute=True):
            evacuation_begin(actor=lan, evacuation=evacuation)
    finally:
        evacuation_ordered.disconnect(receive)
    ids = sorted(
        world.households[code].pk for code in ("A1-01", "A1-02", "A1-03", "A2-01", "A2-02")
    )
    assert announced == [(evacuation.pk, ids)]
    with pytest.raises(ValidationError):
        evacuation_begin(actor=lan, evacuation=evacuation)


def test_it_writes_the_order_each_household_would_receive(lan, ward_a, world):
    evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    orders = {order.household_code: order for order in evacuation_orders(evacuation)}
    assert set(orders) == {"A1-01", "A1-02", "A1-03", "A2-01", "A2-02"}
    first = orders["A1-01"]
    assert first.phones == (PHONE_A1,)
    assert "Trường THCS Bạch Đằng" in first.text and "Số 1 đường Trường Học" in first.text
    assert "km" in first.text and "openstreetmap.org/directions" in first.text
    assert "0223000111" in first.text
    assert orders["A1-02"].phones == (RESIDENT_PHONE,)


def test_it_starts_an_ad_hoc_evacuation_with_every_shelter_of_the_ward(lan, ward_a, world):
    ids = [world.households["A2-03"].pk, world.households["A1-01"].pk]
    evacuation = evacuation_start(actor=lan, ward=ward_a, household_ids=ids, name="Sạt lở bờ sông")
    assert evacuation.plan is None and evacuation.name == "Sạt lở bờ sông"
    assert sorted(_rows(evacuation)) == ["A1-01", "A2-03"]
    assert all(row.shelter is not None for row in _rows(evacuation).values())


def test_it_lets_only_officers_start_and_group_leaders_name_helpers_of_their_groups(
    lan, minh, ward_a, world
):
    with pytest.raises(PermissionDenied):
        evacuation_start(actor=minh, ward=ward_a, plan=world.plan)
    evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    with pytest.raises(PermissionDenied):
        evacuation_reassign(actor=minh, evacuation=evacuation)
    row = evacuation_set_helper(
        actor=minh,
        evacuation=evacuation,
        household=world.households["A1-02"],
        helper="  Anh Quân   0911222333 ",
    )
    assert row.helper == "Anh Quân 0911222333"
    with pytest.raises(PermissionDenied):
        evacuation_set_helper(
            actor=minh, evacuation=evacuation, household=world.households["A2-02"], helper="X"
        )
    evacuation_close(actor=lan, evacuation=evacuation)
    with pytest.raises(ValidationError):
        evacuation_reassign(actor=lan, evacuation=evacuation)


# --- pages ------------------------------------------------------------------------------------


def _url(name, ward, *args):
    return reverse(name, args=[ward.code, *args])


def test_it_starts_from_the_plan_page_and_shows_the_totals(client, lan, ward_a, group_a1, world):
    client.force_login(lan)
    form = client.get(_url("plan_start", ward_a, world.plan.pk))
    assert "5 hộ" in form.content.decode()
    response = client.post(_url("plan_start", ward_a, world.plan.pk), {"begin": "1"})
    evacuation = Evacuation.objects.get()
    assert response.url == _url("evacuation_detail", ward_a, evacuation.pk)
    page = client.get(response.url).content.decode()
    assert "Trường THCS Bạch Đằng" in page and "Nhà văn hóa tổ 2" in page
    assert _url("evacuation_group_list", ward_a, evacuation.pk, group_a1.pk) in page
    assert _url("evacuation_pin", ward_a, evacuation.pk) in page


def test_it_pins_and_reruns_from_the_evacuation_page(client, lan, ward_a, world):
    evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    row = _rows(evacuation)["A1-01"]
    client.force_login(lan)
    response = client.post(
        _url("evacuation_pin", ward_a, evacuation.pk),
        {"code": "a1-01", "shelter": world.cultural.pk},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.pinned and row.shelter == world.cultural
    refused = client.post(
        _url("evacuation_pin", ward_a, evacuation.pk),
        {"code": "A1-02", "shelter": world.cultural.pk},
    )
    assert refused.status_code == 200 and "Nhà văn hóa tổ 2" in refused.content.decode()
    unknown = client.post(
        _url("evacuation_pin", ward_a, evacuation.pk), {"code": "A2-03", "shelter": ""}
    )
    assert "Hộ A2-03 không có trong danh sách" in unknown.content.decode()
    assert client.post(_url("evacuation_rerun", ward_a, evacuation.pk)).status_code == 302


def test_it_shows_a_group_leader_the_evacuation_without_the_planners_forms(
    client, minh, lan, ward_a, world
):
    evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    client.force_login(minh)
    page = client.get(_url("evacuation_detail", ward_a, evacuation.pk)).content.decode()
    assert _url("evacuation_pin", ward_a, evacuation.pk) not in page
    assert _url("evacuation_helper", ward_a, evacuation.pk) in page
    assert client.post(_url("evacuation_rerun", ward_a, evacuation.pk)).status_code == 403
    assert client.get(_url("plan_start", ward_a, world.plan.pk)).status_code == 403
    helper_url = _url("evacuation_helper", ward_a, evacuation.pk)
    saved = client.post(helper_url, {"code": "A1-02", "helper": "Chị Mai 0912000111"})
    assert saved.status_code == 302
    assert _rows(evacuation)["A1-02"].helper == "Chị Mai 0912000111"
    not_his = client.post(helper_url, {"code": "A2-02", "helper": "X"})
    assert not_his.status_code == 200 and "không có trong danh sách" in not_his.content.decode()
    assert _rows(evacuation)["A2-02"].helper == ""


def test_it_lets_ward_b_neither_read_nor_change_ward_a_plans_and_evacuations(
    client, lan, binh, ward_a, ward_b, group_a1, world
):
    import re

    from taicho.shelters import plan_urls

    evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    before = (
        list(EvacuationHousehold.objects.values()),
        list(Evacuation.objects.values()),
        AuditEntry.objects.count(),
    )
    ids = {
        "pk": [world.plan.pk, evacuation.pk],
        "group_pk": [group_a1.pk],
        "shelter_pk": [world.school.pk],
    }
    client.force_login(binh)
    walked = 0
    for pattern in plan_urls.urlpatterns:
        route = str(pattern.pattern)
        names = re.findall(r"<int:(\w+)>", route)
        for pk in ids["pk"]:
            path = route
            for name in names:
                path = path.replace(f"<int:{name}>", str(pk if name == "pk" else ids[name][0]))
            for ward in (ward_a, ward_b):
                url = f"/w/{ward.code}/plans/{path}"
                for method in ("get", "post"):
                    response = getattr(client, method)(url)
                    walked += 1
                    body = response.content.decode()
                    assert "Nguyễn Văn An" not in body and "A1-01" not in body, url
                    if ward == ward_a or names:
                        assert response.status_code in (403, 404, 405), (method, url)
    assert walked > 50
    after = (
        list(EvacuationHousehold.objects.values()),
        list(Evacuation.objects.values()),
        AuditEntry.objects.count(),
    )
    assert after == before
