"""The PCTT officer's first journeys: the map with its layers, and a bad file refused."""

import pytest

from taicho.community.models import Household
from taicho.community.services import household_create, resident_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.hazards.services import hazard_zone_create
from taicho.shelters.services import shelter_create
from taicho.web.tests.browser.conftest import log_in
from taicho.web.tests.test_import_support import HOUSEHOLD_HEADERS, csv_file

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def registries(lan, ward_a, group_a1, group_a2):
    for number, (group, lat) in enumerate(
        [(group_a1, CENTRE_LAT), (group_a1, CENTRE_LAT + 0.0005), (group_a2, CENTRE_LAT + 0.02)]
    ):
        home = household_create(
            actor=lan,
            ward=ward_a,
            code=f"BD-{number}",
            address=f"Số {number} đường Bạch Đằng",
            group=group,
            lat=lat,
            lon=CENTRE_LON,
        )
        resident_create(actor=lan, household=home, full_name="Nguyễn Văn An", birth_year=1950)
    for code, lat, kind in [
        ("SL-01", CENTRE_LAT, "landslide"),
        ("NU-01", CENTRE_LAT + 0.02, "inundation"),
    ]:
        hazard_zone_create(
            actor=lan,
            ward=ward_a,
            code=code,
            name=f"Khu {code}",
            kind=kind,
            geometry=square(lat, CENTRE_LON),
        )
    shelter_create(
        actor=lan,
        ward=ward_a,
        code="S1",
        name="Trường THCS Bạch Đằng",
        kind="school",
        lat=CENTRE_LAT + 0.01,
        lon=CENTRE_LON + 0.01,
        capacity=300,
    )


def test_it_shows_the_officer_zones_households_and_shelters_on_the_map(page, registries, ward_a):
    log_in(page, "lan")
    page.get_by_role("link", name="Bản đồ").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name=f"Bản đồ {ward_a.name}").is_visible()

    counts = page.locator("dl.map-counts")
    assert counts.locator('[data-count="zones"]').inner_text() == "2"
    assert counts.locator('[data-count="households"]').inner_text() == "3"
    assert counts.locator('[data-count="vulnerable"]').inner_text() == "3"
    assert counts.locator('[data-count="shelters"]').inner_text() == "1"
    # Both zones are drawn, and the layer switcher names the layers in Vietnamese.
    assert page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() >= 2
    page.locator(".leaflet-control-layers").hover()
    layers = page.locator(".leaflet-control-layers-overlays").inner_text()
    assert "Khu vực nguy cơ" in layers and "Hộ dân" in layers and "Điểm sơ tán" in layers

    # Only group 2's household is left when the officer picks group 2.
    page.select_option("#map-group", label="Tổ dân phố 2")
    page.wait_for_function(
        "document.querySelector('[data-count=\"households\"]').textContent === '1'"
    )


def test_it_refuses_a_bad_household_file_and_says_why(page, registries, ward_a):
    before = Household.objects.filter(ward=ward_a).count()
    bad = csv_file(
        [
            HOUSEHOLD_HEADERS,
            ["HD-NEW", "Số 3", "1", CENTRE_LAT, CENTRE_LON, "12345", "kiên cố", ""],
            ["HD-NEW", "Số 4", "9", CENTRE_LAT, CENTRE_LON, "", "kiên cố", ""],
        ]
    )
    log_in(page, "lan")
    page.get_by_role("link", name="Dữ liệu").click()
    section = page.locator("section#households")
    section.locator('input[name="file"]').set_input_files(
        {"name": "ho-dan.csv", "mimeType": "text/csv", "buffer": bad}
    )
    section.get_by_role("button", name="Kiểm tra và nhập").click()
    page.wait_for_load_state("networkidle")

    report = page.locator("#import-problems")
    assert "Không có dữ liệu nào được nhập" in report.inner_text()
    rows = [row.split("\t") for row in report.locator("tbody tr").all_inner_texts()]
    # (file, line as Excel shows it, column, reason), one row per problem.
    assert [row[:3] for row in rows] == [
        ["ho-dan.csv", "2", "Điện thoại"],
        ["ho-dan.csv", "3", "Mã hộ"],
        ["ho-dan.csv", "3", "Tổ dân phố"],
    ]
    assert "12345" in rows[0][3] and "số điện thoại" in rows[0][3]
    assert "dòng 2" in rows[1][3]
    assert "“9”" in rows[2][3]
    assert Household.objects.filter(ward=ward_a).count() == before
