"""Every write to hazard zones."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.core import audit, tabular
from taicho.core.access import require_manage, require_write
from taicho.core.models import AuditEntry, Ward
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
    try:
        _apply_geometry(zone, geometry)
    except ValidationError as exc:
        raise ValidationError({"geometry": exc.messages}) from exc
    check_code_free(zone)
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
    check_code_free(zone)
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
    tally = tabular.Tally(label=_("hazard zones"))
    result = tabular.ImportResult(source_name=source_name, tallies={"zones": tally})
    existing = {z.code: z for z in HazardZone.objects.writable_by(actor).filter(ward=ward)}
    created, updated, moved, entries = [], [], [], []
    now = timezone.now()
    for row in zones:
        values = {name: value for name, value in row.items() if name in fields | {"code"}}
        geometry = values.pop("geometry", None)
        zone = existing.get(values["code"])
        if zone is None:
            zone = HazardZone(ward=ward, **values)
            _apply_geometry(zone, geometry)
            created.append(zone)
            existing[zone.code] = zone
            continue
        before = audit.snapshot(zone, AUDITED_FIELDS)
        for name, value in values.items():
            setattr(zone, name, value)
        if geometry is not None and geometry != zone.geometry:
            _apply_geometry(zone, geometry)
            moved.append(zone)
        changes = audit.diff(before, audit.snapshot(zone, AUDITED_FIELDS))
        if not changes:
            tally.unchanged += 1
            continue
        zone.updated_at = now
        updated.append(zone)
        entries.append((AuditEntry.Action.UPDATE, zone, changes))
    HazardZone.objects.bulk_create(created, batch_size=500)
    HazardZone.objects.bulk_update(
        updated,
        [*AUDITED_FIELDS[1:], "min_lon", "min_lat", "max_lon", "max_lat", "updated_at"],
        batch_size=500,
    )
    entries += [
        (AuditEntry.Action.CREATE, z, audit.diff({}, audit.snapshot(z, AUDITED_FIELDS)))
        for z in created
    ]
    tally.created, tally.updated = len(created), len(updated)
    AuditEntry.objects.bulk_create(
        [
            *(
                tabular.audit_entry(
                    actor=actor,
                    ward_id=ward.id,
                    action=action,
                    object_type=zone._meta.label_lower,
                    object_id=str(zone.pk),
                    object_repr=str(zone),
                    changes=changes,
                )
                for action, zone, changes in entries
            ),
            tabular.record_import(
                actor=actor, ward_id=ward.id, object_type="hazards.hazardzone", result=result
            ),
        ],
        batch_size=500,
    )
    for zone in (*created, *moved):
        zone_geometry_changed.send(sender=HazardZone, zone=zone)
    return result
