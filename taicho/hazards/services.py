"""Every write to hazard zones."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.core import registry, tabular
from taicho.core.access import require_manage, require_write
from taicho.core.models import Ward
from taicho.core.validation import check_code_free
from taicho.geo.geojson import bbox_of, parse_geometry, to_geojson
from taicho.hazards.models import HazardZone
from taicho.hazards.signals import zone_deleted, zone_geometry_changed

AUDITED_FIELDS = (
    "code",
    "name",
    "kind",
    "geometry",
    "description",
    "risk_notes",
    "last_reviewed_on",
    "reviewed_by",
)


def _apply_geometry(zone: HazardZone, geometry: dict) -> None:
    shape = parse_geometry(geometry)
    box = bbox_of(shape)
    zone.geometry = to_geojson(shape)
    zone.min_lon, zone.min_lat, zone.max_lon, zone.max_lat = (
        box.min_lon,
        box.min_lat,
        box.max_lon,
        box.max_lat,
    )


@transaction.atomic
def hazard_zone_create(
    *,
    actor,
    ward: Ward,
    code: str,
    name: str,
    kind: str,
    geometry: dict,
    description: str = "",
    risk_notes: str = "",
    last_reviewed_on: dt.date | None = None,
    reviewed_by=None,
) -> HazardZone:
    require_write(actor, ward_id=ward.id, topic=HazardZone.scope_topic)
    zone = HazardZone(
        ward=ward,
        code=code.strip(),
        name=name.strip(),
        kind=kind,
        description=description,
        risk_notes=risk_notes,
        last_reviewed_on=last_reviewed_on,
        reviewed_by=reviewed_by,
    )
    _set_geometry(zone, geometry)
    _clean_zone(zone)
    registry.save_new(actor=actor, instance=zone, audited=AUDITED_FIELDS)
    zone_geometry_changed.send(sender=HazardZone, zone=zone)
    return zone


def _set_geometry(zone: HazardZone, geometry: dict) -> None:
    """A geometry typed by a user: its problems are shown on the geometry field."""
    try:
        _apply_geometry(zone, geometry)
    except ValidationError as exc:
        raise ValidationError({"geometry": exc.messages}) from exc


def _clean_zone(zone: HazardZone) -> None:
    check_code_free(zone)
    zone.full_clean()


@transaction.atomic
def hazard_zone_update(*, actor, zone: HazardZone, **fields) -> HazardZone:
    """Change the given fields; the household links are recomputed if the geometry moved."""
    require_write(actor, ward_id=zone.ward_id, topic=HazardZone.scope_topic)
    registry.reject_unknown(fields, allowed=AUDITED_FIELDS, service="hazard_zone_update")
    geometry = fields.pop("geometry", None)

    def clean(changed: HazardZone) -> None:
        if geometry is not None:
            _set_geometry(changed, geometry)
        _clean_zone(changed)

    changes = registry.save_changes(
        actor=actor, instance=zone, fields=fields, audited=AUDITED_FIELDS, clean=clean
    )
    if "geometry" in changes:
        zone_geometry_changed.send(sender=HazardZone, zone=zone)
    return zone


@transaction.atomic
def hazard_zone_delete(*, actor, zone: HazardZone) -> None:
    require_write(actor, ward_id=zone.ward_id, topic=HazardZone.scope_topic)
    zone_deleted.send(sender=HazardZone, ward_id=zone.ward_id, zone_id=zone.pk)
    registry.delete(actor=actor, instance=zone, audited=AUDITED_FIELDS)


# --- bulk writes for imports ---------------------------------------------------------------


@transaction.atomic
def hazard_zones_import_apply(
    *, actor, ward: Ward, zones: list[dict], fields: set[str], source_name: str
) -> tabular.ImportResult:
    """Write checked import rows, matched by code; only values that differ are written.

    `geometry` must already be checked (geo.geojson.parse_geometry). A value whose column was
    not in the file (not in `fields`) is left as it is. The household links of every created
    zone, and of every zone whose geometry changed, are recomputed.
    """
    require_manage(actor, ward_id=ward.id)
    require_write(actor, ward_id=ward.id, topic=HazardZone.scope_topic)
    log = registry.ImportLog(actor=actor, ward_id=ward.id, source_name=source_name)
    writer = log.writer(
        "zones", label=_("hazard zones"), audited=AUDITED_FIELDS, now=timezone.now()
    )
    moved = []

    def make(values: dict) -> HazardZone:
        zone = HazardZone(ward=ward, **{k: v for k, v in values.items() if k != "geometry"})
        _apply_geometry(zone, values.get("geometry"))
        return zone

    def assign(zone: HazardZone, values: dict) -> None:
        geometry = values.get("geometry")
        registry.set_values(zone, {k: v for k, v in values.items() if k != "geometry"})
        if geometry is not None and geometry != zone.geometry:
            _apply_geometry(zone, geometry)
            moved.append(zone)

    writer.by_code(
        [registry.given(row, fields | {"code"}) for row in zones],
        existing={z.code: z for z in HazardZone.objects.writable_by(actor).filter(ward=ward)},
        make=make,
        assign=assign,
    )
    writer.save(
        model=HazardZone,
        fields=[*AUDITED_FIELDS[1:], "min_lon", "min_lat", "max_lon", "max_lat", "updated_at"],
    )
    result = log.save(object_type="hazards.hazardzone")
    for zone in (*writer.created, *moved):
        zone_geometry_changed.send(sender=HazardZone, zone=zone)
    return result
