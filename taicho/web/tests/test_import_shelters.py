import pytest

from taicho.conftest import CENTRE_LAT, CENTRE_LON
from taicho.core.models import AuditEntry
from taicho.shelters.models import Shelter
from taicho.web.tests.test_import_support import csv_file, post_import, problems_of, workbook

pytestmark = pytest.mark.django_db

HEADERS = [
    "Mã điểm",
    "Tên điểm sơ tán",
    "Loại",
    "Địa chỉ",
    "Vĩ độ",
    "Kinh độ",
    "Sức chứa (người)",
    "Trang thiết bị",
    "Người liên hệ",
    "Điện thoại liên hệ",
    "Dùng khi",
]


def _rows():
    return [
        [
            "S1",
            "Trường THCS Bạch Đằng",
            "trường học",
            "Số 2 Lê Lợi",
            CENTRE_LAT,
            CENTRE_LON,
            300,
            "Nước, điện dự phòng",
            "Cô Hoa",
            "0912 345 678",
            "ngập úng; ven sông",
        ],
        [
            "S2",
            "Nhà văn hóa tổ 1",
            "Nha van hoa",
            "",
            CENTRE_LAT + 0.002,
            CENTRE_LON,
            "1.200",
            "",
            "",
            "",
            "",
        ],
    ]


@pytest.fixture
def officer(client, lan):
    client.force_login(lan)
    return lan


def test_it_imports_shelters_and_changes_nothing_the_second_time(client, officer, ward_a):
    data = workbook({"Điểm sơ tán": [HEADERS, *_rows()]})

    response = post_import(client, "shelters", data, name="diem.xlsx")

    assert "điểm sơ tán: 2 tạo mới" in response.content.decode()
    school = Shelter.objects.get(ward=ward_a, code="S1")
    assert (school.kind, school.capacity, school.contact_phone) == ("school", 300, "0912345678")
    assert school.hazard_kinds == ["inundation", "riverside"]
    assert Shelter.objects.get(code="S2").capacity == 1200
    assert AuditEntry.objects.filter(object_type="shelters.shelter").count() == 3
    entries = AuditEntry.objects.count()

    response = post_import(client, "shelters", data, name="diem.xlsx")

    assert "điểm sơ tán: 0 tạo mới, 0 cập nhật, 2 không đổi" in response.content.decode()
    assert AuditEntry.objects.count() == entries + 1


def test_it_updates_a_shelter_found_by_its_code(client, officer):
    post_import(client, "shelters", csv_file([HEADERS, *_rows()]), name="diem.csv")
    rows = _rows()
    rows[1][6] = 150

    response = post_import(client, "shelters", csv_file([HEADERS, *rows]), name="diem.csv")

    assert "0 tạo mới, 1 cập nhật, 1 không đổi" in response.content.decode()
    update = AuditEntry.objects.get(action="update")
    assert update.changes == {"capacity": [1200, 150]}


def test_it_lists_every_bad_shelter_row_and_imports_nothing(client, officer):
    rows = _rows()
    rows[0][2] = "lều bạt"  # unknown kind
    rows[0][9] = "112"  # bad phone
    rows[1][4:6] = [CENTRE_LON, CENTRE_LAT]  # swapped
    rows.append(["S1", "Trùng mã", "khác", "", CENTRE_LAT, CENTRE_LON, "", "", "", "", "bão"])

    response = post_import(client, "shelters", csv_file([HEADERS, *rows]), name="diem.csv")

    assert response.status_code == 400
    assert "Không có dữ liệu nào được nhập" in response.content.decode()
    assert {(p.line, p.column) for p in problems_of(response)} == {
        (2, "Loại"),
        (2, "Điện thoại liên hệ"),
        (3, "Vĩ độ"),
        (4, "Mã điểm"),
        (4, "Sức chứa (người)"),
        (4, "Dùng khi"),
    }
    assert not Shelter.objects.exists()
    assert not AuditEntry.objects.exists()


def test_it_names_missing_columns_of_the_shelter_sheet(client, officer):
    data = csv_file([["code", "name", "kind"], ["S1", "Trường", "trường học"]])

    response = post_import(client, "shelters", data, name="diem.csv")

    missing = {p.column for p in problems_of(response)}
    assert missing == {"Vĩ độ", "Kinh độ", "Sức chứa (người)"}
