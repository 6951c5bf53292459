import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from taicho.community.models import Household, Resident
from taicho.community.services import household_create, resident_create
from taicho.conftest import BACH_DANG, CENTRE_LAT, CENTRE_LON, square
from taicho.core.models import AuditEntry
from taicho.hazards.services import hazard_zone_create
from taicho.shelters.services import shelter_create
from taicho.web.tests.test_import_support import post_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, lan):
    client.force_login(lan)
    return lan


@pytest.fixture
def registry(officer, ward_a, group_a1, group_a2):
    """A little of everything, with the awkward values: diacritics, formulas, no location."""
    first = household_create(
        actor=officer,
        ward=ward_a,
        code="001",
        address="=Số 1, ngõ “Hoa”",
        group=group_a1,
        lat=CENTRE_LAT,
        lon=CENTRE_LON,
        phones=["0912345678", "0223384123"],
        housing_type="makeshift",
        poverty="near_poor",
    )
    second = household_create(actor=officer, ward=ward_a, code="HD-2", address="-", group=group_a2)
    resident_create(
        actor=officer,
        household=first,
        full_name="Nguyễn Thị Ánh",
        birth_year=1938,
        sex="female",
        is_bedridden=True,
        phone="0987654321",
    )
    resident_create(actor=officer, household=first, full_name="Nguyễn Thị Ánh", birth_year=1938)
    resident_create(actor=officer, household=second, full_name="Đỗ Văn Út")
    shelter_create(
        actor=officer,
        ward=ward_a,
        code="S1",
        name="Trường Tiểu học",
        kind="school",
        lat=CENTRE_LAT,
        lon=CENTRE_LON,
        capacity=250,
        facilities="Điện\nNước",
        hazard_kinds=["inundation", "coastal"],
        contact_phone="0912000111",
    )
    hazard_zone_create(
        actor=officer,
        ward=ward_a,
        code="Z1",
        name="Bãi sông",
        kind="riverside",
        geometry=square(CENTRE_LAT, CENTRE_LON),
        risk_notes="- triều cường",
    )
    hazard_zone_create(
        actor=officer,
        ward=ward_a,
        code="Z2",
        name="Cống",
        kind="weak_point",
        geometry={"type": "Point", "coordinates": [CENTRE_LON, CENTRE_LAT]},
    )
    return ward_a


def _export(client, kind, fmt):
    response = client.get(reverse("transfer_export", args=[BACH_DANG, kind, fmt]))
    assert response.status_code == 200
    return response


def _reimport(client, kind, data, name, second=None):
    response = post_import(client, kind, data, name=name, second=second)
    assert response.status_code == 200, response.context and response.context.get("problems")
    return response.content.decode()


def test_it_exports_households_in_the_import_layout_and_reimports_to_no_change(client, registry):
    response = _export(client, "households", "xlsx")

    assert response["Content-Disposition"].startswith('attachment; filename="ho-dan_11473_')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Hộ dân", "Nhân khẩu"]
    assert [c.value for c in book["Hộ dân"][1]][:3] == ["Mã hộ", "Địa chỉ", "Tổ dân phố"]
    assert book["Hộ dân"]["B2"].value == "=Số 1, ngõ “Hoa”"
    assert book["Hộ dân"]["G2"].value == "đơn sơ"
    assert book["Nhân khẩu"].max_row == 4
    export = AuditEntry.objects.get(action="export")
    assert export.changes["rows"] == 5 and export.actor.username == "lan"
    entries = AuditEntry.objects.count()
    before = list(Resident.objects.order_by("pk").values())

    page = _reimport(client, "households", response.content, "ho-dan.xlsx")

    assert "hộ dân: 0 tạo mới, 0 cập nhật, 2 không đổi" in page
    assert "nhân khẩu: 0 tạo mới, 0 cập nhật, 3 không đổi, 0 xoá" in page
    assert AuditEntry.objects.count() == entries + 1
    assert list(Resident.objects.order_by("pk").values()) == before


def test_it_exports_households_and_residents_as_csv_that_reimport_to_no_change(client, registry):
    households = _export(client, "households", "csv").content
    residents = _export(client, "households", "residents-csv").content
    assert households.startswith("\ufeffMã hộ,".encode())

    page = _reimport(
        client, "households", households, "ho.csv", second=("nhan-khau.csv", residents)
    )

    assert "0 tạo mới, 0 cập nhật, 2 không đổi" in page
    assert Household.objects.get(code="HD-2").address == "-"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_it_exports_shelters_that_reimport_to_no_change(client, registry, fmt):
    data = _export(client, "shelters", fmt).content

    page = _reimport(client, "shelters", data, f"diem.{fmt}")

    assert "điểm sơ tán: 0 tạo mới, 0 cập nhật, 1 không đổi" in page


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "geojson"])
def test_it_exports_zones_that_reimport_to_no_change(client, registry, fmt):
    data = _export(client, "zones", fmt).content
    if fmt == "geojson":
        collection = json.loads(data)
        assert collection["features"][0]["properties"]["code"] == "Z1"

    page = _reimport(client, "zones", data, f"zones.{fmt}")

    assert "khu vực nguy cơ: 0 tạo mới, 0 cập nhật, 2 không đổi" in page
    assert AuditEntry.objects.filter(action="export", object_type="hazards.hazardzone").count() == 1


@pytest.mark.parametrize(
    ("kind", "sheets"),
    [
        ("households", ["Hộ dân", "Nhân khẩu"]),
        ("shelters", ["Điểm sơ tán"]),
        ("zones", ["Khu vực nguy cơ"]),
    ],
)
def test_it_offers_empty_templates(client, officer, kind, sheets):
    response = client.get(reverse("transfer_template", args=[BACH_DANG, kind]))

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == sheets
    assert all(book[name].max_row == 1 for name in sheets)
    assert not AuditEntry.objects.exists()


def test_it_exports_from_the_command_line(registry, tmp_path):
    out = tmp_path / "ho.xlsx"

    call_command(
        "export_registry",
        "--ward",
        str(BACH_DANG),
        "--kind",
        "households",
        str(out),
        stdout=io.StringIO(),
    )

    book = openpyxl.load_workbook(out)
    assert book["Hộ dân"].max_row == 3
    entry = AuditEntry.objects.get(action="export")
    assert entry.actor is None and entry.object_repr.endswith(".xlsx")
    call_command(
        "export_registry",
        "--ward",
        str(BACH_DANG),
        "--kind",
        "zones",
        str(tmp_path / "z.geojson"),
        stdout=io.StringIO(),
    )
    assert len(json.loads((tmp_path / "z.geojson").read_text())["features"]) == 2
