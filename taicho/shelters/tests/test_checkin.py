"""Check-in services: stored once per phone record, statuses, late records, rights, audit."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from taicho.core.models import AuditEntry
from taicho.shelters.checkin import (
    checkin_record,
    household_mark,
    needs_display,
    needs_parse,
    needs_text,
)
from taicho.shelters.evacuation_models import CheckIn, EvacuationStatus, MoveStatus
from taicho.shelters.tests.test_checkin_support import make_scene, minutes_ago, new_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(lan, ward_a, group_a1, group_a2):
    return make_scene(actor=lan, ward=ward_a, groups=[group_a1, group_a2])


def _check(scene, actor, code="BD-1", **overrides):
    values = {
        "actor": actor,
        "evacuation": scene.evacuation,
        "household": scene.households[code],
        "shelter": scene.school,
        "kind": "in",
        "persons_present": 3,
        "needs": "",
        "recorded_at": minutes_ago(5),
        "client_id": new_id(),
    }
    values.update(overrides)
    return checkin_record(**values)


def test_it_stores_a_check_in_once_when_the_phone_sends_it_twice(scene, duc):
    client_id = new_id()
    first = _check(scene, duc, client_id=client_id, persons_present=3)
    audited = AuditEntry.objects.count()
    again = _check(scene, duc, client_id=client_id, persons_present=1, kind="out")
    assert again.pk == first.pk
    assert CheckIn.objects.filter(client_id=client_id).count() == 1
    assert CheckIn.objects.count() == 1
    row = scene.row("BD-1")
    assert (row.status, row.persons_present) == (MoveStatus.EVACUATED, 3)
    assert AuditEntry.objects.count() == audited


def test_it_moves_a_household_in_at_the_shelter_where_it_arrived_and_out_again(scene, duc):
    needs = needs_text(kinds=["medical"], note="Cần insulin")
    _check(scene, duc, shelter=scene.office, persons_present=2, needs=needs)
    row = scene.row("BD-1")
    assert (row.status, row.shelter, row.persons_present) == (
        MoveStatus.EVACUATED,
        scene.office,
        2,
    )
    assert needs_parse(row.needs) == (["medical"], "Cần insulin")

    _check(
        scene, duc, shelter=scene.office, kind="out", persons_present=2, recorded_at=minutes_ago(1)
    )
    row = scene.row("BD-1")
    assert (row.status, row.persons_present) == (MoveStatus.LEFT, 0)
    assert row.needs == needs, "leaving keeps what the household needed"


def test_it_keeps_the_newest_record_when_an_older_one_arrives_late(scene, duc):
    _check(scene, duc, kind="out", persons_present=3, recorded_at=minutes_ago(2))
    # Recorded earlier on another phone that was offline, synced only now.
    late = _check(scene, duc, kind="in", persons_present=3, recorded_at=minutes_ago(10))
    assert CheckIn.objects.filter(pk=late.pk).exists()
    assert scene.row("BD-1").status == MoveStatus.LEFT


def test_it_never_dates_a_record_after_its_arrival(scene, duc):
    checkin = _check(scene, duc, recorded_at=timezone.now() + dt.timedelta(hours=3))
    assert checkin.recorded_at <= timezone.now()


def test_it_takes_everyone_in_when_the_shelter_is_full(scene, duc):
    for code, persons in [("BD-1", 3), ("BD-2", 2), ("BD-3", 4)]:
        _check(scene, duc, code=code, persons_present=persons)
    present = sum(scene.row(code).persons_present for code in scene.households)
    assert present == 9 > scene.school.capacity


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"persons_present": 0}, "persons_present"),
        ({"persons_present": 150}, "persons_present"),
        ({"persons_present": "ba"}, "persons_present"),
        ({"kind": "sideways"}, "kind"),
        ({"recorded_at": dt.datetime(2025, 9, 1, 8, 0)}, "recorded_at"),
        ({"client_id": "not-a-uuid"}, "client_id"),
    ],
)
def test_it_refuses_a_bad_check_in_and_names_the_field(scene, duc, overrides, field):
    with pytest.raises(ValidationError) as caught:
        _check(scene, duc, **overrides)
    assert field in caught.value.message_dict
    assert CheckIn.objects.count() == 0
    assert scene.row("BD-1").status == MoveStatus.NOT_YET


def test_it_refuses_a_household_that_is_not_on_the_list(scene, duc, lan, ward_a, group_a1):
    from taicho.community.services import household_create

    stranger = household_create(
        actor=lan, ward=ward_a, code="BD-9", address="Số 9 Bạch Đằng", group=group_a1
    )
    with pytest.raises(ValidationError) as caught:
        _check(scene, duc, household=stranger)
    assert "BD-9" in caught.value.message_dict["household"][0]


def test_it_refuses_check_ins_before_the_evacuation_starts(lan, duc, ward_a, group_a1, group_a2):
    planned = make_scene(
        actor=lan, ward=ward_a, groups=[group_a1, group_a2], status=EvacuationStatus.PLANNED
    )
    with pytest.raises(ValidationError) as caught:
        _check(planned, duc)
    assert "evacuation" in caught.value.message_dict


def test_it_refuses_a_shelter_of_another_ward(scene, duc, binh, ward_b):
    from taicho.shelters.services import shelter_create

    elsewhere = shelter_create(
        actor=binh,
        ward=ward_b,
        code="X1",
        name="Trường khác",
        kind="school",
        lat=20.9,
        lon=106.7,
        capacity=100,
    )
    with pytest.raises(ValidationError) as caught:
        _check(scene, duc, shelter=elsewhere)
    assert "shelter" in caught.value.message_dict


def test_it_refuses_a_record_id_already_used_for_another_household(scene, duc):
    client_id = new_id()
    _check(scene, duc, client_id=client_id)
    with pytest.raises(ValidationError) as caught:
        _check(scene, duc, code="BD-2", client_id=client_id)
    assert "client_id" in caught.value.message_dict


def test_it_lets_shelter_staff_and_officers_check_in_but_not_viewers_or_other_wards(
    scene, duc, lan, hung, thao, binh
):
    for actor in (duc, lan, hung):
        _check(scene, actor)
    for actor in (thao, binh):
        with pytest.raises(PermissionDenied):
            _check(scene, actor)
    assert CheckIn.objects.count() == 3


def test_it_lets_a_group_leader_check_in_and_mark_only_his_groups(scene, minh):
    _check(scene, minh, code="BD-2", persons_present=2)
    household_mark(
        actor=minh,
        evacuation=scene.evacuation,
        household=scene.households["BD-1"],
        status=MoveStatus.REFUSED,
    )
    assert scene.row("BD-1").status == MoveStatus.REFUSED
    with pytest.raises(PermissionDenied):
        _check(scene, minh, code="BD-3", persons_present=4)
    with pytest.raises(PermissionDenied):
        household_mark(
            actor=minh,
            evacuation=scene.evacuation,
            household=scene.households["BD-3"],
            status=MoveStatus.MISSING,
        )
    assert scene.row("BD-3").status == MoveStatus.NOT_YET


def test_it_marks_only_refused_missing_or_not_yet(scene, minh):
    _check(scene, minh, code="BD-1")
    with pytest.raises(ValidationError) as caught:
        household_mark(
            actor=minh,
            evacuation=scene.evacuation,
            household=scene.households["BD-1"],
            status=MoveStatus.EVACUATED,
        )
    assert "status" in caught.value.message_dict
    household_mark(
        actor=minh,
        evacuation=scene.evacuation,
        household=scene.households["BD-1"],
        status=MoveStatus.MISSING,
    )
    row = scene.row("BD-1")
    assert (row.status, row.persons_present) == (MoveStatus.MISSING, 0)


def test_it_writes_each_check_in_and_each_change_to_the_audit_log(scene, duc):
    checkin = _check(scene, duc, persons_present=3)
    row = scene.row("BD-1")
    created = AuditEntry.objects.get(object_type="shelters.checkin", object_id=str(checkin.pk))
    assert created.actor == duc and created.action == AuditEntry.Action.CREATE
    assert created.changes["client_id"][1] == str(checkin.client_id)
    updated = AuditEntry.objects.get(
        object_type="shelters.evacuationhousehold", object_id=str(row.pk)
    )
    assert updated.changes["status"] == [MoveStatus.NOT_YET, MoveStatus.EVACUATED]
    assert updated.changes["persons_present"] == [0, 3]


def test_it_keeps_needs_as_kinds_and_a_note():
    text = needs_text(kinds=["food", "medical"], note="  Sữa   cho trẻ ")
    assert text == "[medical][food] Sữa cho trẻ"
    assert needs_parse(text) == (["medical", "food"], "Sữa cho trẻ")
    with translation.override("vi"):
        assert needs_display(text) == "Chăm sóc y tế, Lương thực, nước uống: Sữa cho trẻ"
    with pytest.raises(ValidationError):
        needs_text(kinds=["jewels"])
