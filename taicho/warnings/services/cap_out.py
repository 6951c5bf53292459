"""An issued alert as a CAP 1.2 message: a vi-VN info block, and an en-US one when the
officer gave English texts. Pure apart from reading the alert's zones and groups."""

from datetime import UTC, datetime

import shapely
from django.utils import translation
from django.utils.translation import gettext as _

from taicho.geo.geojson import AREA_TYPES, parse_geometry
from taicho.warnings.cap import Area, Info, NamedValue, ParsedAlert, Reference
from taicho.warnings.models import Alert, MsgType, ResponseType, WardWarningSettings
from taicho.warnings.services.vocabulary import (
    ALL_CLEAR_GRADING,
    CAP_GRADING,
    CAP_RESPONSE,
    LEVEL_PARAMETER,
    WARD_GEOCODE,
    hazard_words,
)

# Lines and points (a dyke, a weak point) become areas this wide around them (about 50 m).
BUFFER_DEGREES = 0.00045
SIMPLIFY_DEGREES = 0.00002  # about 2 m: fewer points, the same place
DECIMALS = 6


def make_identifier(prefix: str, sent: datetime, number: int) -> str:
    """WMO style: the ward's prefix, the UTC time as OID arcs (no leading zeros), a number."""
    utc = sent.astimezone(UTC)
    arcs = (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, number)
    return prefix.rstrip(".") + "." + ".".join(str(arc) for arc in arcs)


def _rings(geometry: shapely.Geometry) -> list[list[tuple[float, float]]]:
    """Outer rings as CAP polygons: closed lists of (latitude, longitude)."""
    if geometry.geom_type not in AREA_TYPES:
        geometry = geometry.buffer(BUFFER_DEGREES)
    geometry = geometry.simplify(SIMPLIFY_DEGREES)
    parts = getattr(geometry, "geoms", [geometry])
    return [
        [(round(lat, DECIMALS), round(lon, DECIMALS)) for lon, lat in part.exterior.coords]
        for part in parts
        if not part.is_empty
    ]


def _areas(alert: Alert) -> list[Area]:
    """One CAP area per thing targeted, each with the ward's code; in the active language."""
    ward_code = [NamedValue(WARD_GEOCODE, str(alert.ward.code))]
    areas = []
    if alert.whole_ward:
        areas.append(Area(area_desc=alert.ward.name, geocodes=ward_code))
    if alert.area_geometry:
        drawn = parse_geometry(alert.area_geometry, allowed=AREA_TYPES)
        areas.append(
            Area(
                area_desc=_("Area drawn on the map, %(ward)s") % {"ward": alert.ward.name},
                polygons=_rings(drawn),
                geocodes=ward_code,
            )
        )
    for zone in alert.target_zones.order_by("code"):
        geometry = shapely.geometry.shape(zone.geometry)
        areas.append(Area(area_desc=zone.name, polygons=_rings(geometry), geocodes=ward_code))
    groups = list(alert.target_groups.all())
    if groups:
        areas.append(Area(area_desc=", ".join(group.name for group in groups), geocodes=ward_code))
    return areas


def _info(alert: Alert, settings: WardWarningSettings, *, english: bool) -> Info:
    vietnamese, english_words, category = hazard_words(alert.hazard_type)
    all_clear = alert.response_type == ResponseType.ALL_CLEAR
    urgency, severity, certainty = ALL_CLEAR_GRADING if all_clear else CAP_GRADING[alert.level]
    event = english_words if english else vietnamese
    with translation.override("en" if english else "vi"):
        areas = _areas(alert)
    return Info(
        categories=[category],
        event=event[:1].upper() + event[1:],
        urgency=urgency,
        severity=severity,
        certainty=certainty,
        language="en-US" if english else "vi-VN",
        response_types=[CAP_RESPONSE[alert.response_type]],
        expires=alert.expires_at,
        sender_name=settings.sender_name,
        headline=(alert.headline_en or alert.headline) if english else alert.headline,
        description=(alert.long_text_en or alert.long_text) if english else alert.long_text,
        instruction=(alert.instruction_en if english else alert.instruction) or None,
        web=settings.web or None,
        contact=settings.contact or None,
        parameters=[NamedValue(LEVEL_PARAMETER, str(alert.level))],
        areas=areas,
    )


def alert_message(alert: Alert, *, settings: WardWarningSettings) -> ParsedAlert:
    """The CAP message of an alert whose identifier, sender and issue time are set."""
    previous = alert.previous
    references = []
    if previous is not None and alert.msg_type in (MsgType.UPDATE, MsgType.CANCEL):
        references = [Reference(previous.sender, previous.identifier, previous.issued_at)]
    infos = [_info(alert, settings, english=False)]
    if alert.headline_en or alert.long_text_en:
        infos.append(_info(alert, settings, english=True))
    return ParsedAlert(
        identifier=alert.identifier,
        sender=alert.sender,
        sent=alert.issued_at,
        status="Actual",
        msg_type=alert.msg_type,
        scope="Public",
        note=alert.note or None,
        references=references,
        infos=infos,
    )
