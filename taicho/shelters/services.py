"""Every write to shelters."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.core import registry, tabular
from taicho.core.access import require_manage, require_write
from taicho.core.models import Ward
from taicho.core.phones import normalize_phone
from taicho.core.validation import raise_with_model_errors
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
    raise_with_model_errors(shelter, errors, unique_code=True)


@transaction.atomic
def shelter_create(*, actor, ward: Ward, **fields) -> Shelter:
    registry.reject_unknown(fields, allowed=SHELTER_FIELDS, service="shelter_create")
    require_write(actor, ward_id=ward.id, topic=Shelter.scope_topic)
    shelter = Shelter(ward=ward, **fields)
    _clean_shelter(shelter)
    return registry.save_new(actor=actor, instance=shelter, audited=SHELTER_FIELDS)


@transaction.atomic
def shelter_update(*, actor, shelter: Shelter, **fields) -> Shelter:
    registry.reject_unknown(fields, allowed=SHELTER_FIELDS, service="shelter_update")
    require_write(actor, ward_id=shelter.ward_id, topic=Shelter.scope_topic)
    registry.save_changes(
        actor=actor, instance=shelter, fields=fields, audited=SHELTER_FIELDS, clean=_clean_shelter
    )
    return shelter


@transaction.atomic
def shelter_delete(*, actor, shelter: Shelter) -> None:
    require_write(actor, ward_id=shelter.ward_id, topic=Shelter.scope_topic)
    registry.delete(actor=actor, instance=shelter, audited=SHELTER_FIELDS)


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
    log = registry.ImportLog(actor=actor, ward_id=ward.id, source_name=source_name)
    writer = log.writer("shelters", label=_("shelters"), audited=SHELTER_FIELDS, now=timezone.now())
    writer.by_code(
        [registry.given(row, fields | {"code"}) for row in shelters],
        existing={s.code: s for s in Shelter.objects.writable_by(actor).filter(ward=ward)},
        make=lambda values: Shelter(ward=ward, **values),
    )
    writer.save(model=Shelter, fields=[*SHELTER_FIELDS[1:], "updated_at"])
    return log.save(object_type="shelters.shelter")
