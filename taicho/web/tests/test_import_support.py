"""Builders for the import and export tests: small workbooks and CSV files made in the test."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taicho.conftest import BACH_DANG, CENTRE_LAT, CENTRE_LON

HOUSEHOLD_HEADERS = [
    "Mã hộ",
    "Địa chỉ",
    "Tổ dân phố",
    "Vĩ độ",
    "Kinh độ",
    "Điện thoại",
    "Loại nhà",
    "Hộ nghèo/cận nghèo",
]
RESIDENT_HEADERS = [
    "Mã hộ",
    "Họ và tên",
    "Năm sinh",
    "Giới tính",
    "Điện thoại",
    "Khuyết tật",
    "Mang thai",
    "Bệnh hiểm nghèo/mãn tính",
    "Nằm liệt giường",
]


def household_rows():
    return [
        [
            "HD001",
            "Số 1 ngõ 5",
            "1",
            CENTRE_LAT,
            CENTRE_LON,
            "0912345678; 0223 3841 234",
            "kiên cố",
            "",
        ],
        [
            "HD002",
            "Số 7 ngõ 5",
            "Tổ dân phố 1",
            CENTRE_LAT + 0.01,
            CENTRE_LON,
            "",
            "bán kiên cố",
            "nghèo",
        ],
    ]


def resident_rows():
    return [
        ["HD001", "Nguyễn Văn An", 1950, "Nam", "", "không", "", "", "x"],
        ["HD001", "Trần Thị Bình", 1992, "Nữ", "0987654321", "0", "có", "", ""],
        ["HD002", "Lê Văn Cường", 2015, "nam", "", "", "", "1", ""],
    ]


def workbook(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx with the given sheets, each a list of rows (the first one is the header)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def households_workbook(households=None, residents=None) -> bytes:
    return workbook(
        {
            "Hộ dân": [
                HOUSEHOLD_HEADERS,
                *(household_rows() if households is None else households),
            ],
            "Nhân khẩu": [RESIDENT_HEADERS, *(resident_rows() if residents is None else residents)],
        }
    )


def csv_file(rows: list[list], *, delimiter=",", bom=True) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def import_url(kind: str, ward_code: int = BACH_DANG) -> str:
    return reverse("transfer_import", args=[ward_code, kind])


def post_import(client, kind: str, data: bytes, name: str = "ho-dan.xlsx", second=None):
    """Upload a file (and a second one) to the data page, following a redirect."""
    payload = {"file": upload(name, data)}
    if second is not None:
        payload["second_file"] = upload(*second)
    return client.post(import_url(kind), payload, follow=True)


def problems_of(response) -> list:
    """The problems listed on the page after a refused import."""
    return list(response.context["problems"]) if response.context else []


def test_it_builds_a_workbook_with_both_sheets():
    book = openpyxl.load_workbook(io.BytesIO(households_workbook()))
    assert book.sheetnames == ["Hộ dân", "Nhân khẩu"]
