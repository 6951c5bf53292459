"""The value types of CAP 1.2: checks (schema plus the rules only the spec text states) and
conversions both ways.

Every check takes the element's name and its text and returns findings; `TEXT_CHECKS` maps
each value kind named in the element table (schema.py) to its check.
"""

import base64
import binascii
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from urllib.parse import urlsplit

import shapely

from taicho.warnings.cap.issues import Finding

Point = tuple[float, float]  # (latitude, longitude), WGS 84

NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_PAIR = re.compile(rf"({NUMBER}),({NUMBER})")
_CIRCLE = re.compile(rf"\s*({NUMBER}),({NUMBER})\s+({NUMBER})\s*")
_DECIMAL = re.compile(NUMBER)
_NON_NEGATIVE_INTEGER = re.compile(r"\+?\d+")
# YYYY-MM-DDThh:mm:ss±hh:mm — no "Z", no fractions of a second (CAP 1.2, 3.3.2).
_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})")
# identifier, sender: no spaces, commas or restricted characters (< and &).
_IDENTIFIER = re.compile(r"[^\s,<&]+")
_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*")  # xs:language
_MIME_PART = r"[A-Za-z0-9!#$&^_.+-]+"
_MIME_TYPE = re.compile(rf"{_MIME_PART}/{_MIME_PART}(?:\s*;.*)?", re.DOTALL)
_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")

# msgType values that act on earlier messages, so must name them in <references>.
REFERENCING_MSG_TYPES = ("Update", "Cancel", "Ack", "Error")

ENUMERATIONS = {
    "status": ("Actual", "Exercise", "System", "Test", "Draft"),
    "msgType": ("Alert", "Update", "Cancel", "Ack", "Error"),
    "scope": ("Public", "Restricted", "Private"),
    "category": (
        "Geo",
        "Met",
        "Safety",
        "Security",
        "Rescue",
        "Fire",
        "Health",
        "Env",
        "Transport",
        "Infra",
        "CBRNE",
        "Other",
    ),
    "responseType": (
        "Shelter",
        "Evacuate",
        "Prepare",
        "Execute",
        "Avoid",
        "Monitor",
        "Assess",
        "AllClear",
        "None",
    ),
    "urgency": ("Immediate", "Expected", "Future", "Past", "Unknown"),
    "severity": ("Extreme", "Severe", "Moderate", "Minor", "Unknown"),
    "certainty": ("Observed", "Likely", "Possible", "Unlikely", "Unknown"),
}


# ---- conversions -------------------------------------------------------------------------


def parse_cap_datetime(text: str) -> datetime:
    """An aware datetime from a CAP date-time; ValueError when it is not one."""
    match = _DATETIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(text)
    year, month, day, hour, minute, second, sign, off_h, off_m = match.groups()
    if int(off_h) > 14 or int(off_m) > 59 or (int(off_h) == 14 and int(off_m)):
        raise ValueError(text)
    offset = timedelta(hours=int(off_h), minutes=int(off_m)) * (-1 if sign == "-" else 1)
    fields = (int(part) for part in (year, month, day, hour, minute, second))
    return datetime(*fields, tzinfo=timezone(offset))


def format_cap_datetime(value: datetime) -> str:
    """2025-09-01T14:30:00+07:00; UTC as -00:00, as CAP 1.2 asks; fractions dropped."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("CAP times need a time zone; got a naive datetime")
    text = value.replace(microsecond=0).isoformat()
    return text[:-6] + "-00:00" if text.endswith("+00:00") else text


def format_number(value: float) -> str:
    """A plain decimal (never 1e-05), exact enough that reading it back gives the same float."""
    return format(Decimal(repr(float(value))), "f")


def parse_pair(text: str) -> Point | None:
    match = _PAIR.fullmatch(text)
    return (float(match[1]), float(match[2])) if match else None


def parse_polygon(text: str) -> list[Point]:
    """The points of a polygon already checked by `check_polygon`."""
    return [point for token in text.split() if (point := parse_pair(token)) is not None]


def format_polygon(points: list[Point]) -> str:
    return " ".join(f"{format_number(lat)},{format_number(lon)}" for lat, lon in points)


def parse_circle(text: str) -> tuple[float, float, float] | None:
    """(latitude, longitude, radius in km) as written, or None when it is not a circle."""
    match = _CIRCLE.fullmatch(text)
    return (float(match[1]), float(match[2]), float(match[3])) if match else None


def format_circle(lat: float, lon: float, radius_km: float) -> str:
    return f"{format_number(lat)},{format_number(lon)} {format_number(radius_km)}"


def parse_references(text: str) -> list[tuple[str, str, datetime]]:
    triplets = []
    for token in text.split():
        sender, identifier, sent = token.split(",")
        triplets.append((sender, identifier, parse_cap_datetime(sent)))
    return triplets


def format_references(references) -> str:
    return " ".join(
        f"{sender},{identifier},{format_cap_datetime(sent)}"
        for sender, identifier, sent in references
    )


def on_globe(lat: float, lon: float) -> bool:
    return -90 <= lat <= 90 and -180 <= lon <= 180


# ---- checks ------------------------------------------------------------------------------

Check = Callable[[str, str], list[Finding]]


def _found(code: str, name: str, text: str, *, warning: bool = False, **params) -> list[Finding]:
    return [Finding(code, {"element": name, "value": text, **params}, warning=warning)]


def check_text(name: str, text: str) -> list[Finding]:
    """Optional free text: anything goes, but an empty element is worth a word."""
    return [] if text.strip() else _found("empty-element", name, text, warning=True)


def check_required_text(name: str, text: str) -> list[Finding]:
    return [] if text.strip() else _found("empty", name, text)


def check_identifier(name: str, text: str) -> list[Finding]:
    return [] if _IDENTIFIER.fullmatch(text) else _found("id-format", name, text)


def check_datetime(name: str, text: str) -> list[Finding]:
    value = text.strip()
    if _DATETIME.fullmatch(value) is None:
        return _found("datetime-format", name, value)
    try:
        parse_cap_datetime(value)
    except ValueError:
        return _found("datetime-invalid", name, value)
    if value.endswith("+00:00"):
        # The spec says MUST, the schema allows it and the instant is unambiguous: a warning.
        return _found("datetime-utc-sign", name, value, warning=True)
    return []


def _enum_check(values: tuple[str, ...]) -> Check:
    def check(name: str, text: str) -> list[Finding]:
        # Exact match: the schema's enumerations are xs:string, whose spaces count.
        if text in values:
            return []
        return _found("enum", name, text, allowed=", ".join(values))

    return check


def check_language(name: str, text: str) -> list[Finding]:
    return [] if _LANGUAGE.fullmatch(text.strip()) else _found("language", name, text)


def check_absolute_uri(name: str, text: str) -> list[Finding]:
    value = text.strip()
    scheme = urlsplit(value).scheme if value and not re.search(r"\s", value) else ""
    ok = _URI_SCHEME.fullmatch(scheme) and len(value) > len(scheme) + 1
    return [] if ok else _found("uri-absolute", name, value)


def check_uri(name: str, text: str) -> list[Finding]:
    """A resource's <uri> may be relative (naming the content of its <derefUri>)."""
    value = text.strip()
    return [] if value and not re.search(r"\s", value) else _found("uri", name, value)


def check_size(name: str, text: str) -> list[Finding]:
    return [] if _NON_NEGATIVE_INTEGER.fullmatch(text.strip()) else _found("integer", name, text)


def check_decimal(name: str, text: str) -> list[Finding]:
    return [] if _DECIMAL.fullmatch(text.strip()) else _found("decimal", name, text)


def check_base64(name: str, text: str) -> list[Finding]:
    compact = re.sub(r"\s+", "", text)
    try:
        ok = bool(compact) and base64.b64decode(compact, validate=True) is not None
    except (binascii.Error, ValueError):
        ok = False
    return [] if ok else _found("base64", name, "")


def check_mime_type(name: str, text: str) -> list[Finding]:
    return [] if _MIME_TYPE.fullmatch(text.strip()) else _found("mime-type", name, text)


def _is_cap_datetime(text: str) -> bool:
    try:
        parse_cap_datetime(text)
    except ValueError:
        return False
    return True


def check_references(name: str, text: str) -> list[Finding]:
    if not text.strip():
        return _found("references-empty", name, text)
    for token in text.split():
        parts = token.split(",")
        well_formed = (
            len(parts) == 3
            and _IDENTIFIER.fullmatch(parts[0])
            and _IDENTIFIER.fullmatch(parts[1])
            and _is_cap_datetime(parts[2])
        )
        if not well_formed:
            return _found("references-format", name, token)
    return []


def check_polygon(name: str, text: str) -> list[Finding]:
    points = []
    for token in text.split():
        point = parse_pair(token)
        if point is None:
            return _found("polygon-format", name, token)
        if not on_globe(*point):
            return _found("coordinate-range", name, token)
        points.append(point)
    if len(points) < 4:
        return _found("polygon-too-few-points", name, text, count=len(points))
    first, last = points[0], points[-1]
    if first != last:
        return _found(
            "polygon-not-closed",
            name,
            text,
            first=f"{first[0]},{first[1]}",
            last=f"{last[0]},{last[1]}",
        )
    shape = shapely.Polygon([(lon, lat) for lat, lon in points])
    if not shapely.is_valid(shape):
        reason = shapely.is_valid_reason(shape)
        return _found("polygon-self-intersecting", name, text, warning=True, detail=reason)
    return []


def check_circle(name: str, text: str) -> list[Finding]:
    circle = parse_circle(text)
    if circle is None or circle[2] < 0:
        return _found("circle-format", name, text.strip())
    lat, lon, radius = circle
    if not on_globe(lat, lon):
        return _found("coordinate-range", name, f"{lat},{lon}")
    if radius == 0:
        return _found("circle-radius-zero", name, text.strip(), warning=True)
    return []


TEXT_CHECKS: dict[str, Check] = {
    "text": check_text,
    "required-text": check_required_text,
    "identifier": check_identifier,
    "datetime": check_datetime,
    "language": check_language,
    "absolute-uri": check_absolute_uri,
    "uri": check_uri,
    "size": check_size,
    "decimal": check_decimal,
    "base64": check_base64,
    "mime-type": check_mime_type,
    "references": check_references,
    "polygon": check_polygon,
    "circle": check_circle,
    **{name: _enum_check(values) for name, values in ENUMERATIONS.items()},
}
