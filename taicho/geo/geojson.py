"""GeoJSON geometries (WGS84) checked before they are stored: shape, ranges, Vietnam, validity."""

import re
from dataclasses import dataclass

import shapely
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from shapely.geometry import mapping, shape

# Vietnam's mainland and islands (Hoàng Sa and Trường Sa included), generously.
VIETNAM_LAT = (8.0, 23.5)
VIETNAM_LON = (102.0, 117.9)

AREA_TYPES = ("Polygon", "MultiPolygon")
ZONE_TYPES = ("Polygon", "MultiPolygon", "LineString", "MultiLineString", "Point")


@dataclass(frozen=True)
class Bbox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


def in_vietnam(lat: float, lon: float) -> bool:
    return VIETNAM_LAT[0] <= lat <= VIETNAM_LAT[1] and VIETNAM_LON[0] <= lon <= VIETNAM_LON[1]


def check_point(lat: float, lon: float) -> None:
    """Raise ValidationError unless (lat, lon) is a point in Vietnam; spot swapped coordinates."""
    if in_vietnam(lat, lon):
        return
    if in_vietnam(lon, lat):
        raise ValidationError(
            _(
                "Latitude %(lat)s and longitude %(lon)s look swapped: "
                "in Vietnam the latitude is 8–23.5 and the longitude 102–118."
            )
            % {"lat": lat, "lon": lon}
        )
    if not -90 <= lat <= 90:
        raise ValidationError(_("Latitude %(lat)s is out of range (-90 to 90).") % {"lat": lat})
    if not -180 <= lon <= 180:
        raise ValidationError(_("Longitude %(lon)s is out of range (-180 to 180).") % {"lon": lon})
    raise ValidationError(
        _("The point %(lat)s, %(lon)s is outside Vietnam.") % {"lat": lat, "lon": lon}
    )


def _check_positions(coordinates, depth: int) -> None:
    if depth == 0:
        if (
            not isinstance(coordinates, list | tuple)
            or len(coordinates) < 2
            or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coordinates)
        ):
            raise ValidationError(_("A position must be [longitude, latitude] numbers."))
        lon, lat = coordinates[0], coordinates[1]
        check_point(lat, lon)
        return
    if not isinstance(coordinates, list | tuple) or not coordinates:
        raise ValidationError(_("The coordinates are empty or not nested as the type requires."))
    for item in coordinates:
        _check_positions(item, depth - 1)


_DEPTH = {
    "Point": 0,
    "LineString": 1,
    "MultiPoint": 1,
    "Polygon": 2,
    "MultiLineString": 2,
    "MultiPolygon": 3,
}


def parse_geometry(value, *, allowed: tuple[str, ...] = ZONE_TYPES) -> shapely.Geometry:
    """A shapely geometry from a GeoJSON geometry (dict) or Feature; ValidationError if bad."""
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if not isinstance(value, dict) or "type" not in value:
        raise ValidationError(_("Not a GeoJSON geometry: an object with “type” is expected."))
    kind = value["type"]
    if kind not in allowed:
        raise ValidationError(
            _("Geometry type “%(kind)s” is not allowed here; use one of: %(allowed)s.")
            % {"kind": kind, "allowed": ", ".join(allowed)}
        )
    _check_positions(value.get("coordinates"), _DEPTH[kind])
    try:
        geometry = shape(value)
    except (ValueError, TypeError, shapely.errors.GEOSException) as exc:
        raise ValidationError(_("The geometry cannot be read: %(error)s") % {"error": exc}) from exc
    if geometry.is_empty:
        raise ValidationError(_("The geometry is empty."))
    if not geometry.is_valid:
        raise ValidationError(_invalid_message(shapely.is_valid_reason(geometry)))
    return geometry


# GEOS explains in English, as "Self-intersection[106.732 20.97]": say it in the user's words.
_GEOS_REASONS = {
    "Self-intersection": _lazy("The shape crosses itself near %(lat)s, %(lon)s."),
    "Ring Self-intersection": _lazy("A ring touches itself near %(lat)s, %(lon)s."),
    "Too few points": _lazy("The shape has too few points (near %(lat)s, %(lon)s)."),
    "Interior is disconnected": _lazy("A hole cuts the area in two near %(lat)s, %(lon)s."),
    "Hole lies outside shell": _lazy("A hole lies outside its area near %(lat)s, %(lon)s."),
    "Nested shells": _lazy("One area lies inside another near %(lat)s, %(lon)s."),
}
_GEOS_REASON = re.compile(r"^(?P<reason>[^\[]+)\[(?P<lon>[-\d.e]+) (?P<lat>[-\d.e]+)")


def _invalid_message(reason: str) -> str:
    match = _GEOS_REASON.match(reason)
    if match and match["reason"] in _GEOS_REASONS:
        lat, lon = round(float(match["lat"]), 6), round(float(match["lon"]), 6)
        return str(_GEOS_REASONS[match["reason"]]) % {"lat": lat, "lon": lon}
    return _("The geometry is not valid: %(reason)s") % {"reason": reason}


def to_geojson(geometry: shapely.Geometry) -> dict:
    """A plain GeoJSON dict (lists, not tuples), fit for a JSON field."""
    return _lists(mapping(geometry))


def _lists(value):
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(item) for item in value]
    return value


def bbox_of(geometry: shapely.Geometry) -> Bbox:
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    return Bbox(min_lon, min_lat, max_lon, max_lat)
