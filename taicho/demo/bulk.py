"""Set-based inserts of plain tuples, for the demo's hundreds of thousands of rows.

Django's bulk_create compiles every value of every row through the field machinery: for the
100,000-household demo that was 65 s of Python on SQLite and 38 s on PostgreSQL, against a
few seconds for the database itself. Here the INSERT is built once from the model's fields
and the rows go to the driver in one set-based statement per chunk (executemany; COPY on
PostgreSQL), still through Django's connection and transaction. Fields the caller does not
give get their model default (or "now" for auto_now fields), prepared once, so a field
added to the model later still gets its value.

Table and column names come from the models, never from input, and are quoted; the values
always travel as parameters.
"""

from collections.abc import Iterable, Sequence

from django.db import connection, models
from django.utils import timezone

# Values of these field types are passed to the driver as they are.
_PLAIN_TYPES = {
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "FloatField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}


def _execute_many(table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """One prepared INSERT, many parameter rows: the fastest plain way on SQLite."""
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(columns))
    names = ", ".join(map(quote, columns))
    sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _copy(table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """COPY … FROM STDIN: on PostgreSQL about six times faster than executemany (measured)."""
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


# The set-based insert each database does best; executemany for the others.
_INSERTERS = {"postgresql": _copy}


def insert_rows(table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """INSERT `rows` (tuples of driver-ready values, in `columns` order) into `table`."""
    if rows:
        _INSERTERS.get(connection.vendor, _execute_many)(table, columns, rows)


class RowWriter:
    """INSERT rows of `model`, each a tuple of values for `attnames` in that order."""

    def __init__(self, model: type[models.Model], attnames: Sequence[str]):
        fields = {field.attname: field for field in model._meta.concrete_fields}
        given = [fields[name] for name in attnames]
        # The rest, except the primary key and what only the database knows how to fill.
        rest = [
            field
            for name, field in fields.items()
            if name not in attnames
            and not field.primary_key
            and not (field.has_db_default() and not field.has_default())
        ]
        now = timezone.now()
        self._constants = tuple(
            field.get_db_prep_save(
                now
                if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
                else field.get_default(),
                connection,
            )
            for field in rest
        )
        # Positions of the given values the driver cannot take as they are (JSON…).
        self._prepared = [
            (index, field)
            for index, field in enumerate(given)
            if field.get_internal_type() not in _PLAIN_TYPES
        ]
        self.table = model._meta.db_table
        self.columns = [field.column for field in (*given, *rest)]

    def _row(self, values: tuple) -> tuple:
        if self._prepared:
            values = list(values)
            for index, field in self._prepared:
                values[index] = field.get_db_prep_save(values[index], connection)
        return (*values, *self._constants)

    def write(self, rows: Iterable[tuple]) -> None:
        insert_rows(self.table, self.columns, [self._row(values) for values in rows])


def analyze(model_classes: list[type[models.Model]]) -> None:
    """Refresh the planner's statistics after a bulk load (PostgreSQL otherwise plans the next
    queries on a ward of 100,000 households as if the tables were empty)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in model_classes:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")
