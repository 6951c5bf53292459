import datetime as dt
import json

import pytest

from taicho.community.services import household_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.core.models import AuditEntry
from taicho.exposure.models import HouseholdZone
from taicho.hazards.models import HazardZone
from taicho.web.tests.test_import_support import csv_file, post_import, problems_of, workbook

pytestmark = pytest.mark.django_db

HEADERS = [
    "Mã khu vực",
    "Tên khu vực",
    "Loại nguy cơ",
    "Hình học",
    "Vĩ độ",
    "Kinh độ",
    "Mô tả",
    "Ghi chú rủi ro",
    "Ngày rà soát",
]
WKT = (
    f"POLYGON (({CENTRE_LON - 0.002} {CENTRE_LAT - 0.002}, {CENTRE_LON + 0.002} "
    f"{CENTRE_LAT - 0.002}, {CENTRE_LON + 0.002} {CENTRE_LAT + 0.002}, {CENTRE_LON - 0.002} "
    f"{CENTRE_LAT + 0.002}, {CENTRE_LON - 0.002} {CENTRE_LAT - 0.002}))"
)


def _rows():
    return [
        [
            "Z1",
            "Bãi sông Cấm",
            "ven sông",
            json.dumps(square(CENTRE_LAT, CENTRE_LON)),
            None,
            None,
            "Bãi bồi",
            "Ngập khi triều cường",
            "15/06/2024",
        ],
        ["Z2", "Khu trũng", "ngập úng", WKT, None, None, "", "", "2024-06-20"],
        ["Z3", "Cống Đồng Xuân", "điểm xung yếu", "", CENTRE_LAT + 0.01, CENTRE_LON, "", "", ""],
    ]


@pytest.fixture
def officer(client, lan):
    client.force_login(lan)
    return lan


@pytest.fixture
def home(officer, ward_a, group_a1):
    return household_create(
        actor=officer,
        ward=ward_a,
        code="H1",
        address="Số 1",
        group=group_a1,
        lat=CENTRE_LAT,
        lon=CENTRE_LON,
    )


def test_it_imports_zones_from_geojson_text_wkt_or_a_point_and_links_households(
    client, officer, home
):
    response = post_import(client, "zones", workbook({"Khu vực nguy cơ": [HEADERS, *_rows()]}))

    assert "khu vực nguy cơ: 3 tạo mới" in response.content.decode()
    river = HazardZone.objects.get(code="Z1")
    assert (river.kind, river.last_reviewed_on) == ("riverside", dt.date(2024, 6, 15))
    assert river.geometry == square(CENTRE_LAT, CENTRE_LON)
    assert HazardZone.objects.get(code="Z2").geometry["type"] == "Polygon"
    point = HazardZone.objects.get(code="Z3")
    assert point.geometry == {"type": "Point", "coordinates": [CENTRE_LON, CENTRE_LAT + 0.01]}
    assert set(
        HouseholdZone.objects.filter(household=home).values_list("zone__code", flat=True)
    ) == {
        "Z1",
        "Z2",
    }


def test_it_changes_nothing_on_a_second_import_and_relinks_a_moved_zone(client, officer, home):
    data = csv_file([HEADERS, *_rows()])
    post_import(client, "zones", data, name="zones.csv")
    entries = AuditEntry.objects.count()

    response = post_import(client, "zones", data, name="zones.csv")

    assert "0 tạo mới, 0 cập nhật, 3 không đổi" in response.content.decode()
    assert AuditEntry.objects.count() == entries + 1

    rows = _rows()
    rows[0][3] = json.dumps(square(CENTRE_LAT + 0.05, CENTRE_LON))
    post_import(client, "zones", csv_file([HEADERS, *rows]), name="zones.csv")

    assert not HouseholdZone.objects.filter(household=home, zone__code="Z1").exists()
    update = AuditEntry.objects.get(action="update", object_type="hazards.hazardzone")
    assert set(update.changes) == {"geometry"}


def test_it_reads_a_geojson_feature_collection(client, officer, home):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": square(CENTRE_LAT, CENTRE_LON),
                "properties": {
                    "code": "Z9",
                    "name": "Bãi",
                    "kind": "coastal",
                    "risk_notes": "Sóng lớn",
                    "last_reviewed_on": "2024-01-31",
                },
            }
        ],
    }
    data = json.dumps(collection).encode()

    response = post_import(client, "zones", data, name="zones.geojson")

    assert response.status_code == 200
    zone = HazardZone.objects.get(code="Z9")
    assert (zone.kind, zone.risk_notes) == ("coastal", "Sóng lớn")
    assert HouseholdZone.objects.filter(zone=zone, household=home).exists()


def test_it_lists_every_bad_zone_row_and_imports_nothing(client, officer):
    rows = _rows()
    rows[0][2] = "động đất"  # unknown kind
    rows[1][3] = "POLYGON ((1 2, 3"  # unreadable WKT
    rows[2][4:6] = [CENTRE_LON, CENTRE_LAT]  # swapped point
    rows.append(["Z4", "Không hình", "khác", "", None, None, "", "", "31/02/2024"])

    response = post_import(client, "zones", csv_file([HEADERS, *rows]), name="zones.csv")

    assert response.status_code == 400
    assert "Không có dữ liệu nào được nhập" in response.content.decode()
    assert {(p.line, p.column) for p in problems_of(response)} == {
        (2, "Loại nguy cơ"),
        (3, "Hình học"),
        (4, "Vĩ độ"),
        (5, "Hình học"),
        (5, "Ngày rà soát"),
    }
    assert not HazardZone.objects.exists()


def test_it_refuses_a_geojson_file_that_is_not_a_feature_collection(client, officer):
    response = post_import(client, "zones", b'{"type": "Polygon"}', name="zones.geojson")

    assert [p.message for p in problems_of(response)] == [
        "Tệp không phải một GeoJSON FeatureCollection."
    ]


def test_it_ignores_drawing_styles_in_geojson_and_numbers_bad_features(client, officer):
    features = [
        {
            "type": "Feature",
            "geometry": square(CENTRE_LAT, CENTRE_LON),
            "properties": {"code": "Z1", "name": "Bãi", "kind": "ven biển", "stroke": "#f00"},
        },
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [CENTRE_LAT, CENTRE_LON]},
            "properties": {"code": "Z2", "name": "Cống", "kind": "weak_point", "fill": "#0f0"},
        },
    ]
    data = json.dumps({"type": "FeatureCollection", "features": features}).encode()

    response = post_import(client, "zones", data, name="ve.geojson")

    assert [(p.sheet, p.line, p.column) for p in problems_of(response)] == [
        ("ve.geojson", 2, "geometry")
    ]
    assert "đảo" in problems_of(response)[0].message  # latitude and longitude swapped
