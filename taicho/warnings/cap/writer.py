"""ParsedAlert (or any dataclass with the same attributes) → CAP 1.2 XML bytes.

Element order comes from model.FIELDS, which follows the schema. The output is checked by
our own validator before it is returned: an alert that breaks a rule raises CapInvalid,
so nothing invalid is ever published.
"""

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any

from lxml import etree

from taicho.warnings.cap.issues import CapInvalid
from taicho.warnings.cap.model import FIELDS
from taicho.warnings.cap.parsing import CAP_NAMESPACE
from taicho.warnings.cap.validation import validate
from taicho.warnings.cap.values import (
    format_cap_datetime,
    format_circle,
    format_number,
    format_polygon,
    format_references,
)

Writer = Callable[[etree._Element, str, Any], None]


def _add(parent: etree._Element, name: str, text: str) -> etree._Element:
    child = etree.SubElement(parent, f"{{{CAP_NAMESPACE}}}{name}")
    child.text = text
    return child


def _one(render: Callable[[Any], str]) -> Writer:
    def write(parent, name, value):
        if value is not None:
            _add(parent, name, render(value))

    return write


def _each(render: Callable[[Any], str]) -> Writer:
    def write(parent, name, values):
        for value in values:
            _add(parent, name, render(value))

    return write


def _named_values(parent, name, values) -> None:
    for value_name, value in values:
        pair = _add(parent, name, None)
        _add(pair, "valueName", value_name)
        _add(pair, "value", value)


def _references(parent, name, references) -> None:
    if references:
        _add(parent, name, format_references(references))


def _writers(zone: tzinfo | None) -> dict[str, Writer]:
    def when(value: datetime) -> str:
        # Checked before converting: astimezone() would take a naive time as server-local.
        if zone is not None and value.tzinfo is not None:
            value = value.astimezone(zone)
        return format_cap_datetime(value)

    return {
        "text": _one(str),
        "token": _one(str),
        "texts": _each(str),
        "datetime": _one(when),
        "int": _one(str),
        "float": _one(format_number),
        "references": _references,
        "polygons": _each(format_polygon),
        "circles": _each(lambda circle: format_circle(*circle)),
        "values": _named_values,
    }


def _write(parent: etree._Element, obj: Any, table: str, writers: dict[str, Writer]) -> None:
    for field in FIELDS[table]:
        value = getattr(obj, field.attribute)
        if field.kind in FIELDS:
            for item in value:
                _write(_add(parent, field.element, None), item, field.kind, writers)
        else:
            writers[field.kind](parent, field.element, value)


def alert_to_xml(alert: Any, *, tz: tzinfo | None = None) -> bytes:
    """The alert as CAP 1.2 (UTF-8, pretty-printed). With `tz` (e.g. Asia/Ho_Chi_Minh) the
    alert's own times are written in that zone (+07:00), otherwise in each datetime's own
    offset. References keep their own offset: they repeat the earlier message's <sent>."""
    root = etree.Element(f"{{{CAP_NAMESPACE}}}alert", nsmap={None: CAP_NAMESPACE})
    _write(root, alert, "alert", _writers(tz))
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    report = validate(data, check_signature=False, max_bytes=len(data))
    if not report.valid:
        raise CapInvalid(report.errors)
    return data
