"""Spreadsheets and CSV files in and out: the shared part of every registry import and export.

Knows no domain. A registry describes each table as a `Sheet` of `Column`s (the Vietnamese
header written in templates and exports, the other headers accepted, a cell parser); this
package reads the file, matches the headers, parses every cell and collects every problem with
the sheet, the line and the column header as the user sees them in Excel (header = line 1),
so that a bad file is reported in full and nothing is written.

The modules, each with one role: `reading` (files → tables of cells, and the problems),
`parsers` (cell → value), `sheets` (columns, header matching, parsing a table), `results`
(import tallies and the audit log) and `writing` (workbooks and CSV files to download).
Callers import everything from `taicho.core.tabular`.
"""

# The error every cell parser raises, importable from here for callers and tests.
from django.core.exceptions import ValidationError

from taicho.core.tabular.parsers import (
    YES_NO,
    Parser,
    Vocabulary,
    choice,
    choices,
    date,
    header_key,
    integer,
    number,
    phone,
    phones,
    text,
    year,
    yes_no,
)
from taicho.core.tabular.reading import (
    ImportRejected,
    Problem,
    Problems,
    Source,
    Table,
    read_csv,
    read_text,
    read_workbook,
    reject,
    source_from_path,
    source_from_upload,
)
from taicho.core.tabular.results import (
    ImportResult,
    Tally,
    actor_id,
    audit_entry,
    record_export,
    record_import,
    write_or_reject,
)
from taicho.core.tabular.sheets import (
    YES_NO_HELP,
    Column,
    ParsedSheet,
    Row,
    Sheet,
    field_length,
    latitude,
    longitude,
    parse_sheet,
    required,
    yes_no_column,
)
from taicho.core.tabular.writing import Download, csv_bytes, file_name, xlsx_bytes

__all__ = [
    "YES_NO",
    "YES_NO_HELP",
    "Column",
    "Download",
    "ImportRejected",
    "ImportResult",
    "ParsedSheet",
    "Parser",
    "Problem",
    "Problems",
    "Row",
    "Sheet",
    "Source",
    "Table",
    "Tally",
    "ValidationError",
    "Vocabulary",
    "actor_id",
    "audit_entry",
    "choice",
    "choices",
    "csv_bytes",
    "date",
    "field_length",
    "file_name",
    "header_key",
    "integer",
    "latitude",
    "longitude",
    "number",
    "parse_sheet",
    "phone",
    "phones",
    "read_csv",
    "read_text",
    "read_workbook",
    "record_export",
    "record_import",
    "reject",
    "required",
    "source_from_path",
    "source_from_upload",
    "text",
    "write_or_reject",
    "xlsx_bytes",
    "year",
    "yes_no",
    "yes_no_column",
]
