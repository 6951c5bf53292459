"""Every write to shelters."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from taicho.core import audit
from taicho.core.access import require_write
from taicho.core.models import AuditEntry, Ward
from taicho.core.phones import normalize_phone
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
        shelter.full_clean(exclude=["ward", *errors])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
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
