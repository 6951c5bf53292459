"""Hazard zones to a workbook or CSV (the import layout, so they re-import unchanged) or GeoJSON."""

import json

from django.utils.translation import gettext as _

from taicho.core import tabular
from taicho.core.access import require_manage
from taicho.core.models import Ward
from taicho.hazards.imports import HAZARD_KINDS, ZONES
from taicho.hazards.models import HazardZone

# Excel keeps at most this many characters in a cell.
_EXCEL_CELL_LIMIT = 32767


def _zones(actor, ward: Ward) -> list[HazardZone]:
    return list(HazardZone.objects.visible_to(actor).filter(ward=ward).order_by("code"))


def _geometry_text(zone: HazardZone) -> str:
    text = json.dumps(zone.geometry, ensure_ascii=False, separators=(",", ":"))
    if len(text) > _EXCEL_CELL_LIMIT:
        return _("Too large for a spreadsheet cell: export the zones as GeoJSON.")
    return text


def _rows(zones: list[HazardZone]) -> list[list]:
    return [
        [
            zone.code,
            zone.name,
            HAZARD_KINDS.label(zone.kind),
            _geometry_text(zone),
            None,  # latitude and longitude: only for a point typed by hand
            None,
            zone.description,
            zone.risk_notes,
            zone.last_reviewed_on.strftime("%d/%m/%Y") if zone.last_reviewed_on else "",
        ]
        for zone in zones
    ]


def _feature_collection(zones: list[HazardZone]) -> bytes:
    features = [
        {
            "type": "Feature",
            "geometry": zone.geometry,
            "properties": {
                "code": zone.code,
                "name": zone.name,
                "kind": zone.kind,
                "description": zone.description,
                "risk_notes": zone.risk_notes,
                "last_reviewed_on": (
                    zone.last_reviewed_on.isoformat() if zone.last_reviewed_on else None
                ),
            },
        }
        for zone in zones
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


_WRITERS = {
    ".xlsx": lambda zones: tabular.xlsx_bytes([(ZONES, _rows(zones))]),
    ".csv": lambda zones: tabular.csv_bytes(ZONES, _rows(zones)),
    ".geojson": _feature_collection,
}


def _export(*, actor, ward: Ward, suffix: str) -> tabular.Download:
    require_manage(actor, ward_id=ward.id)
    zones = _zones(actor, ward)
    name = tabular.file_name("khu-vuc-nguy-co", ward.code, suffix)
    tabular.record_export(
        actor=actor,
        ward_id=ward.id,
        object_type="hazards.hazardzone",
        file_name=name,
        rows=len(zones),
    )
    return tabular.Download(name=name, data=_WRITERS[suffix](zones))


def zones_workbook(*, actor, ward: Ward) -> tabular.Download:
    return _export(actor=actor, ward=ward, suffix=".xlsx")


def zones_csv(*, actor, ward: Ward) -> tabular.Download:
    return _export(actor=actor, ward=ward, suffix=".csv")


def zones_geojson(*, actor, ward: Ward) -> tabular.Download:
    return _export(actor=actor, ward=ward, suffix=".geojson")


def zones_template() -> tabular.Download:
    return tabular.Download(name="mau-khu-vuc-nguy-co.xlsx", data=tabular.xlsx_bytes([(ZONES, [])]))
