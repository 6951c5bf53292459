"""A checked <alert> element → ParsedAlert, driven by model.FIELDS.

Only called on documents that broke no rule, so every value converts.
"""

from collections.abc import Callable
from typing import Any

from lxml import etree

from taicho.warnings.cap.model import (
    DATACLASSES,
    FIELDS,
    Circle,
    NamedValue,
    ParsedAlert,
    Reference,
)
from taicho.warnings.cap.parsing import CAP_NAMESPACE, text_of
from taicho.warnings.cap.values import (
    parse_cap_datetime,
    parse_circle,
    parse_polygon,
    parse_references,
)


def _first(convert: Callable[[str], Any]) -> Callable[[list[etree._Element]], Any]:
    """Reader of a single element: its converted text, or None when it is absent."""
    return lambda elements: convert(text_of(elements[0])) if elements else None


def _named_value(element: etree._Element) -> NamedValue:
    name = element.find(f"{{{CAP_NAMESPACE}}}valueName")
    value = element.find(f"{{{CAP_NAMESPACE}}}value")
    return NamedValue(text_of(name), text_of(value))


def _references(elements: list[etree._Element]) -> list[Reference]:
    if not elements:
        return []
    return [Reference(*triplet) for triplet in parse_references(text_of(elements[0]))]


READERS: dict[str, Callable[[list[etree._Element]], Any]] = {
    "text": _first(str),
    "token": _first(str.strip),
    "texts": lambda elements: [text_of(e) for e in elements],
    "datetime": _first(parse_cap_datetime),
    "int": _first(lambda text: int(text.strip())),
    "float": _first(lambda text: float(text.strip())),
    "references": _references,
    "polygons": lambda elements: [parse_polygon(text_of(e)) for e in elements],
    "circles": lambda elements: [Circle(*parse_circle(text_of(e))) for e in elements],
    "values": lambda elements: [_named_value(e) for e in elements],
}


def read_element(element: etree._Element, table: str) -> Any:
    values = {}
    for field in FIELDS[table]:
        elements = element.findall(f"{{{CAP_NAMESPACE}}}{field.element}")
        if field.kind in FIELDS:
            values[field.attribute] = [read_element(e, field.kind) for e in elements]
            continue
        value = READERS[field.kind](elements)
        if value is not None:  # absent: the dataclass default (None, or en-US for language)
            values[field.attribute] = value
    return DATACLASSES[table](**values)


def read_alert_element(root: etree._Element) -> ParsedAlert:
    return read_element(root, "alert")
