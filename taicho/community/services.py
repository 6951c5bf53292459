"""Every write to households and residents."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.community.models import Household, Resident
from taicho.community.signals import households_moved
from taicho.core import audit, registry, tabular
from taicho.core.access import require_manage, require_write
from taicho.core.models import AuditEntry, ResidentialGroup, Ward
from taicho.core.phones import normalize_phone, normalize_phones
from taicho.core.validation import raise_with_model_errors
from taicho.core.vietnamese import fold, name_sort_key
from taicho.geo.geojson import check_point

HOUSEHOLD_FIELDS = ("code", "address", "group", "lat", "lon", "phones", "housing_type", "poverty")
RESIDENT_FIELDS = (
    "full_name",
    "birth_year",
    "sex",
    "phone",
    "is_disabled",
    "is_pregnant",
    "is_chronically_ill",
    "is_bedridden",
)


def household_search_text(household: Household, head_name: str = "") -> str:
    return fold(f"{household.code} {household.address} {head_name}")[:400]


def check_location(lat: float | None, lon: float | None) -> None:
    """A household's place: both coordinates, in Vietnam, or neither."""
    if (lat is None) != (lon is None):
        raise ValidationError(_("Give both latitude and longitude, or neither."))
    if lat is not None:
        check_point(lat, lon)


def _clean_household(household: Household) -> None:
    errors: dict[str, list[str]] = {}
    try:
        check_location(household.lat, household.lon)
    except ValidationError as exc:
        errors["lat"] = exc.messages
    try:
        household.phones = normalize_phones(household.phones or [])
    except ValidationError as exc:
        errors["phones"] = exc.messages
    if household.group_id and household.group.ward_id != household.ward_id:
        errors["group"] = [_("This residential group belongs to another ward.")]
    raise_with_model_errors(household, errors, exclude=["group"], unique_code=True)


@transaction.atomic
def household_create(
    *,
    actor,
    ward: Ward,
    code: str,
    address: str,
    group: ResidentialGroup,
    lat: float | None = None,
    lon: float | None = None,
    phones: list[str] | None = None,
    housing_type: str = "solid",
    poverty: str = "",
) -> Household:
    require_write(actor, ward_id=ward.id, topic="people", group_id=group.id)
    household = Household(
        ward=ward,
        code=code.strip(),
        address=address.strip(),
        group=group,
        lat=lat,
        lon=lon,
        phones=phones or [],
        housing_type=housing_type,
        poverty=poverty,
    )
    _clean_household(household)
    _refresh_search_text(household)
    registry.save_new(actor=actor, instance=household, audited=HOUSEHOLD_FIELDS)
    if household.lat is not None:
        households_moved.send(sender=Household, ward_id=ward.id, household_ids=[household.pk])
    return household


def _refresh_search_text(household: Household) -> None:
    household.search_text = household_search_text(household)


def _require_household_write(actor, household: Household) -> None:
    require_write(actor, ward_id=household.ward_id, topic="people", group_id=household.group_id)


@transaction.atomic
def household_update(*, actor, household: Household, **fields) -> Household:
    registry.reject_unknown(fields, allowed=HOUSEHOLD_FIELDS, service="household_update")
    _require_household_write(actor, household)
    if "group" in fields:
        require_write(actor, ward_id=household.ward_id, topic="people", group_id=fields["group"].id)
    changes = registry.save_changes(
        actor=actor,
        instance=household,
        fields=fields,
        audited=HOUSEHOLD_FIELDS,
        clean=_clean_household,
        before_save=_refresh_search_text,
    )
    if "lat" in changes or "lon" in changes:
        households_moved.send(
            sender=Household, ward_id=household.ward_id, household_ids=[household.pk]
        )
    return household


@transaction.atomic
def household_delete(*, actor, household: Household) -> None:
    _require_household_write(actor, household)
    registry.delete(actor=actor, instance=household, audited=HOUSEHOLD_FIELDS)


def _clean_resident(resident: Resident) -> None:
    errors: dict[str, list[str]] = {}
    if resident.phone:
        try:
            resident.phone = normalize_phone(resident.phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    raise_with_model_errors(resident, errors, exclude=["ward", "household"])
    resident.sort_key = name_sort_key(resident.full_name)
    resident.search_name = fold(resident.full_name)[:100]


@transaction.atomic
def resident_create(*, actor, household: Household, full_name: str, **fields) -> Resident:
    registry.reject_unknown(fields, allowed=RESIDENT_FIELDS, service="resident_create")
    _require_household_write(actor, household)
    resident = Resident(
        ward_id=household.ward_id, household=household, full_name=full_name.strip(), **fields
    )
    _clean_resident(resident)
    return registry.save_new(actor=actor, instance=resident, audited=RESIDENT_FIELDS)


@transaction.atomic
def resident_update(*, actor, resident: Resident, **fields) -> Resident:
    registry.reject_unknown(fields, allowed=RESIDENT_FIELDS, service="resident_update")
    _require_household_write(actor, resident.household)
    registry.save_changes(
        actor=actor,
        instance=resident,
        fields=fields,
        audited=RESIDENT_FIELDS,
        clean=_clean_resident,
    )
    return resident


@transaction.atomic
def resident_delete(*, actor, resident: Resident) -> None:
    _require_household_write(actor, resident.household)
    registry.delete(actor=actor, instance=resident, audited=RESIDENT_FIELDS)


# --- bulk writes for imports ---------------------------------------------------------------


def _apply_values(instance, values: dict) -> bool:
    """Set the values that differ; True if anything changed. The group is compared by id:
    the audit log names it only by its name, which two groups may share."""
    changed = False
    for name, value in values.items():
        stored = instance.group_id if name == "group" else getattr(instance, name)
        if stored != (value.id if name == "group" else value):
            setattr(instance, name, value)
            changed = True
    return changed


def _resident_key(full_name: str, birth_year: int | None) -> tuple[str, int | None]:
    return fold(full_name), birth_year


def _import_households(*, ward: Ward, actor, rows: list[dict], writer: registry.BulkWriter):
    """Create or update the households of the file; returns (households by code, moved ids)."""
    existing = {
        household.code: household
        for household in Household.objects.writable_by(actor)
        .filter(ward=ward)
        .select_related("group")
    }
    moved = []

    def make(values: dict) -> Household:
        household = Household(ward=ward, **values)
        _refresh_search_text(household)
        return household

    def assign(household: Household, values: dict) -> bool:
        location = (household.lat, household.lon)
        if not _apply_values(household, values):
            return False
        _refresh_search_text(household)
        if (household.lat, household.lon) != location:
            moved.append(household.pk)
        return True

    writer.by_code(rows, existing=existing, make=make, assign=assign)
    fields = [*(name for name in HOUSEHOLD_FIELDS if name != "code"), "search_text", "updated_at"]
    writer.save(model=Household, fields=fields)
    moved.extend(household.pk for household in writer.created if household.lat is not None)
    return existing, moved


def _import_residents(*, households: dict, rows: dict[str, list[dict]], writer):
    """Make the residents of every household listed in the file exactly those of the file."""
    listed = [households[code] for code in rows]
    ids = [household.pk for household in listed if household.pk is not None]
    stored: dict[tuple, list[Resident]] = {}
    for start in range(0, len(ids), registry.BATCH):
        for resident in Resident.objects.filter(
            household_id__in=ids[start : start + registry.BATCH]
        ).order_by("pk"):
            key = (resident.household_id, *_resident_key(resident.full_name, resident.birth_year))
            stored.setdefault(key, []).append(resident)
    for code, values_list in rows.items():
        household = households[code]
        for values in values_list:
            key = (household.pk, *_resident_key(values["full_name"], values.get("birth_year")))
            matches = stored.get(key)
            if matches:  # same name and year twice: matched in order
                writer.change(matches.pop(0), values, _apply_values)
            else:
                writer.add(Resident(ward_id=household.ward_id, household=household, **values))
    for resident in (*writer.created, *writer.updated):
        resident.sort_key = name_sort_key(resident.full_name)
        resident.search_name = fold(resident.full_name)[:100]
    removed = [resident for matches in stored.values() for resident in matches]
    for resident in removed:
        writer.log.add(
            AuditEntry.Action.DELETE,
            resident,
            audit.diff(audit.snapshot(resident, RESIDENT_FIELDS), {}),
        )
    removed_ids = [resident.pk for resident in removed]
    for start in range(0, len(removed_ids), registry.BATCH):
        Resident.objects.filter(pk__in=removed_ids[start : start + registry.BATCH]).delete()
    writer.save(model=Resident, fields=[*RESIDENT_FIELDS, "sort_key", "search_name"])
    writer.tally.deleted = len(removed)


@transaction.atomic
def households_import_apply(
    *,
    actor,
    ward: Ward,
    households: list[dict],
    household_fields: set[str],
    residents: dict[str, list[dict]],
    resident_fields: set[str],
    source_name: str,
) -> tabular.ImportResult:
    """Write checked import rows: households matched by code, residents by (household, name,
    birth year); only values that differ are written. The residents of each household listed
    in `residents` become exactly those listed. A value whose column was not in the file is
    left as it is (`household_fields`, `resident_fields` name the columns that were).
    """
    require_manage(actor, ward_id=ward.id)
    require_write(actor, ward_id=ward.id, topic="people")
    log = registry.ImportLog(actor=actor, ward_id=ward.id, source_name=source_name)
    keep = set(household_fields) | {"code"}
    by_code, moved = _import_households(
        ward=ward,
        actor=actor,
        rows=[registry.given(row, keep) for row in households],
        writer=log.writer(
            "households", label=_("households"), audited=HOUSEHOLD_FIELDS, now=timezone.now()
        ),
    )
    keep = set(resident_fields) | {"full_name", "birth_year"}
    _import_residents(
        households=by_code,
        rows={code: [registry.given(r, keep) for r in rows] for code, rows in residents.items()},
        writer=log.writer("residents", label=_("residents"), audited=RESIDENT_FIELDS),
    )
    result = log.save(object_type="community.household")
    if moved:
        households_moved.send(sender=Household, ward_id=ward.id, household_ids=moved)
    return result
