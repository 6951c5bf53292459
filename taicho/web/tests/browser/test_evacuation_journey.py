"""An evacuation, end to end: the officer starts the storm-level-4 plan and prints a group's
list; shelter staff check households in on a phone, through a dropped connection; the live
board shows them."""

import pytest
from django.urls import reverse

from taicho.shelters.checkin import checkin_record
from taicho.shelters.evacuation_models import CheckIn, Evacuation, EvacuationStatus, MoveStatus
from taicho.shelters.models import EvacuationHousehold
from taicho.shelters.tests.evacuation_data import build_world
from taicho.shelters.tests.test_checkin_support import make_scene, minutes_ago, new_id
from taicho.web.tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 800}
DESK = {"width": 1280, "height": 900}


def _check_in(page, *, search: str, code: str, persons: int, need: str | None = None):
    page.fill("#checkin-search", search)
    page.locator(f'#checkin-results button[data-code="{code}"]').click()
    assert page.locator("#checkin-household").inner_text().startswith(code)
    page.fill("#checkin-persons", str(persons))
    if need:
        page.get_by_label(need).check()
    page.get_by_role("button", name="Ghi nhận đến").click()


def _queued(page, code: str, state: str):
    return page.locator(f'#checkin-queue li[data-household="{code}"][data-state="{state}"]')


def _page_cached(page):
    """Wait until the service worker keeps this page for opening offline."""
    page.wait_for_function(
        """() => caches.keys().then((keys) => Promise.all(keys.map((key) =>
             caches.open(key).then((cache) => cache.match(location.origin + location.pathname))))
           ).then((hits) => hits.some(Boolean))"""
    )


def test_it_runs_the_storm_plan_from_start_to_the_board(page, lan, duc, ward_a, group_a1, group_a2):
    world = build_world(lan=lan, ward=ward_a, group_a1=group_a1, group_a2=group_a2)

    # The officer starts the storm-level-4 plan: the shelters are assigned, orders go out.
    page.set_viewport_size(DESK)
    log_in(page, "lan")
    page.goto(page.base_url + reverse("plan_detail", args=[ward_a.code, world.plan.pk]))
    page.get_by_role("link", name="Bắt đầu sơ tán").click()
    page.locator("form button[type=submit].primary").click()
    page.wait_for_load_state("networkidle")
    evacuation = Evacuation.objects.get(plan=world.plan)
    assert evacuation.status == EvacuationStatus.STARTED
    rows = {
        row.household.code: row
        for row in EvacuationHousehold.objects.filter(evacuation=evacuation).select_related(
            "household", "shelter"
        )
    }
    assert {"A1-01", "A1-02"} <= set(rows)

    # …and opens group 1's printable list.
    page.goto(
        page.base_url
        + reverse("evacuation_group_list", args=[ward_a.code, evacuation.pk, group_a1.pk])
    )
    listing = page.locator("main").inner_text()
    assert "A1-01" in listing and "A1-02" in listing and "A2-01" not in listing

    # A shock-force member staffs the shelter of A1-01 with his phone.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    log_in(page, "duc")
    page.goto(page.base_url + reverse("checkin_choose", args=[ward_a.code]))
    shelter = rows["A1-01"].shelter
    page.select_option("#checkin-shelter", label=f"{shelter.code} · {shelter.name}")

    # First household, online, found by a resident's name typed without diacritics.
    _check_in(page, search="nguyen van an", code="A1-01", persons=2, need="Chăm sóc y tế")
    _queued(page, "A1-01", "sent").wait_for()
    _page_cached(page)

    # The connection drops: the second check-in waits on the phone…
    page.context.set_offline(True)
    page.wait_for_selector('#checkin-net[data-state="offline"]')
    _check_in(page, search="le van cuong", code="A1-02", persons=3)
    pending = _queued(page, "A1-02", "pending")
    pending.wait_for()
    assert "chờ gửi" in pending.inner_text()
    assert not CheckIn.objects.filter(household__code="A1-02").exists()
    # …even when the page is opened again without a connection (from the worker's cache).
    page.reload()
    _queued(page, "A1-02", "pending").wait_for()

    # The connection returns: the queue is sent, and stored once.
    page.context.set_offline(False)
    _queued(page, "A1-02", "sent").wait_for()
    assert CheckIn.objects.filter(household__code="A1-02").count() == 1
    assert CheckIn.objects.count() == 2
    row = EvacuationHousehold.objects.get(evacuation=evacuation, household__code="A1-02")
    assert (row.status, row.persons_present, row.shelter) == (MoveStatus.EVACUATED, 3, shelter)

    # The live board shows both households and their persons at that shelter.
    page.set_viewport_size(DESK)
    page.get_by_role("link", name="Bảng theo dõi trực tiếp").click()
    line = page.locator(f'table.board-shelters tr[data-shelter="{shelter.code}"]')
    assert line.locator('[data-count="households"]').inner_text() == "2"
    assert line.locator('[data-count="persons"]').inner_text() == "5"
    group_1 = page.locator('table.board-groups tr[data-group="1"]')
    assert group_1.locator('[data-count="evacuated"]').inner_text() == "2"


def test_it_opens_a_household_from_its_card_and_the_board_catches_up(
    page, lan, duc, ward_a, group_a1, group_a2
):
    scene = make_scene(actor=lan, ward=ward_a, groups=[group_a1, group_a2])
    page.set_viewport_size(PHONE)
    log_in(page, "duc")
    # The card's QR code: the ward's check-in address with the household's code.
    page.goto(page.base_url + reverse("checkin_choose", args=[ward_a.code]) + "?h=BD-3")
    page.wait_for_selector("#checkin-form:not([hidden])")
    assert page.locator("#checkin-household").inner_text() == "BD-3 · Lê Văn Đức"
    assert page.locator("#checkin-persons").input_value() == "4"
    page.select_option("#checkin-shelter", label="S1 · Trường THCS Bạch Đằng")
    page.get_by_role("button", name="Ghi nhận đến").click()
    _queued(page, "BD-3", "sent").wait_for()
    assert "Đã có 4/6 chỗ" in page.locator("#checkin-occupancy").inner_text()

    page.set_viewport_size(DESK)
    page.get_by_role("link", name="Bảng theo dõi trực tiếp").click()
    school = page.locator('table.board-shelters tr[data-shelter="S1"]')
    assert school.locator('[data-count="persons"]').inner_text() == "4"
    # Another shelter phone checks two more households in: the board refreshes by itself
    # and shows the school over capacity.
    for code, persons in [("BD-1", 3), ("BD-2", 2)]:
        checkin_record(
            actor=duc,
            evacuation=scene.evacuation,
            household=scene.households[code],
            shelter=scene.school,
            kind="in",
            persons_present=persons,
            recorded_at=minutes_ago(0),
            client_id=new_id(),
        )
    page.wait_for_selector(
        'table.board-shelters tr[data-shelter="S1"].over [data-count="persons"]:text-is("9")',
        timeout=12_000,
    )
    assert "Vượt sức chứa 3 người" in school.inner_text()
