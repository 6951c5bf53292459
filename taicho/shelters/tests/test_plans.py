import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from taicho.core.models import AuditEntry
from taicho.shelters.evacuation_selectors import households_for_plan, plan_reach
from taicho.shelters.models import ResponsePlan
from taicho.shelters.plans import (
    plan_create,
    plan_review,
    plan_revise,
    review_due,
    review_overdue,
)
from taicho.shelters.tests.evacuation_data import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(lan, ward_a, group_a1, group_a2):
    return build_world(lan=lan, ward=ward_a, group_a1=group_a1, group_a2=group_a2)


def _codes(households):
    return sorted(household.code for household in households)


def test_it_moves_the_zone_the_makeshift_houses_and_the_bedridden(world):
    assert _codes(households_for_plan(plan=world.plan)) == [
        "A1-01",
        "A1-02",
        "A1-03",
        "A2-01",
        "A2-02",
    ]
    reach = plan_reach(plan=world.plan)
    assert (reach.households, reach.persons, reach.capacity) == (5, 9, 10)
    # The two children of A1-02 and the bedridden grandmother of A2-02.
    assert reach.vulnerable == 3


def test_it_selects_each_kind_of_household_on_its_own(lan, ward_a, world):
    only_children = plan_create(
        actor=lan,
        ward=ward_a,
        name="Lũ BĐ3",
        hazard_type="flood",
        level=3,
        scenario="BĐ3",
        evacuate_vulnerable=["child"],
    )
    assert _codes(households_for_plan(plan=only_children)) == ["A1-02"]
    only_makeshift = plan_create(
        actor=lan,
        ward=ward_a,
        name="Nước dâng",
        hazard_type="storm_surge",
        level=3,
        evacuate_housing_types=["makeshift"],
    )
    assert _codes(households_for_plan(plan=only_makeshift)) == ["A2-01"]
    nothing = plan_create(actor=lan, ward=ward_a, name="Trống", hazard_type="storm", level=3)
    assert list(households_for_plan(plan=nothing)) == []


def test_it_creates_version_one_and_logs_it(lan, world):
    plan = world.plan
    assert (plan.version, plan.is_current, plan.created_by) == (1, True, lan)
    entry = AuditEntry.objects.get(object_type="shelters.responseplan", object_id=str(plan.pk))
    assert entry.action == "create"
    assert entry.changes["evacuate_zones"] == [None, ["VS1"]]
    assert entry.changes["shelters"] == [None, ["S1", "S2"]]


def test_it_refuses_a_level_the_hazard_cannot_reach_and_a_second_plan(lan, ward_a, world):
    with pytest.raises(ValidationError) as refused:
        plan_create(actor=lan, ward=ward_a, name="Bão cấp 2", hazard_type="storm", level=2)
    assert "level" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        plan_create(actor=lan, ward=ward_a, name="Lặp", hazard_type="storm", level=4)
    assert "hãy sửa phương án đó" in str(refused.value.error_dict["level"])
    assert ResponsePlan.objects.filter(ward=ward_a).count() == 1


def test_it_refuses_another_wards_shelters_and_unknown_categories(lan, binh, ward_a, ward_b, world):
    from taicho.shelters.services import shelter_create

    elsewhere = shelter_create(
        actor=binh,
        ward=ward_b,
        code="B1",
        name="Trường B",
        kind="school",
        lat=20.9,
        lon=106.7,
        capacity=50,
    )
    with pytest.raises(ValidationError) as refused:
        plan_create(
            actor=lan,
            ward=ward_a,
            name="Sai",
            hazard_type="storm",
            level=5,
            shelters=[elsewhere],
            evacuate_vulnerable=["tall"],
            evacuate_housing_types=["tent"],
        )
    assert set(refused.value.error_dict) == {
        "shelters",
        "evacuate_vulnerable",
        "evacuate_housing_types",
    }


def test_it_revises_into_a_new_version_and_keeps_the_old_one(lan, world):
    old = world.plan
    new = plan_revise(
        actor=lan, plan=old, name="Phương án bão cấp 4 (2026)", shelters=[world.school]
    )
    old.refresh_from_db()
    assert (old.is_current, new.is_current, new.version) == (False, True, 2)
    assert list(new.shelters.all()) == [world.school]
    # What the revision did not change is carried over.
    assert list(new.evacuate_zones.all()) == [world.zone]
    assert new.teams == old.teams and new.evacuate_vulnerable == ["is_bedridden"]
    assert list(old.shelters.order_by("code")) == [world.school, world.cultural]
    with pytest.raises(ValidationError, match="phiên bản cũ"):
        plan_revise(actor=lan, plan=old, name="Không được")
    assert ResponsePlan.objects.count() == 2


def test_it_records_the_yearly_review_and_says_when_it_is_overdue(lan, hung, world):
    plan = world.plan
    today = timezone.localdate()
    assert review_due(plan) == today.replace(year=today.year + 1)
    assert not review_overdue(plan)
    assert review_overdue(plan, today=today + dt.timedelta(days=366))
    plan_review(actor=lan, plan=plan, reviewed_on=today, reviewer=hung)
    plan.refresh_from_db()
    assert (plan.reviewed_on, plan.reviewed_by) == (today, hung)
    with pytest.raises(ValidationError) as refused:
        plan_review(actor=lan, plan=plan, reviewed_on=today + dt.timedelta(days=1))
    assert "reviewed_on" in refused.value.error_dict


def test_it_lets_only_writers_change_plans(minh, duc, world):
    with pytest.raises(PermissionDenied):
        plan_revise(actor=minh, plan=world.plan, name="Minh sửa")
    with pytest.raises(PermissionDenied):
        plan_review(actor=duc, plan=world.plan, reviewed_on=timezone.localdate())


# --- pages ------------------------------------------------------------------------------------


def _url(name, ward, *args):
    return reverse(name, args=[ward.code, *args])


def test_it_shows_the_plans_by_hazard_and_level(client, minh, ward_a, world):
    client.force_login(minh)
    page = client.get(_url("plan_list", ward_a)).content.decode()
    assert "Phương án bão cấp 4" in page and "Áp thấp nhiệt đới, bão" in page
    assert _url("plan_create", ward_a) not in page
    detail = client.get(_url("plan_detail", ward_a, world.plan.pk)).content.decode()
    assert "Ven sông Bạch Đằng" in detail and "Trường THCS Bạch Đằng" in detail
    assert "5 hộ" in detail and "Áo phao 50" in detail
    assert _url("plan_start", ward_a, world.plan.pk) not in detail
    assert client.get(_url("plan_create", ward_a)).status_code == 403


def test_it_creates_revises_and_reviews_through_the_pages(client, lan, ward_a, world):
    client.force_login(lan)
    response = client.post(
        _url("plan_create", ward_a),
        {
            "name": "Lũ sông Bạch Đằng BĐ3",
            "hazard_type": "flood",
            "level": "3",
            "scenario": "BĐ3",
            "evacuate_zones": [world.zone.pk],
            "shelters": [world.school.pk],
        },
    )
    plan = ResponsePlan.objects.get(hazard_type="flood")
    assert response.status_code == 302 and response.url == _url("plan_detail", ward_a, plan.pk)
    revised = client.post(
        _url("plan_revise", ward_a, plan.pk),
        {"name": "Lũ BĐ3 (sửa)", "shelters": [world.school.pk, world.cultural.pk]},
    )
    new = ResponsePlan.objects.get(hazard_type="flood", is_current=True)
    assert revised.url == _url("plan_detail", ward_a, new.pk) and new.version == 2
    detail = client.get(revised.url).content.decode()
    assert "phiên bản 2" in detail and _url("plan_detail", ward_a, plan.pk) in detail
    reviewed = client.post(
        _url("plan_review", ward_a, new.pk),
        {"reviewed_on": timezone.localdate().isoformat(), "reviewer": lan.pk},
    )
    assert reviewed.status_code == 302
    new.refresh_from_db()
    assert new.reviewed_by == lan


def test_it_shows_a_bad_plan_form_with_its_messages(client, lan, ward_a, world):
    client.force_login(lan)
    response = client.post(
        _url("plan_create", ward_a), {"name": "Bão cấp 1", "hazard_type": "storm", "level": "1"}
    )
    assert response.status_code == 200
    assert "cấp độ rủi ro từ 3 đến 5" in response.content.decode()


def test_it_flags_an_overdue_review(client, lan, ward_a, world):
    ResponsePlan.objects.filter(pk=world.plan.pk).update(
        created_at=timezone.now() - dt.timedelta(days=400)
    )
    client.force_login(lan)
    assert "quá hạn rà soát" in client.get(_url("plan_list", ward_a)).content.decode()
    assert (
        "quá hạn rà soát" in client.get(_url("plan_detail", ward_a, world.plan.pk)).content.decode()
    )


def test_it_hides_ward_a_plans_from_ward_b(client, binh, ward_a, ward_b, world):
    client.force_login(binh)
    assert client.get(_url("plan_detail", ward_a, world.plan.pk)).status_code == 404
    assert client.get(_url("plan_detail", ward_b, world.plan.pk)).status_code == 404
    assert "Phương án bão cấp 4" not in client.get(_url("plan_list", ward_b)).content.decode()
