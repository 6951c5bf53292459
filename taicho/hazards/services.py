"""Every write to hazard zones."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from taicho.core import audit
from taicho.core.access import require_write
from taicho.core.models import AuditEntry, Ward
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
    try:
        _apply_geometry(zone, geometry)
    except ValidationError as exc:
        raise ValidationError({"geometry": exc.messages}) from exc
    zone.full_clean()
    zone.save()
    audit.record(
        actor=actor,
        ward_id=ward.id,
        action=AuditEntry.Action.CREATE,
        instance=zone,
        changes=audit.diff({}, audit.snapshot(zone, AUDITED_FIELDS)),
    )
    zone_geometry_changed.send(sender=HazardZone, zone=zone)
    return zone


@transaction.atomic
def hazard_zone_update(*, actor, zone: HazardZone, **fields) -> HazardZone:
    """Change the given fields; the household links are recomputed if the geometry moved."""
    require_write(actor, ward_id=zone.ward_id, topic=HazardZone.scope_topic)
    unknown = set(fields) - set(AUDITED_FIELDS)
    if unknown:
        raise TypeError(f"hazard_zone_update got unknown fields: {sorted(unknown)}")
    before = audit.snapshot(zone, AUDITED_FIELDS)
    geometry = fields.pop("geometry", None)
    for name, value in fields.items():
        setattr(zone, name, value.strip() if isinstance(value, str) else value)
    if geometry is not None:
        try:
            _apply_geometry(zone, geometry)
        except ValidationError as exc:
            raise ValidationError({"geometry": exc.messages}) from exc
    zone.full_clean()
    changes = audit.diff(before, audit.snapshot(zone, AUDITED_FIELDS))
    if not changes:
        return zone
    zone.save()
    audit.record(
        actor=actor,
        ward_id=zone.ward_id,
        action=AuditEntry.Action.UPDATE,
        instance=zone,
        changes=changes,
    )
    if "geometry" in changes:
        zone_geometry_changed.send(sender=HazardZone, zone=zone)
    return zone


@transaction.atomic
def hazard_zone_delete(*, actor, zone: HazardZone) -> None:
    require_write(actor, ward_id=zone.ward_id, topic=HazardZone.scope_topic)
    ward_id, zone_id = zone.ward_id, zone.pk
    audit.record(
        actor=actor,
        ward_id=ward_id,
        action=AuditEntry.Action.DELETE,
        instance=zone,
        changes=audit.diff(audit.snapshot(zone, AUDITED_FIELDS), {}),
    )
    zone_deleted.send(sender=HazardZone, ward_id=ward_id, zone_id=zone_id)
    zone.delete()
