"""Every write to shelters."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.core import audit, tabular
from taicho.core.access import require_manage, require_write
from taicho.core.models import AuditEntry, Ward
from taicho.core.phones import normalize_phone
from taicho.core.validation import check_code_free
from taicho.geo.geojson import check_point
from taicho.hazards.models import HazardKind
from taicho.shelters.models import Shelter

SHELTER_FIELDS = (
    "code",
    "name",
    "kind",
    "address",
    "lat",
    "lon",
    "capacity",
    "facilities",
    "contact_name",
    "contact_phone",
    "hazard_kinds",
)


def _clean_shelter(shelter: Shelter) -> None:
    errors: dict[str, list[str]] = {}
    if shelter.lat is not None and shelter.lon is not None:
        try:
            check_point(shelter.lat, shelter.lon)
        except ValidationError as exc:
            errors["lat"] = exc.messages
    if shelter.contact_phone:
        try:
            shelter.contact_phone = normalize_phone(shelter.contact_phone)
        except ValidationError as exc:
            errors["contact_phone"] = exc.messages
    unknown = [kind for kind in shelter.hazard_kinds or [] if kind not in HazardKind.values]
    if unknown:
        errors["hazard_kinds"] = [
            _("Unknown hazard kind: %(kinds)s.") % {"kinds": ", ".join(map(str, unknown))}
        ]
    try:
        check_code_free(shelter)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    try:
        shelter.full_clean(exclude=[*errors])
    except ValidationError as exc:
        # Keep the errors whole (not their text) so forms still see codes such as "unique".
        for field, error_list in exc.error_dict.items():
            errors.setdefault(field, []).extend(error_list)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def shelter_create(*, actor, ward: Ward, **fields) -> Shelter:
    unknown = set(fields) - set(SHELTER_FIELDS)
    if unknown:
        raise TypeError(f"shelter_create got unknown fields: {sorted(unknown)}")
    require_write(actor, ward_id=ward.id, topic=Shelter.scope_topic)
    shelter = Shelter(ward=ward, **fields)
    _clean_shelter(shelter)
    shelter.save()
    audit.record(
        actor=actor,
        ward_id=ward.id,
        action=AuditEntry.Action.CREATE,
        instance=shelter,
        changes=audit.diff({}, audit.snapshot(shelter, SHELTER_FIELDS)),
    )
    return shelter


@transaction.atomic
def shelter_update(*, actor, shelter: Shelter, **fields) -> Shelter:
    unknown = set(fields) - set(SHELTER_FIELDS)
    if unknown:
        raise TypeError(f"shelter_update got unknown fields: {sorted(unknown)}")
    require_write(actor, ward_id=shelter.ward_id, topic=Shelter.scope_topic)
    before = audit.snapshot(shelter, SHELTER_FIELDS)
    for name, value in fields.items():
        setattr(shelter, name, value.strip() if isinstance(value, str) else value)
    _clean_shelter(shelter)
    changes = audit.diff(before, audit.snapshot(shelter, SHELTER_FIELDS))
    if changes:
        shelter.save()
        audit.record(
            actor=actor,
            ward_id=shelter.ward_id,
            action=AuditEntry.Action.UPDATE,
            instance=shelter,
            changes=changes,
        )
    return shelter


@transaction.atomic
def shelter_delete(*, actor, shelter: Shelter) -> None:
    require_write(actor, ward_id=shelter.ward_id, topic=Shelter.scope_topic)
    audit.record(
        actor=actor,
        ward_id=shelter.ward_id,
        action=AuditEntry.Action.DELETE,
        instance=shelter,
        changes=audit.diff(audit.snapshot(shelter, SHELTER_FIELDS), {}),
    )
    shelter.delete()


# --- bulk writes for imports ---------------------------------------------------------------


@transaction.atomic
def shelters_import_apply(
    *, actor, ward: Ward, shelters: list[dict], fields: set[str], source_name: str
) -> tabular.ImportResult:
    """Write checked import rows, matched by code; only values that differ are written.

    A value whose column was not in the file (not in `fields`) is left as it is.
    """
    require_manage(actor, ward_id=ward.id)
    require_write(actor, ward_id=ward.id, topic=Shelter.scope_topic)
    tally = tabular.Tally(label=_("shelters"))
    result = tabular.ImportResult(source_name=source_name, tallies={"shelters": tally})
    existing = {s.code: s for s in Shelter.objects.writable_by(actor).filter(ward=ward)}
    created, updated, entries = [], [], []
    for row in shelters:
        values = {name: value for name, value in row.items() if name in fields | {"code"}}
        shelter = existing.get(values["code"])
        if shelter is None:
            shelter = Shelter(ward=ward, **values)
            created.append(shelter)
            existing[shelter.code] = shelter
            continue
        before = audit.snapshot(shelter, SHELTER_FIELDS)
        for name, value in values.items():
            setattr(shelter, name, value)
        changes = audit.diff(before, audit.snapshot(shelter, SHELTER_FIELDS))
        if not changes:
            tally.unchanged += 1
            continue
        shelter.updated_at = timezone.now()
        updated.append(shelter)
        entries.append((AuditEntry.Action.UPDATE, shelter, changes))
    Shelter.objects.bulk_create(created, batch_size=500)
    Shelter.objects.bulk_update(updated, [*SHELTER_FIELDS[1:], "updated_at"], batch_size=500)
    entries += [
        (AuditEntry.Action.CREATE, s, audit.diff({}, audit.snapshot(s, SHELTER_FIELDS)))
        for s in created
    ]
    tally.created, tally.updated = len(created), len(updated)
    AuditEntry.objects.bulk_create(
        [
            *(
                tabular.audit_entry(
                    actor=actor,
                    ward_id=ward.id,
                    action=action,
                    object_type=shelter._meta.label_lower,
                    object_id=str(shelter.pk),
                    object_repr=str(shelter),
                    changes=changes,
                )
                for action, shelter, changes in entries
            ),
            tabular.record_import(
                actor=actor, ward_id=ward.id, object_type="shelters.shelter", result=result
            ),
        ],
        batch_size=500,
    )
    return result
