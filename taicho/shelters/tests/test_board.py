"""The live board: occupancy per shelter, counts per group, the not-yet lists, the refresh."""

import pytest
from django.urls import reverse

from taicho.shelters.checkin import checkin_record, household_mark
from taicho.shelters.evacuation_models import MoveStatus
from taicho.shelters.tests.test_checkin_support import make_scene, minutes_ago, new_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(lan, duc, ward_a, group_a1, group_a2):
    scene = make_scene(actor=lan, ward=ward_a, groups=[group_a1, group_a2])
    for code, persons in [("BD-1", 3), ("BD-3", 4)]:
        checkin_record(
            actor=duc,
            evacuation=scene.evacuation,
            household=scene.households[code],
            shelter=scene.school,
            kind="in",
            persons_present=persons,
            recorded_at=minutes_ago(5),
            client_id=new_id(),
        )
    return scene


def _board(client, scene, name="evacuation_board"):
    return client.get(reverse(name, args=[scene.evacuation.ward.code, scene.evacuation.pk]))


def test_it_counts_persons_per_shelter_and_flags_the_overflow(client, lan, scene):
    client.force_login(lan)
    board = _board(client, scene).context["board"]
    school = next(line for line in board.shelters if line.shelter == scene.school)
    assert (school.households, school.persons, school.expected, school.over) == (2, 7, 2, 1)
    assert scene.office not in [line.shelter for line in board.shelters], "unused shelter"
    assert board.persons_present == 7


def test_it_counts_households_per_group_and_status(client, lan, minh, scene):
    household_mark(
        actor=minh,
        evacuation=scene.evacuation,
        household=scene.households["BD-2"],
        status=MoveStatus.MISSING,
    )
    client.force_login(lan)
    board = _board(client, scene).context["board"]
    counts = {line.group.code: line.counts for line in board.groups}
    assert counts["1"] == {"evacuated": 1, "not_yet": 0, "refused": 0, "missing": 1, "left": 0}
    assert counts["2"] == {"evacuated": 1, "not_yet": 0, "refused": 0, "missing": 0, "left": 0}
    assert board.totals["evacuated"] == 2 and board.totals["missing"] == 1


def test_it_shows_each_leader_only_his_groups_households_still_to_come(
    client, lan, minh, duc, scene
):
    client.force_login(minh)
    board = _board(client, scene).context["board"]
    waiting = {
        line.group.code: [row.household.code for row in line.waiting] for line in board.groups
    }
    assert waiting == {"1": ["BD-2"], "2": []}
    page = _board(client, scene).content.decode()
    assert "Tổ dân phố 1: 1 hộ chưa sơ tán" in page and "Trần Thị Bình" in page
    assert "Từ chối sơ tán" in page  # he may mark his households

    # Shelter staff see the numbers, not the names of people still at home.
    client.force_login(duc)
    page = _board(client, scene).content.decode()
    assert "Trần Thị Bình" not in page
    assert "Vượt sức chứa 1 người" in page


def test_it_refreshes_the_board_without_reloading(client, duc, scene):
    client.force_login(duc)
    page = _board(client, scene).content.decode()
    live = reverse("evacuation_board_live", args=[scene.evacuation.ward.code, scene.evacuation.pk])
    assert f'hx-get="{live}"' in page and 'hx-trigger="every 5s"' in page
    assert "django_htmx/htmx-2.min.js" in page

    checkin_record(
        actor=duc,
        evacuation=scene.evacuation,
        household=scene.households["BD-2"],
        shelter=scene.school,
        kind="in",
        persons_present=2,
        recorded_at=minutes_ago(1),
        client_id=new_id(),
    )
    partial = _board(client, scene, "evacuation_board_live")
    assert "<html" not in partial.content.decode()
    assert partial.context["board"].persons_present == 9
    assert 'data-total="evacuated">3<' in partial.content.decode()


def test_it_keeps_the_board_in_its_ward(client, binh, scene):
    client.force_login(binh)
    assert _board(client, scene).status_code == 404
    assert _board(client, scene, "evacuation_board_live").status_code == 404
