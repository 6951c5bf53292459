"""Reading uploaded files into tables of cells, and the problems that make a file unusable."""

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import openpyxl
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# An .xlsx is a zip; refuse one that would unpack to far more than the upload limit.
_MAX_UNZIPPED_RATIO = 25
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 (.xls)
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")


# --- problems ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (as the user sees it in Excel) and why."""

    sheet: str
    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        place = [self.sheet]
        if self.line is not None:
            place.append(_("line %(line)d") % {"line": self.line})
        if self.column:
            place.append(_("column “%(column)s”") % {"column": self.column})
        return f"{', '.join(place)}: {self.message}"


class ImportRejected(Exception):
    """The file has problems; nothing was imported."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class Problems:
    """Collects problems while a whole file is checked, then rejects it if there are any."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, *, sheet: str, message: str, line: int | None = None, column: str = "") -> None:
        self.items.append(Problem(sheet=sheet, line=line, column=column, message=str(message)))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            # Sheets in the order they were met, then by line, as the user reads the file.
            sheets = list(dict.fromkeys(problem.sheet for problem in self.items))
            ordered = sorted(self.items, key=lambda p: (sheets.index(p.sheet), p.line or 0))
            raise ImportRejected(ordered)


def reject(*, sheet: str, message: str, line: int | None = None, column: str = "") -> NoReturn:
    """Stop at once with a single problem (a file that cannot be read at all)."""
    problems = Problems()
    problems.add(sheet=sheet, message=message, line=line, column=column)
    problems.raise_if_any()
    raise AssertionError  # unreachable: there was a problem


# --- reading files -------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """An uploaded (or given) file: its name as the user knows it, and its bytes."""

    name: str
    data: bytes

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    @property
    def is_workbook(self) -> bool:
        return self.data.startswith(_ZIP_MAGIC) or self.suffix in (".xlsx", ".xlsm", ".xls")


def _check_size(name: str, size: int) -> None:
    limit = settings.TAICHO_IMPORT_MAX_BYTES
    if size > limit:
        reject(
            sheet=name,
            message=_("The file is too large (%(size)s; at most %(limit)s).")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )


def source_from_upload(upload) -> Source:
    """A Source from a Django UploadedFile, refused before reading if it is too large."""
    name = Path(upload.name or "upload").name
    _check_size(name, upload.size)
    return Source(name=name, data=upload.read())


def source_from_path(path: Path | str) -> Source:
    path = Path(path)
    if not path.is_file():
        reject(sheet=path.name, message=_("There is no such file."))
    _check_size(path.name, path.stat().st_size)
    return Source(name=path.name, data=path.read_bytes())


@dataclass
class Table:
    """The cells of one sheet (or CSV file): its header row and its non-blank rows."""

    name: str
    headers: list[str]
    header_line: int | None  # None: a file without a header row (GeoJSON)
    rows: list[tuple[int, tuple]]  # (line as in Excel, cells)


def is_blank(value) -> bool:
    """An empty cell: nothing, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def _table(name: str, numbered_rows: Iterable[tuple[int, tuple]]) -> Table:
    """The first non-blank row is the header; blank rows are skipped (their lines still count)."""
    headers: list[str] | None = None
    header_line = 1
    rows: list[tuple[int, tuple]] = []
    for line, cells in numbered_rows:
        if all(is_blank(cell) for cell in cells):
            continue
        if headers is None:
            headers = ["" if is_blank(cell) else str(cell).strip() for cell in cells]
            header_line = line
        else:
            rows.append((line, tuple(cells)))
    return Table(name=name, headers=headers or [], header_line=header_line, rows=rows)


def read_workbook(source: Source) -> list[Table]:
    """Every sheet of an .xlsx file; a file that is not one is refused with a clear message."""
    if source.data.startswith(_OLE_MAGIC) or source.suffix == ".xls":
        reject(
            sheet=source.name,
            message=_(
                "This is an old Excel 97-2003 (.xls) file: open it in Excel and save it as .xlsx."
            ),
        )
    unreadable = _(
        "The file cannot be read as an Excel workbook (.xlsx): it is damaged or of another kind."
    )
    if not source.data:
        reject(sheet=source.name, message=_("The file is empty."))
    if not source.data.startswith(_ZIP_MAGIC):
        reject(sheet=source.name, message=unreadable)
    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > _MAX_UNZIPPED_RATIO * settings.TAICHO_IMPORT_MAX_BYTES:
            reject(sheet=source.name, message=_("The workbook unpacks to too much data."))
        book = openpyxl.load_workbook(io.BytesIO(source.data), read_only=True, data_only=True)
        tables = []
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # some programs write a wrong size; read every row
            tables.append(_table(sheet.title, enumerate(sheet.iter_rows(values_only=True), 1)))
        book.close()
    except ImportRejected:
        raise
    except Exception:  # openpyxl and zipfile raise many kinds of errors on a damaged file
        reject(sheet=source.name, message=unreadable)
    return tables


def read_text(source: Source) -> str:
    """The text of a UTF-8 file (BOM or not); refused if empty, not UTF-8, or binary."""
    data = source.data
    if not data.strip():
        reject(sheet=source.name, message=_("The file is empty."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        reject(
            sheet=source.name,
            message=_(
                "The file is not a CSV text file in UTF-8. In Excel choose "
                "“Save as” → “CSV UTF-8 (comma delimited)”, or upload the .xlsx workbook."
            ),
        )
    if _BINARY_CHARS.search(text):
        reject(
            sheet=source.name, message=_("The file is not a CSV text file (it holds binary data).")
        )
    return text


def _delimiter(text: str) -> str:
    """Comma or semicolon (Excel in Vietnamese writes ;): whichever the header row uses more."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    outside_quotes = re.sub(r'"[^"]*"', "", first)
    counts = {sep: outside_quotes.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_csv(source: Source) -> Table:
    """A CSV file in UTF-8 (with or without the BOM Excel writes), comma or semicolon."""
    text = read_text(source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        # Excel shows one row per record, so a record is a line even when a cell spans lines.
        return _table(source.name, ((n, tuple(row)) for n, row in enumerate(reader, 1)))
    except csv.Error as exc:
        reject(
            sheet=source.name, message=_("The CSV file cannot be read: %(error)s") % {"error": exc}
        )
