import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from taicho.community.models import Household, Resident
from taicho.community.services import household_create, resident_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.core.models import AuditEntry
from taicho.exposure.models import HouseholdZone
from taicho.geo.geojson import check_point
from taicho.hazards.services import hazard_zone_create
from taicho.web.tests.test_import_support import (
    HOUSEHOLD_HEADERS,
    csv_file,
    household_rows,
    households_workbook,
    import_url,
    post_import,
    problems_of,
    resident_rows,
    workbook,
)

pytestmark = pytest.mark.django_db

NOTHING = "Không có dữ liệu nào được nhập"


@pytest.fixture
def officer(client, lan, group_a1):
    client.force_login(lan)
    return lan


def _counts():
    return Household.objects.count(), Resident.objects.count(), AuditEntry.objects.count()


def _refused(client, data, *, name="ho-dan.xlsx", second=None):
    """Post a bad file; check that nothing was written and return the listed problems."""
    before = _counts()
    response = post_import(client, "households", data, name=name, second=second)
    assert response.status_code == 400
    assert NOTHING in response.content.decode()
    assert _counts() == before
    return problems_of(response)


def test_it_imports_households_and_residents_and_links_them_to_zones(client, officer, ward_a):
    zone = hazard_zone_create(
        actor=officer,
        ward=ward_a,
        code="Z1",
        name="Bãi sông",
        kind="riverside",
        geometry=square(CENTRE_LAT, CENTRE_LON),
    )
    response = post_import(client, "households", households_workbook())

    page = response.content.decode()
    assert response.status_code == 200
    assert "hộ dân: 2 tạo mới, 0 cập nhật, 0 không đổi" in page
    assert "nhân khẩu: 3 tạo mới" in page
    first = Household.objects.get(ward=ward_a, code="HD001")
    assert first.phones == ["0912345678", "02233841234"]
    assert first.group.code == "1"
    second = Household.objects.get(ward=ward_a, code="HD002")
    assert (second.housing_type, second.poverty) == ("semi_solid", "poor")
    an = Resident.objects.get(full_name="Nguyễn Văn An")
    assert (an.birth_year, an.sex, an.is_bedridden, an.is_disabled) == (1950, "male", True, False)
    assert an.sort_key and an.search_name == "nguyen van an"
    assert Resident.objects.get(full_name="Trần Thị Bình").is_pregnant
    assert list(HouseholdZone.objects.filter(zone=zone).values_list("household", flat=True)) == [
        first.id
    ]
    entries = AuditEntry.objects.exclude(object_type="hazards.hazardzone")
    assert entries.filter(action="create").count() == 5
    summary = entries.get(action="import")
    assert summary.actor == officer
    assert summary.changes["households"]["created"] == 2
    assert summary.changes["file"] == "ho-dan.xlsx"


def test_it_changes_nothing_when_the_same_file_is_imported_again(client, officer):
    data = households_workbook()
    post_import(client, "households", data)
    entries = AuditEntry.objects.count()
    stamps = list(Household.objects.values_list("updated_at", flat=True))

    response = post_import(client, "households", data)

    assert "hộ dân: 0 tạo mới, 0 cập nhật, 2 không đổi" in response.content.decode()
    assert "nhân khẩu: 0 tạo mới, 0 cập nhật, 3 không đổi, 0 xoá" in response.content.decode()
    assert AuditEntry.objects.count() == entries + 1
    assert AuditEntry.objects.first().action == "import"
    assert list(Household.objects.values_list("updated_at", flat=True)) == stamps


def test_it_updates_what_differs_and_makes_the_file_the_truth_for_listed_households(
    client, officer, ward_a, group_a1
):
    post_import(client, "households", households_workbook())
    untouched = household_create(
        actor=officer, ward=ward_a, code="HD009", address="Số 9", group=group_a1
    )
    resident_create(actor=officer, household=untouched, full_name="Phạm Văn Dũng")
    households = household_rows()
    households[0][1] = "Số 1A ngõ 5"
    residents = resident_rows()[:2]  # HD001 keeps An and Bình; HD002 is not listed any more
    residents[0][1] = "NGUYỄN VĂN AN"
    residents.append(["HD001", "Nguyễn Văn Em", 2020, "", "", "", "", "", ""])
    residents[1][5] = "có"

    response = post_import(client, "households", households_workbook(households, residents))

    page = response.content.decode()
    assert "hộ dân: 0 tạo mới, 1 cập nhật, 1 không đổi" in page
    assert "nhân khẩu: 1 tạo mới, 2 cập nhật, 0 không đổi, 0 xoá" in page
    assert Household.objects.get(code="HD001").address == "Số 1A ngõ 5"
    update = AuditEntry.objects.get(action="update", object_type="community.household")
    assert update.changes == {"address": ["Số 1 ngõ 5", "Số 1A ngõ 5"]}
    assert Resident.objects.filter(household__code="HD002").count() == 1
    assert Resident.objects.filter(household=untouched).count() == 1

    only_an = [["HD001", "Nguyễn Văn An", 1950, "Nam", "", "", "", "", "x"]]
    response = post_import(client, "households", households_workbook(households, only_an))

    assert "2 xoá" in response.content.decode()
    assert list(
        Resident.objects.filter(household__code="HD001").values_list("full_name", flat=True)
    ) == ["Nguyễn Văn An"]
    assert AuditEntry.objects.filter(action="delete", object_type="community.resident").count() == 2


def test_it_reads_the_households_and_residents_csv_files(client, officer):
    households = csv_file([HOUSEHOLD_HEADERS, *household_rows()], delimiter=";")
    headers = [
        "ma ho",
        "HO TEN",
        "birth year",
        "sex",
        "phone",
        "disabled",
        "pregnant",
        "om dau",
        "bedridden",
    ]
    residents = csv_file([headers, *resident_rows()], bom=False)

    response = post_import(
        client, "households", households, name="ho.csv", second=("nhan-khau.csv", residents)
    )

    assert response.status_code == 200
    assert Household.objects.count() == 2
    assert Resident.objects.filter(is_bedridden=True).count() == 1
    assert AuditEntry.objects.get(action="import").changes["file"] == "ho.csv + nhan-khau.csv"


def test_it_accepts_headers_without_diacritics_or_in_english(client, officer):
    headers = [
        "ma ho",
        "DIA CHI",
        "group",
        "lat",
        "Longitude",
        "so dien thoai",
        "housing type",
        "ho ngheo",
    ]
    rows = [["H1", "Số 1", "1", "20,97", "106,73", "", "semi_solid", "cận nghèo"]]
    response = post_import(client, "households", csv_file([headers, *rows]), name="h.csv")

    assert response.status_code == 200
    household = Household.objects.get(code="H1")
    assert (household.lat, household.lon, household.poverty) == (20.97, 106.73, "near_poor")


def test_it_names_missing_and_unknown_columns(client, officer):
    headers = ["Mã hộ", "Tổ dân phố", "Ghi chú"]
    problems = _refused(client, workbook({"Hộ dân": [headers, ["H1", "1", "x"]]}))

    messages = {(p.line, p.column): p.message for p in problems}
    assert "Ghi chú" in messages[(1, "Ghi chú")]
    assert "Địa chỉ" in messages[(1, "Địa chỉ")]


def test_it_lists_every_bad_row_with_its_line_and_column(client, officer):
    households = household_rows()
    households[0][1] = ""  # empty address
    households[1][5] = "12345"  # bad phone
    households.append(["HD001", "Số 3", "1", None, None, "", "", ""])  # duplicate code
    households.append(["HD004", "Số 4", "Tổ 99", None, None, "", "nhà lá", ""])  # group, housing

    problems = _refused(client, households_workbook(households, []))

    found = {(p.sheet, p.line, p.column) for p in problems}
    assert found == {
        ("Hộ dân", 2, "Địa chỉ"),
        ("Hộ dân", 3, "Điện thoại"),
        ("Hộ dân", 4, "Mã hộ"),
        ("Hộ dân", 5, "Tổ dân phố"),
        ("Hộ dân", 5, "Loại nhà"),
    }
    by_place = {(p.line, p.column): p.message for p in problems}
    assert "trống" in by_place[(2, "Địa chỉ")]
    assert "12345" in by_place[(3, "Điện thoại")]
    assert "dòng 2" in by_place[(4, "Mã hộ")]
    assert "Tổ 99" in by_place[(5, "Tổ dân phố")]
    assert "nhà lá" in by_place[(5, "Loại nhà")] and "kiên cố" in by_place[(5, "Loại nhà")]


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(95.0, 106.73), (CENTRE_LON, CENTRE_LAT), (48.85, 2.35), (20.97, None)],
    ids=["out-of-range", "swapped", "outside-vietnam", "half"],
)
def test_it_refuses_bad_coordinates(client, officer, lat, lon):
    households = household_rows()
    households[1][3:5] = [lat, lon]

    problems = _refused(client, households_workbook(households, []))

    assert [(p.line, p.column) for p in problems] == [(3, "Vĩ độ")]
    if lon is not None:
        with pytest.raises(ValidationError) as expected:
            check_point(lat, lon)
        assert problems[0].message == " ".join(expected.value.messages)


@pytest.mark.parametrize(
    ("year", "words"),
    [(timezone.localdate().year + 1, "tương lai"), (1899, "1900"), ("năm mươi", "năm mươi")],
    ids=["future", "too-old", "not-a-number"],
)
def test_it_refuses_a_bad_birth_year(client, officer, year, words):
    residents = resident_rows()
    residents[2][2] = year

    problems = _refused(client, households_workbook(None, residents))

    assert [(p.sheet, p.line, p.column) for p in problems] == [("Nhân khẩu", 4, "Năm sinh")]
    assert words in problems[0].message


def test_it_refuses_a_resident_of_an_unknown_household(client, officer):
    residents = [*resident_rows(), ["HD777", "Ai Đó", 1980, "", "", "", "", "", ""]]

    problems = _refused(client, households_workbook(None, residents))

    assert [(p.sheet, p.line, p.column) for p in problems] == [("Nhân khẩu", 5, "Mã hộ")]
    assert "HD777" in problems[0].message


def test_it_accepts_residents_of_a_household_already_in_the_ward(client, officer, ward_a, group_a1):
    household_create(actor=officer, ward=ward_a, code="HD777", address="Số 7", group=group_a1)
    residents = [["HD777", "Ai Đó", 1980, "", "", "", "", "", ""]]

    response = post_import(client, "households", households_workbook(None, residents))

    assert response.status_code == 200
    assert Resident.objects.get(full_name="Ai Đó").household.code == "HD777"


def test_it_refuses_a_yes_no_it_cannot_read(client, officer):
    residents = resident_rows()
    residents[0][6] = "có lẽ"

    problems = _refused(client, households_workbook(None, residents))

    assert [(p.line, p.column) for p in problems] == [(2, "Mang thai")]


def test_it_refuses_a_workbook_without_the_households_sheet(client, officer):
    problems = _refused(client, workbook({"Sheet1": [HOUSEHOLD_HEADERS]}))

    assert "Hộ dân" in problems[0].message and "Sheet1" in problems[0].message


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("ho-dan.xlsx", b"this is not a workbook at all", "Excel"),
        ("ho-dan.xlsx", b"PK\x03\x04broken zip", "Excel"),
        ("ho-dan.csv", bytes(range(256)) * 4, "CSV"),
        ("ho-dan.csv", b"", "trống"),
        ("ho-dan.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xlsx"),
        ("ho-dan.csv", "Mã hộ;Địa chỉ\n".encode("utf-16"), "UTF-8"),
    ],
    ids=["not-xlsx", "corrupt-zip", "binary-csv", "empty", "old-xls", "utf16"],
)
def test_it_refuses_a_file_it_cannot_read(client, officer, name, data, words):
    problems = _refused(client, data, name=name)

    assert len(problems) == 1 and problems[0].sheet == name
    assert words in problems[0].message


def test_it_refuses_a_truncated_workbook(client, officer):
    data = households_workbook()
    problems = _refused(client, data[: len(data) // 2])

    assert "Excel" in problems[0].message


def test_it_refuses_a_file_that_is_too_large(client, officer, settings):
    settings.TAICHO_IMPORT_MAX_BYTES = 2000
    data = csv_file([HOUSEHOLD_HEADERS, *household_rows() * 40])

    problems = _refused(client, data, name="ho.csv")

    assert "quá lớn" in problems[0].message


def test_it_refuses_a_file_with_no_households(client, officer):
    problems = _refused(client, households_workbook([], []))

    assert problems[0].sheet == "Hộ dân"


def test_it_does_not_grow_its_queries_with_the_number_of_rows(client, officer, group_a2):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def rows(count, prefix):
        households = [
            [f"{prefix}{i}", f"Số {i}", "2", CENTRE_LAT, CENTRE_LON, "", "", ""]
            for i in range(count)
        ]
        residents = [
            [f"{prefix}{i}", f"Người {i}", 1980, "", "", "", "", "", ""] for i in range(count)
        ]
        return households_workbook(households, residents)

    with CaptureQueriesContext(connection) as small:
        post_import(client, "households", rows(5, "A"))
    with CaptureQueriesContext(connection) as large:
        post_import(client, "households", rows(600, "B"))

    assert Resident.objects.count() == 605
    # bulk writes come in batches of 500: a few more statements, never one per row
    assert len(large.captured_queries) <= len(small.captured_queries) + 12


def test_it_takes_an_empty_residents_sheet_as_no_residents(client, officer, ward_a, group_a1):
    home = household_create(
        actor=officer, ward=ward_a, code="HD001", address="Số 1", group=group_a1
    )
    resident_create(actor=officer, household=home, full_name="Phạm Thị Hoa")
    data = workbook({"Hộ dân": [HOUSEHOLD_HEADERS, *household_rows()], "Nhân khẩu": []})

    response = post_import(client, "households", data)

    assert response.status_code == 200
    assert Resident.objects.filter(household=home).count() == 1


def test_it_asks_for_a_file_when_none_was_chosen(client, officer):
    response = client.post(import_url("households"), {})

    assert response.status_code == 400
    assert NOTHING in response.content.decode()


def test_it_refuses_a_workbook_and_a_csv_together(client, officer):
    second = ("nhan-khau.csv", csv_file([["Mã hộ", "Họ và tên", "Năm sinh"]]))

    problems = _refused(client, households_workbook(), second=second)

    assert problems[0].sheet == "nhan-khau.csv"


def test_it_names_a_column_missing_from_the_residents_sheet(client, officer):
    residents = [["Nguyễn Văn An", 1950]]
    data = workbook(
        {
            "Hộ dân": [HOUSEHOLD_HEADERS, *household_rows()],
            "Nhân khẩu": [["Họ và tên", "Năm sinh"], *residents],
        }
    )

    problems = _refused(client, data)

    assert [(p.sheet, p.line, p.column) for p in problems] == [("Nhân khẩu", 1, "Mã hộ")]
