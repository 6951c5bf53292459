"""A CAP 1.2 alert as typed Python values (no models: the bulletin and alert code build on it).

Names are the CAP element names in snake_case (msgType → msg_type, areaDesc → area_desc);
repeated elements become lists with plural names (category → categories). FIELDS maps each
attribute to its element, in schema order, for both the reader and the writer.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

Point = tuple[float, float]  # (latitude, longitude), WGS 84


class NamedValue(NamedTuple):
    """<eventCode>, <parameter>, <geocode>: a valueName and its value."""

    value_name: str
    value: str


class Reference(NamedTuple):
    """One earlier message named in <references>."""

    sender: str
    identifier: str
    sent: datetime


class Circle(NamedTuple):
    lat: float
    lon: float
    radius_km: float


@dataclass
class Area:
    area_desc: str
    polygons: list[list[Point]] = field(default_factory=list)
    circles: list[Circle] = field(default_factory=list)
    geocodes: list[NamedValue] = field(default_factory=list)
    altitude: float | None = None  # feet above mean sea level
    ceiling: float | None = None


@dataclass
class Resource:
    resource_desc: str
    mime_type: str
    size: int | None = None
    uri: str | None = None
    deref_uri: str | None = None
    digest: str | None = None


@dataclass
class Info:
    categories: list[str]
    event: str
    urgency: str
    severity: str
    certainty: str
    language: str = "en-US"  # CAP's default when <language> is left out
    response_types: list[str] = field(default_factory=list)
    audience: str | None = None
    event_codes: list[NamedValue] = field(default_factory=list)
    effective: datetime | None = None
    onset: datetime | None = None
    expires: datetime | None = None
    sender_name: str | None = None
    headline: str | None = None
    description: str | None = None
    instruction: str | None = None
    web: str | None = None
    contact: str | None = None
    parameters: list[NamedValue] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)


@dataclass
class ParsedAlert:
    identifier: str
    sender: str
    sent: datetime
    status: str
    msg_type: str
    scope: str
    source: str | None = None
    restriction: str | None = None
    addresses: str | None = None
    codes: list[str] = field(default_factory=list)
    note: str | None = None
    references: list[Reference] = field(default_factory=list)
    incidents: str | None = None
    infos: list[Info] = field(default_factory=list)


class Field(NamedTuple):
    """attribute ← element; `kind` says how its text converts (see reading.py, writer.py)."""

    attribute: str
    element: str
    # text, token (text without surrounding spaces), texts, datetime, int, float, references,
    # polygons, circles, values, or the name of a nested table of FIELDS (always a list).
    kind: str


FIELDS: dict[str, tuple[Field, ...]] = {
    "alert": (
        Field("identifier", "identifier", "text"),
        Field("sender", "sender", "text"),
        Field("sent", "sent", "datetime"),
        Field("status", "status", "text"),
        Field("msg_type", "msgType", "text"),
        Field("source", "source", "text"),
        Field("scope", "scope", "text"),
        Field("restriction", "restriction", "text"),
        Field("addresses", "addresses", "text"),
        Field("codes", "code", "texts"),
        Field("note", "note", "text"),
        Field("references", "references", "references"),
        Field("incidents", "incidents", "text"),
        Field("infos", "info", "info"),
    ),
    "info": (
        Field("language", "language", "token"),
        Field("categories", "category", "texts"),
        Field("event", "event", "text"),
        Field("response_types", "responseType", "texts"),
        Field("urgency", "urgency", "text"),
        Field("severity", "severity", "text"),
        Field("certainty", "certainty", "text"),
        Field("audience", "audience", "text"),
        Field("event_codes", "eventCode", "values"),
        Field("effective", "effective", "datetime"),
        Field("onset", "onset", "datetime"),
        Field("expires", "expires", "datetime"),
        Field("sender_name", "senderName", "text"),
        Field("headline", "headline", "text"),
        Field("description", "description", "text"),
        Field("instruction", "instruction", "text"),
        Field("web", "web", "text"),
        Field("contact", "contact", "text"),
        Field("parameters", "parameter", "values"),
        Field("resources", "resource", "resource"),
        Field("areas", "area", "area"),
    ),
    "resource": (
        Field("resource_desc", "resourceDesc", "text"),
        Field("mime_type", "mimeType", "text"),
        Field("size", "size", "int"),
        Field("uri", "uri", "text"),
        Field("deref_uri", "derefUri", "text"),
        Field("digest", "digest", "text"),
    ),
    "area": (
        Field("area_desc", "areaDesc", "text"),
        Field("polygons", "polygon", "polygons"),
        Field("circles", "circle", "circles"),
        Field("geocodes", "geocode", "values"),
        Field("altitude", "altitude", "float"),
        Field("ceiling", "ceiling", "float"),
    ),
}

DATACLASSES = {"alert": ParsedAlert, "info": Info, "resource": Resource, "area": Area}
