"""Writing registries out as .xlsx workbooks and CSV files to download."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from django.utils import timezone
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from taicho.core.tabular.parsers import FORMULA_START
from taicho.core.tabular.sheets import Sheet


def _cell_text(value) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def xlsx_bytes(sheets: Iterable[tuple[Sheet, Iterable[list]]]) -> bytes:
    """A workbook (write-only, fast) with one sheet per (Sheet, rows): bold header, frozen."""
    book = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet, rows in sheets:
        worksheet = book.create_sheet(sheet.name)
        worksheet.freeze_panes = "A2"
        for index, header in enumerate(sheet.headers, 1):
            worksheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) + 4)
        header_cells = []
        for header in sheet.headers:
            cell = WriteOnlyCell(worksheet, value=header)
            cell.font = bold
            header_cells.append(cell)
        worksheet.append(header_cells)
        for row in rows:
            cells = []
            for value in row:
                value = _cell_text(value)
                if isinstance(value, str) and value.startswith("="):
                    cell = WriteOnlyCell(worksheet, value=value)
                    cell.data_type = "s"  # text, never a formula
                    value = cell
                cells.append(value)
            worksheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _csv_cell(value) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # so Excel shows the text instead of running it
    return value


def csv_bytes(sheet: Sheet, rows: Iterable[list]) -> bytes:
    """UTF-8 with a BOM (so Excel reads the diacritics), comma separated."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(sheet.headers)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@dataclass(frozen=True)
class Download:
    """A file to hand to the user."""

    name: str
    data: bytes

    @property
    def content_type(self) -> str:
        return _CONTENT_TYPES[Path(self.name).suffix.lower()]


_CONTENT_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv; charset=utf-8",
    ".geojson": "application/geo+json",
}


def file_name(stem: str, ward_code: int, suffix: str) -> str:
    """ho-dan_11473_2025-06-01.xlsx: ASCII, so every browser and mail client keeps it."""
    return f"{stem}_{ward_code}_{timezone.localdate():%Y-%m-%d}{suffix}"
