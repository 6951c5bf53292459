"""Spreadsheets and CSV files in and out: the shared part of every registry import and export.

Knows no domain. A registry describes each table as a `Sheet` of `Column`s (the Vietnamese
header written in templates and exports, the other headers accepted, a cell parser); this
module reads the file, matches the headers, parses every cell and collects every problem with
the sheet, the line and the column header as the user sees them in Excel (header = line 1),
so that a bad file is reported in full and nothing is written.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from taicho.core.models import AuditEntry
from taicho.core.phones import normalize_phone, normalize_phones
from taicho.core.vietnamese import fold

# An .xlsx is a zip; refuse one that would unpack to far more than the upload limit.
_MAX_UNZIPPED_RATIO = 25
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 (.xls)
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")
# Excel and LibreOffice run a CSV cell starting with these as a formula: exports escape them.
_FORMULA_START = ("=", "+", "-", "@")


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


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(name: str, numbered_rows: Iterable[tuple[int, tuple]]) -> Table:
    """The first non-blank row is the header; blank rows are skipped (their lines still count)."""
    headers: list[str] | None = None
    header_line = 1
    rows: list[tuple[int, tuple]] = []
    for line, cells in numbered_rows:
        if all(_blank(cell) for cell in cells):
            continue
        if headers is None:
            headers = ["" if _blank(cell) else str(cell).strip() for cell in cells]
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


# --- matching headers and words ------------------------------------------------------------


def header_key(text) -> str:
    """How headers and words are compared: no case, no diacritics, no punctuation."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(text))).split())


@dataclass(frozen=True)
class Vocabulary:
    """The words accepted for a coded value; the first word of each code is written in files."""

    words: dict[str, tuple[str, ...]]
    _codes: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        codes = {}
        for code, words in self.words.items():
            for word in (code, *words):
                codes.setdefault(header_key(word), code)
        object.__setattr__(self, "_codes", codes)  # built once: lookups run per cell

    def label(self, code: str) -> str:
        return self.words[code][0] if code in self.words else ""

    def labels(self) -> str:
        return ", ".join(words[0] for words in self.words.values())

    def lookup(self, raw) -> str | None:
        return self._codes.get(header_key(raw))


# --- cell parsers: value from the file → stored value, or ValidationError --------------------

Parser = Callable[[Any], Any]


def _clean_text(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a code typed as a number in Excel: 101, not 101.0
    text = str(raw).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in _FORMULA_START:
        text = text[1:]  # undo the escape our CSV exports add
    return text


def text(max_length: int | None = None, *, multiline: bool = False) -> Parser:
    def parse(raw) -> str:
        value = _clean_text(raw)
        if not multiline:
            value = " ".join(value.split())
        if max_length is not None and len(value) > max_length:
            raise ValidationError(
                _("Too long: %(length)d characters, at most %(max)d.")
                % {"length": len(value), "max": max_length}
            )
        return value

    return parse


def _number_text(raw) -> str:
    value = _clean_text(raw).replace(" ", "")
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")  # a decimal comma, as Vietnamese Excel writes it
    return value


def number(*, minimum: float | None = None, maximum: float | None = None) -> Parser:
    def parse(raw) -> float:
        if isinstance(raw, bool | dt.date):
            raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw})
        try:
            value = float(raw) if isinstance(raw, int | float) else float(_number_text(raw))
        except ValueError:
            raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw}) from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw})
        _check_range(value, minimum, maximum)
        return value

    return parse


def _check_range(value, minimum, maximum) -> None:
    if minimum is not None and value < minimum:
        raise ValidationError(
            _("%(value)s is less than %(min)s.") % {"value": value, "min": minimum}
        )
    if maximum is not None and value > maximum:
        raise ValidationError(
            _("%(value)s is more than %(max)s.") % {"value": value, "max": maximum}
        )


def _whole(raw) -> int:
    if isinstance(raw, bool | dt.date):
        raise ValueError
    if isinstance(raw, int | float):
        if not float(raw).is_integer():
            raise ValueError
        return int(raw)
    value = _clean_text(raw).replace(" ", "")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", value):
        value = re.sub(r"[.,]", "", value)  # 1.200 written with a thousands separator
    return int(value)


def integer(*, minimum: int | None = None, maximum: int | None = None) -> Parser:
    def parse(raw) -> int:
        try:
            value = _whole(raw)
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a whole number.") % {"value": raw}
            ) from None
        _check_range(value, minimum, maximum)
        return value

    return parse


def year(*, minimum: int = 1900) -> Parser:
    """A year, not before `minimum` and not after this year."""

    def parse(raw) -> int:
        try:
            value = _whole(raw)
        except ValueError:
            raise ValidationError(_("“%(value)s” is not a year.") % {"value": raw}) from None
        this_year = timezone.localdate().year
        if value > this_year:
            raise ValidationError(_("The year %(value)d is in the future.") % {"value": value})
        if value < minimum:
            raise ValidationError(
                _("The year %(value)d is before %(min)d.") % {"value": value, "min": minimum}
            )
        return value

    return parse


YES_NO = Vocabulary(
    {
        "yes": ("có", "x", "1", "yes", "y", "c", "true", "đúng"),
        "no": ("không", "0", "no", "n", "k", "false", "sai"),
    }
)


def yes_no() -> Parser:
    def parse(raw) -> bool:
        if isinstance(raw, bool):
            return raw
        code = YES_NO.lookup(raw)
        if code is None:
            raise ValidationError(
                _("“%(value)s” is not yes or no: write “có” or “không” (or x, 1/0, yes/no).")
                % {"value": raw}
            )
        return code == "yes"

    return parse


def choice(vocabulary: Vocabulary) -> Parser:
    def parse(raw) -> str:
        code = vocabulary.lookup(raw)
        if code is None:
            raise ValidationError(
                _("Unknown value “%(value)s”; use one of: %(choices)s.")
                % {"value": raw, "choices": vocabulary.labels()}
            )
        return code

    return parse


def choices(vocabulary: Vocabulary) -> Parser:
    """Several coded values separated by commas or semicolons; duplicates dropped."""
    one = choice(vocabulary)

    def parse(raw) -> list[str]:
        codes: list[str] = []
        for item in re.split(r"[,;\n]", str(raw)):
            if item.strip():
                code = one(item.strip())
                if code not in codes:
                    codes.append(code)
        return codes

    return parse


def phone() -> Parser:
    return lambda raw: normalize_phone(_clean_text(raw))


def phones() -> Parser:
    return lambda raw: normalize_phones(_clean_text(raw))


_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


def date() -> Parser:
    """dd/mm/yyyy or yyyy-mm-dd, or a date cell of Excel."""

    def parse(raw) -> dt.date:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if isinstance(raw, int | float) and not isinstance(raw, bool) and 1 < raw < 2958466:
            return from_excel(raw).date()  # a date cell formatted as a number
        value = _clean_text(raw)
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a date, no time)
            except ValueError:
                continue
        raise ValidationError(
            _("“%(value)s” is not a date: write dd/mm/yyyy (or yyyy-mm-dd).") % {"value": raw}
        )

    return parse


# --- sheets and columns --------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a sheet. `header` is written in templates and exports."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    parse: Parser = field(default_factory=text)
    required: bool = False  # the column must be in the file
    blank: bool = True  # a cell may be empty
    empty: Any = ""  # the value of an empty cell (copied)
    help: str = ""  # what the import page says about the values

    def empty_value(self):
        return list(self.empty) if isinstance(self.empty, list) else self.empty

    def match_keys(self) -> set[str]:
        return {header_key(self.header), header_key(self.key), *map(header_key, self.aliases)}


@dataclass(frozen=True)
class Sheet:
    """A table of a registry file: the sheet name written in templates and its columns."""

    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def find(self, tables: list[Table]) -> Table | None:
        """The table whose sheet name is this sheet's name or one of its aliases."""
        names = {header_key(self.name), *map(header_key, self.aliases)}
        return next((table for table in tables if header_key(table.name) in names), None)


@dataclass
class Row:
    line: int
    values: dict[str, Any]  # the cells that parsed, by column key
    failed: set[str] = field(default_factory=set)  # the keys whose cell had a problem


@dataclass
class ParsedSheet:
    table: Table
    headers: dict[str, str]  # column key → the header as written in the file
    rows: list[Row]

    def has(self, key: str) -> bool:
        return key in self.headers

    def header(self, key: str, sheet: Sheet | None = None) -> str:
        if key in self.headers:
            return self.headers[key]
        column = next((c for c in (sheet.columns if sheet else ()) if c.key == key), None)
        return column.header if column else key

    def report(self, problems: Problems, row: Row, key: str, message: str) -> None:
        problems.add(sheet=self.table.name, line=row.line, column=self.header(key), message=message)
        row.failed.add(key)


def _match_headers(table: Table, sheet: Sheet, problems: Problems) -> dict[int, Column]:
    lookup = {key: column for column in sheet.columns for key in column.match_keys()}
    matched: dict[int, Column] = {}
    seen: dict[str, str] = {}
    for index, header in enumerate(table.headers):
        letter = get_column_letter(index + 1)
        if not header:
            if any(index < len(cells) and not _blank(cells[index]) for _line, cells in table.rows):
                problems.add(
                    sheet=table.name,
                    line=table.header_line,
                    column=letter,
                    message=_("Column %(letter)s has data but no header.") % {"letter": letter},
                )
            continue
        column = lookup.get(header_key(header))
        if column is None:
            problems.add(
                sheet=table.name,
                line=table.header_line,
                column=header,
                message=_("Unknown column “%(header)s”. The columns of this sheet are: %(known)s.")
                % {"header": header, "known": ", ".join(sheet.headers)},
            )
        elif column.key in seen:
            problems.add(
                sheet=table.name,
                line=table.header_line,
                column=header,
                message=_("The column “%(header)s” is there twice (also as “%(other)s”).")
                % {"header": header, "other": seen[column.key]},
            )
        else:
            matched[index] = column
            seen[column.key] = header
    for column in sheet.columns:
        if column.required and column.key not in seen:
            problems.add(
                sheet=table.name,
                line=table.header_line,
                column=column.header,
                message=_("The required column “%(header)s” is missing.")
                % {"header": column.header},
            )
    return matched


def parse_sheet(table: Table, sheet: Sheet, problems: Problems) -> ParsedSheet:
    """Match the headers and parse every cell; every problem found goes to `problems`."""
    matched = _match_headers(table, sheet, problems)
    parsed = ParsedSheet(
        table=table,
        headers={column.key: table.headers[i] for i, column in matched.items()},
        rows=[],
    )
    for line, cells in table.rows:
        row = Row(line=line, values={})
        for index, column in matched.items():
            raw = cells[index] if index < len(cells) else None
            if _blank(raw):
                if column.blank:
                    row.values[column.key] = column.empty_value()
                else:
                    parsed.report(problems, row, column.key, _("This cell must not be empty."))
                continue
            try:
                row.values[column.key] = column.parse(raw)
            except ValidationError as exc:
                parsed.report(problems, row, column.key, " ".join(exc.messages))
        parsed.rows.append(row)
    return parsed


# --- results and the audit log -------------------------------------------------------------


@dataclass
class Tally:
    """What an import did to one kind of record."""

    label: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
        }

    def __str__(self) -> str:
        return _(
            "%(label)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
            "%(deleted)d deleted"
        ) % {"label": self.label, **self.as_dict()}


@dataclass
class ImportResult:
    source_name: str
    tallies: dict[str, Tally]

    def __str__(self) -> str:
        return _("Imported %(file)s — %(tallies)s.") % {
            "file": self.source_name,
            "tallies": "; ".join(str(tally) for tally in self.tallies.values()),
        }


def actor_id(actor) -> int | None:
    """The user to store in the audit log (None for the command line)."""
    return getattr(actor, "pk", None)


def audit_entry(
    *,
    actor,
    ward_id: int,
    action: str,
    object_type: str,
    object_id: str = "",
    object_repr: str = "",
    changes: dict | None = None,
) -> AuditEntry:
    """An unsaved audit entry, for bulk_create."""
    return AuditEntry(
        ward_id=ward_id,
        actor_id=actor_id(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        changes=changes or {},
    )


def record_import(*, actor, ward_id: int, object_type: str, result: ImportResult) -> AuditEntry:
    """The one summary entry of an import: which file, and what it did."""
    return audit_entry(
        actor=actor,
        ward_id=ward_id,
        action=AuditEntry.Action.IMPORT,
        object_type=object_type,
        object_repr=result.source_name,
        changes={
            "file": result.source_name,
            **{key: tally.as_dict() for key, tally in result.tallies.items()},
        },
    )


def record_export(*, actor, ward_id: int, object_type: str, file_name: str, rows: int) -> None:
    """Exports of registries (personal data among them) are logged."""
    audit_entry(
        actor=actor,
        ward_id=ward_id,
        action=AuditEntry.Action.EXPORT,
        object_type=object_type,
        object_repr=file_name,
        changes={"file": file_name, "rows": rows},
    ).save()


# --- writing files -------------------------------------------------------------------------


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
    if isinstance(value, str) and value.startswith(_FORMULA_START):
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
