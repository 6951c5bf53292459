"""Sheets and their columns: matching a table's headers and parsing every cell."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter

from taicho.core.tabular.parsers import Parser, header_key, number, text, yes_no
from taicho.core.tabular.reading import (
    Problems,
    Source,
    Table,
    is_blank,
    read_csv,
    read_workbook,
)


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


# --- columns that several registries have ----------------------------------------------------


def field_length(model: type[models.Model], name: str) -> int | None:
    """The longest text a model's field takes, so a cell is refused before the database would."""
    return model._meta.get_field(name).max_length


def required(key: str, header: str, *, parse: Parser, **options) -> Column:
    """A column that must be in the file, with no empty cell (a code, a name, a kind)."""
    return Column(key, header, parse=parse, required=True, blank=False, **options)


def latitude(**options) -> Column:
    return Column("lat", "Vĩ độ", aliases=("lat", "latitude"), parse=number(), **options)


def longitude(**options) -> Column:
    aliases = ("lon", "lng", "long", "longitude")
    return Column("lon", "Kinh độ", aliases=aliases, parse=number(), **options)


YES_NO_HELP = gettext_lazy("có / không (or x, 1/0, yes/no); empty = không.")


def yes_no_column(key: str, header: str, *, aliases: tuple[str, ...] = ()) -> Column:
    """A yes/no column; an empty cell is no."""
    return Column(key, header, aliases=aliases, parse=yes_no(), empty=False, help=YES_NO_HELP)


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

    def read(self, source: Source) -> Table:
        """This sheet of a workbook (its first sheet if none has this name), or a CSV file."""
        if source.is_workbook:
            tables = read_workbook(source)
            return self.find(tables) or tables[0]
        return read_csv(source)


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

    def report_repeats(self, problems: Problems, *, key: str, message: str) -> None:
        """A value of `key` met again on a later row is a problem there; `message` is formatted
        with the value as %(code)s and the line it was first on as %(line)d."""
        first_line: dict[Any, int] = {}
        for row in self.rows:
            value = row.values.get(key)
            if value in first_line:
                self.report(
                    problems, row, key, message % {"code": value, "line": first_line[value]}
                )
            elif value is not None:
                first_line[value] = row.line

    def check_cells(
        self,
        problems: Problems,
        row: Row,
        keys: tuple[str, ...],
        check: Callable[..., None],
        *,
        column: str,
    ) -> None:
        """Run `check` on the values of `keys` when all of them parsed; what it refuses is a
        problem of `column`."""
        if set(keys) & row.failed or not set(keys) <= row.values.keys():
            return
        try:
            check(*(row.values[key] for key in keys))
        except ValidationError as exc:
            self.report(problems, row, column, " ".join(exc.messages))


def _match_headers(table: Table, sheet: Sheet, problems: Problems) -> dict[int, Column]:
    lookup = {key: column for column in sheet.columns for key in column.match_keys()}
    matched: dict[int, Column] = {}
    seen: dict[str, str] = {}
    for index, header in enumerate(table.headers):
        letter = get_column_letter(index + 1)
        if not header:
            if any(index < len(cells) and not is_blank(cells[index]) for _, cells in table.rows):
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


def parse_sheet(table: Table, sheet: Sheet, problems: Problems, *, empty: str = "") -> ParsedSheet:
    """Match the headers and parse every cell; every problem found goes to `problems`, and
    `empty` (if given) when the table has no rows."""
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
            if is_blank(raw):
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
    if empty and not parsed.rows:
        problems.add(sheet=table.name, message=empty)
    return parsed
