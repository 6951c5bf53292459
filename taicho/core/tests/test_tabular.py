"""The shared reading and checking of spreadsheets and CSV files, on a small made-up sheet."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from taicho.core import tabular
from taicho.core.tabular import Column, ImportRejected, Problems, Sheet, Source, Vocabulary

COLOURS = Vocabulary({"red": ("đỏ", "red"), "light_blue": ("xanh nhạt", "light blue")})

THINGS = Sheet(
    name="Đồ vật",
    aliases=("things",),
    columns=(
        Column("code", "Mã", aliases=("code",), required=True, blank=False),
        Column("name", "Tên gọi", aliases=("name",), parse=tabular.text(10)),
        Column("count", "Số lượng", parse=tabular.integer(minimum=0), empty=None),
        Column("weight", "Khối lượng", parse=tabular.number(minimum=0), empty=None),
        Column("colour", "Màu", parse=tabular.choice(COLOURS), empty="red"),
        Column("broken", "Hỏng", parse=tabular.yes_no(), empty=False),
        Column("made", "Năm sản xuất", parse=tabular.year(minimum=1900), empty=None),
        Column("seen", "Ngày kiểm tra", parse=tabular.date(), empty=None),
        Column("tags", "Màu phụ", parse=tabular.choices(COLOURS), empty=[]),
    ),
)


def _xlsx(rows) -> Source:
    book = openpyxl.Workbook()
    book.active.title = "Đồ vật"
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return Source("do-vat.xlsx", buffer.getvalue())


def _parse(table):
    problems = Problems()
    parsed = tabular.parse_sheet(table, THINGS, problems)
    return parsed, problems.items


def test_it_matches_headers_in_any_case_with_or_without_diacritics_or_in_english():
    source = Source(
        "x.csv", "MÃ;ten goi;SO LUONG;  khoi luong ;Colour\nA;Bút;3;1,5;xanh nhat\n".encode()
    )
    parsed, problems = _parse(tabular.read_csv(source))

    assert problems == []
    assert parsed.headers["code"] == "MÃ"
    assert parsed.rows[0].values == {
        "code": "A",
        "name": "Bút",
        "count": 3,
        "weight": 1.5,
        "colour": "light_blue",
    }


def test_it_names_the_missing_required_column_and_every_unknown_one():
    table = tabular.read_csv(Source("x.csv", b"Ten goi,Ghi chu,Mau sac\nBut,,\n"))
    _parsed, problems = _parse(table)

    assert {(p.line, p.column) for p in problems} == {(1, "Ghi chu"), (1, "Mau sac"), (1, "Mã")}
    missing = next(p for p in problems if p.column == "Mã")
    assert "Mã" in missing.message and "bắt buộc" in missing.message
    unknown = next(p for p in problems if p.column == "Ghi chu")
    assert "Tên gọi" in unknown.message  # it lists the columns the sheet has


def test_it_counts_lines_as_excel_shows_them_blank_rows_included():
    table = tabular.read_workbook(_xlsx([["Mã", "Số lượng"], ["A", 1], [], ["B", "nhiều"]]))[0]
    _parsed, problems = _parse(table)

    assert [(p.sheet, p.line, p.column) for p in problems] == [("Đồ vật", 4, "Số lượng")]


def test_it_reports_an_empty_required_cell():
    _parsed, problems = _parse(tabular.read_csv(Source("x.csv", b"Ma,Ten goi\n,But\n")))

    assert [(p.line, p.column) for p in problems] == [(2, "Ma")]
    assert "trống" in problems[0].message


def test_it_reads_csv_in_utf8_with_or_without_bom_and_with_commas_or_semicolons():
    text = 'Mã;Tên gọi\n"A;1";Bút chì\n'
    for data in (text.encode(), "\ufeff".encode() + text.encode()):
        table = tabular.read_csv(Source("x.csv", data))
        assert table.headers == ["Mã", "Tên gọi"]
        assert table.rows == [(2, ("A;1", "Bút chì"))]
    table = tabular.read_csv(Source("x.csv", '\ufeffMã,Tên gọi\r\nA,"Bút, chì"\r\n'.encode()))
    assert table.rows == [(2, ("A", "Bút, chì"))]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "trống"),
        (b"   \n", "trống"),
        (b"\x00\x01\x02binary\xff", "CSV"),
        ("Mã,Tên".encode("cp1252"), "UTF-8"),
    ],
)
def test_it_refuses_a_csv_it_cannot_read(data, words):
    with pytest.raises(ImportRejected) as rejected:
        tabular.read_csv(Source("x.csv", data))
    assert words in rejected.value.problems[0].message


@pytest.mark.parametrize(
    "data",
    [b"", b"plain text", b"PK\x03\x04 not really a zip", b"PK\x03\x04" + b"\x00" * 200],
)
def test_it_refuses_a_workbook_it_cannot_read(data):
    with pytest.raises(ImportRejected) as rejected:
        tabular.read_workbook(Source("x.xlsx", data))
    assert rejected.value.problems[0].sheet == "x.xlsx"


def test_it_refuses_an_upload_larger_than_the_limit(settings):
    settings.TAICHO_IMPORT_MAX_BYTES = 1024
    with pytest.raises(ImportRejected) as rejected:
        tabular.source_from_upload(SimpleUploadedFile("big.csv", b"x" * 1025))
    assert "quá lớn" in rejected.value.problems[0].message
    assert tabular.source_from_upload(SimpleUploadedFile("ok.csv", b"x" * 1024)).data


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("có", True),
        ("Có", True),
        ("x", True),
        ("X", True),
        ("1", True),
        (1, True),
        ("yes", True),
        ("không", False),
        ("khong", False),
        ("0", False),
        (0, False),
        ("no", False),
        (True, True),
    ],
)
def test_it_reads_yes_and_no_in_many_ways(raw, expected):
    assert tabular.yes_no()(raw) is expected


def test_it_refuses_years_in_the_future_before_1900_or_not_numbers():
    parse = tabular.year(minimum=1900)
    assert parse("1950") == 1950 and parse(1950.0) == 1950
    for raw, words in [
        (timezone.localdate().year + 1, "tương lai"),
        (1899, "1900"),
        ("195O", "không phải là năm"),
        (1950.5, "không phải là năm"),
    ]:
        with pytest.raises(tabular.ValidationError) as error:
            parse(raw)
        assert words in error.value.messages[0]


def test_it_reads_dates_as_people_write_them():
    parse = tabular.date()
    for raw in ("05/03/2024", "2024-03-05", "5/3/2024", dt.datetime(2024, 3, 5, 0, 0), 45356):
        assert parse(raw) == dt.date(2024, 3, 5)
    with pytest.raises(tabular.ValidationError):
        parse("03/15/2024")


def test_it_reads_numbers_with_a_decimal_comma_and_thousands_separators():
    assert tabular.number()("20,97") == 20.97
    assert tabular.integer()("1.200") == 1200
    with pytest.raises(tabular.ValidationError):
        tabular.number()("hai mươi")
    with pytest.raises(tabular.ValidationError):
        tabular.integer(minimum=0)("-3")


def test_it_finds_coded_values_by_their_words_without_diacritics():
    assert tabular.choices(COLOURS)("Xanh nhạt; đỏ, light_blue") == ["light_blue", "red"]
    with pytest.raises(tabular.ValidationError) as error:
        tabular.choice(COLOURS)("tím")
    assert "đỏ, xanh nhạt" in error.value.messages[0]


def test_it_writes_text_that_looks_like_a_formula_as_text_and_reads_it_back():
    rows = [["=1+1", "-tổ 3", 5, None, "đỏ", "", None, None, ""]]
    book = openpyxl.load_workbook(io.BytesIO(tabular.xlsx_bytes([(THINGS, rows)])))
    assert book["Đồ vật"]["A2"].value == "=1+1"
    assert book["Đồ vật"]["A2"].data_type == "s"

    csv_data = tabular.csv_bytes(THINGS, rows)
    assert csv_data.startswith("\ufeff".encode())
    assert b"'=1+1" in csv_data
    parsed, problems = _parse(tabular.read_csv(Source("x.csv", csv_data)))
    assert problems == []
    assert parsed.rows[0].values["code"] == "=1+1"
    assert parsed.rows[0].values["name"] == "-tổ 3"


def test_it_keeps_the_order_of_the_sheets_and_lines_in_a_report():
    problems = Problems()
    problems.add(sheet="B", line=5, message="x")
    problems.add(sheet="A", line=3, message="y")
    problems.add(sheet="B", line=2, message="z")
    with pytest.raises(ImportRejected) as rejected:
        problems.raise_if_any()
    assert [(p.sheet, p.line) for p in rejected.value.problems] == [("B", 2), ("B", 5), ("A", 3)]
    assert str(rejected.value.problems[0]) == "B, dòng 2: z"
