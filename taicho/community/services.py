"""Every write to households and residents."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.community.models import Household, Resident
from taicho.community.signals import households_moved
from taicho.core import audit, tabular
from taicho.core.access import require_manage, require_write
from taicho.core.models import AuditEntry, ResidentialGroup, Ward
from taicho.core.phones import normalize_phone, normalize_phones
from taicho.core.validation import check_code_free
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


def _clean_household(household: Household) -> None:
    errors: dict[str, list[str]] = {}
    if (household.lat is None) != (household.lon is None):
        errors["lat"] = [_("Give both latitude and longitude, or neither.")]
    elif household.lat is not None:
        try:
            check_point(household.lat, household.lon)
        except ValidationError as exc:
            errors["lat"] = exc.messages
    try:
        household.phones = normalize_phones(household.phones or [])
    except ValidationError as exc:
        errors["phones"] = exc.messages
    if household.group_id and household.group.ward_id != household.ward_id:
        errors["group"] = [_("This residential group belongs to another ward.")]
    try:
        check_code_free(household)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    try:
        household.full_clean(exclude=["group", *errors])
    except ValidationError as exc:
        # Keep the errors whole (not their text) so forms still see codes such as "unique".
        for field, error_list in exc.error_dict.items():
            errors.setdefault(field, []).extend(error_list)
    if errors:
        raise ValidationError(errors)


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
    household.search_text = household_search_text(household)
    household.save()
    audit.record(
        actor=actor,
        ward_id=ward.id,
        action=AuditEntry.Action.CREATE,
        instance=household,
        changes=audit.diff({}, audit.snapshot(household, HOUSEHOLD_FIELDS)),
    )
    if household.lat is not None:
        households_moved.send(sender=Household, ward_id=ward.id, household_ids=[household.pk])
    return household


@transaction.atomic
def household_update(*, actor, household: Household, **fields) -> Household:
    unknown = set(fields) - set(HOUSEHOLD_FIELDS)
    if unknown:
        raise TypeError(f"household_update got unknown fields: {sorted(unknown)}")
    require_write(actor, ward_id=household.ward_id, topic="people", group_id=household.group_id)
    if "group" in fields:
        require_write(actor, ward_id=household.ward_id, topic="people", group_id=fields["group"].id)
    before = audit.snapshot(household, HOUSEHOLD_FIELDS)
    for name, value in fields.items():
        setattr(household, name, value.strip() if isinstance(value, str) else value)
    _clean_household(household)
    changes = audit.diff(before, audit.snapshot(household, HOUSEHOLD_FIELDS))
    if not changes:
        return household
    household.search_text = household_search_text(household)
    household.save()
    audit.record(
        actor=actor,
        ward_id=household.ward_id,
        action=AuditEntry.Action.UPDATE,
        instance=household,
        changes=changes,
    )
    if "lat" in changes or "lon" in changes:
        households_moved.send(
            sender=Household, ward_id=household.ward_id, household_ids=[household.pk]
        )
    return household


@transaction.atomic
def household_delete(*, actor, household: Household) -> None:
    require_write(actor, ward_id=household.ward_id, topic="people", group_id=household.group_id)
    audit.record(
        actor=actor,
        ward_id=household.ward_id,
        action=AuditEntry.Action.DELETE,
        instance=household,
        changes=audit.diff(audit.snapshot(household, HOUSEHOLD_FIELDS), {}),
    )
    household.delete()


def _clean_resident(resident: Resident) -> None:
    errors: dict[str, list[str]] = {}
    if resident.phone:
        try:
            resident.phone = normalize_phone(resident.phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    try:
        resident.full_clean(exclude=["ward", "household", *errors])
    except ValidationError as exc:
        # Keep the errors whole (not their text) so forms still see codes such as "unique".
        for field, error_list in exc.error_dict.items():
            errors.setdefault(field, []).extend(error_list)
    if errors:
        raise ValidationError(errors)
    resident.sort_key = name_sort_key(resident.full_name)
    resident.search_name = fold(resident.full_name)[:100]


@transaction.atomic
def resident_create(*, actor, household: Household, full_name: str, **fields) -> Resident:
    unknown = set(fields) - set(RESIDENT_FIELDS)
    if unknown:
        raise TypeError(f"resident_create got unknown fields: {sorted(unknown)}")
    require_write(actor, ward_id=household.ward_id, topic="people", group_id=household.group_id)
    resident = Resident(
        ward_id=household.ward_id, household=household, full_name=full_name.strip(), **fields
    )
    _clean_resident(resident)
    resident.save()
    audit.record(
        actor=actor,
        ward_id=household.ward_id,
        action=AuditEntry.Action.CREATE,
        instance=resident,
        changes=audit.diff({}, audit.snapshot(resident, RESIDENT_FIELDS)),
    )
    return resident


@transaction.atomic
def resident_update(*, actor, resident: Resident, **fields) -> Resident:
    unknown = set(fields) - set(RESIDENT_FIELDS)
    if unknown:
        raise TypeError(f"resident_update got unknown fields: {sorted(unknown)}")
    household = resident.household
    require_write(actor, ward_id=household.ward_id, topic="people", group_id=household.group_id)
    before = audit.snapshot(resident, RESIDENT_FIELDS)
    for name, value in fields.items():
        setattr(resident, name, value.strip() if isinstance(value, str) else value)
    _clean_resident(resident)
    changes = audit.diff(before, audit.snapshot(resident, RESIDENT_FIELDS))
    if not changes:
        return resident
    resident.save()
    audit.record(
        actor=actor,
        ward_id=household.ward_id,
        action=AuditEntry.Action.UPDATE,
        instance=resident,
        changes=changes,
    )
    return resident


@transaction.atomic
def resident_delete(*, actor, resident: Resident) -> None:
    household = resident.household
    require_write(actor, ward_id=household.ward_id, topic="people", group_id=household.group_id)
    audit.record(
        actor=actor,
        ward_id=household.ward_id,
        action=AuditEntry.Action.DELETE,
        instance=resident,
        changes=audit.diff(audit.snapshot(resident, RESIDENT_FIELDS), {}),
    )
    resident.delete()


# --- bulk writes for imports ---------------------------------------------------------------

_IMPORT_BATCH = 500


def _compare_value(instance, name: str):
    """The stored value an imported value is compared with (the group by id, not by name)."""
    return instance.group_id if name == "group" else getattr(instance, name)


def _imported_value(name: str, value):
    return value.id if name == "group" else value


def _apply_values(instance, values: dict) -> bool:
    """Set the values that differ; True if anything changed."""
    changed = False
    for name, value in values.items():
        if _compare_value(instance, name) != _imported_value(name, value):
            setattr(instance, name, value)
            changed = True
    return changed


def _resident_key(full_name: str, birth_year: int | None) -> tuple[str, int | None]:
    return fold(full_name), birth_year


class _ImportLog:
    """The audit entries of one import, written in bulk at the end."""

    def __init__(self, *, actor, ward_id: int):
        self.actor, self.ward_id, self.entries = actor, ward_id, []

    def add(self, action: str, instance, changes: dict) -> None:
        self.entries.append(
            tabular.audit_entry(
                actor=self.actor,
                ward_id=self.ward_id,
                action=action,
                object_type=instance._meta.label_lower,
                object_id=str(instance.pk),
                object_repr=str(instance),
                changes=changes,
            )
        )

    def save(self, summary) -> None:
        AuditEntry.objects.bulk_create([*self.entries, summary], batch_size=_IMPORT_BATCH)


def _import_households(*, ward: Ward, actor, rows: list[dict], tally, log: _ImportLog):
    """Create or update the households of the file; returns (households by code, moved ids)."""
    existing = {
        household.code: household
        for household in Household.objects.writable_by(actor)
        .filter(ward=ward)
        .select_related("group")
    }
    created, updated, moved = [], [], []
    now = timezone.now()
    for values in rows:
        household = existing.get(values["code"])
        if household is None:
            household = Household(ward=ward, **values)
            household.search_text = household_search_text(household)
            created.append(household)
            existing[household.code] = household
            continue
        before = audit.snapshot(household, HOUSEHOLD_FIELDS)
        location = (household.lat, household.lon)
        if not _apply_values(household, values):
            tally.unchanged += 1
            continue
        household.search_text = household_search_text(household)
        household.updated_at = now
        updated.append(household)
        log.add(
            AuditEntry.Action.UPDATE,
            household,
            audit.diff(before, audit.snapshot(household, HOUSEHOLD_FIELDS)),
        )
        if (household.lat, household.lon) != location:
            moved.append(household.pk)
    Household.objects.bulk_create(created, batch_size=_IMPORT_BATCH)
    fields = [*(name for name in HOUSEHOLD_FIELDS if name != "code"), "search_text", "updated_at"]
    Household.objects.bulk_update(updated, fields, batch_size=_IMPORT_BATCH)
    for household in created:
        log.add(
            AuditEntry.Action.CREATE,
            household,
            audit.diff({}, audit.snapshot(household, HOUSEHOLD_FIELDS)),
        )
    tally.created, tally.updated = len(created), len(updated)
    moved.extend(household.pk for household in created if household.lat is not None)
    return existing, moved


def _import_residents(*, households: dict, rows: dict[str, list[dict]], tally, log: _ImportLog):
    """Make the residents of every household listed in the file exactly those of the file."""
    listed = [households[code] for code in rows]
    ids = [household.pk for household in listed if household.pk is not None]
    stored: dict[tuple, list[Resident]] = {}
    for start in range(0, len(ids), _IMPORT_BATCH):
        for resident in Resident.objects.filter(
            household_id__in=ids[start : start + _IMPORT_BATCH]
        ).order_by("pk"):
            key = (resident.household_id, *_resident_key(resident.full_name, resident.birth_year))
            stored.setdefault(key, []).append(resident)
    created, updated = [], []
    for code, values_list in rows.items():
        household = households[code]
        for values in values_list:
            key = (household.pk, *_resident_key(values["full_name"], values.get("birth_year")))
            matches = stored.get(key)
            if not matches:
                resident = Resident(ward_id=household.ward_id, household=household, **values)
                created.append(resident)
                continue
            resident = matches.pop(0)  # same name and year twice: matched in order
            before = audit.snapshot(resident, RESIDENT_FIELDS)
            if not _apply_values(resident, values):
                tally.unchanged += 1
                continue
            updated.append(resident)
            log.add(
                AuditEntry.Action.UPDATE,
                resident,
                audit.diff(before, audit.snapshot(resident, RESIDENT_FIELDS)),
            )
    for resident in (*created, *updated):
        resident.sort_key = name_sort_key(resident.full_name)
        resident.search_name = fold(resident.full_name)[:100]
    removed = [resident for matches in stored.values() for resident in matches]
    for resident in removed:
        log.add(
            AuditEntry.Action.DELETE,
            resident,
            audit.diff(audit.snapshot(resident, RESIDENT_FIELDS), {}),
        )
    removed_ids = [resident.pk for resident in removed]
    for start in range(0, len(removed_ids), _IMPORT_BATCH):
        Resident.objects.filter(pk__in=removed_ids[start : start + _IMPORT_BATCH]).delete()
    Resident.objects.bulk_create(created, batch_size=_IMPORT_BATCH)
    Resident.objects.bulk_update(
        updated, [*RESIDENT_FIELDS, "sort_key", "search_name"], batch_size=_IMPORT_BATCH
    )
    for resident in created:
        log.add(
            AuditEntry.Action.CREATE,
            resident,
            audit.diff({}, audit.snapshot(resident, RESIDENT_FIELDS)),
        )
    tally.created, tally.updated, tally.deleted = len(created), len(updated), len(removed)


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
    result = tabular.ImportResult(
        source_name=source_name,
        tallies={
            "households": tabular.Tally(label=_("households")),
            "residents": tabular.Tally(label=_("residents")),
        },
    )
    log = _ImportLog(actor=actor, ward_id=ward.id)
    keep = set(household_fields) | {"code"}
    rows = [{name: value for name, value in row.items() if name in keep} for row in households]
    by_code, moved = _import_households(
        ward=ward, actor=actor, rows=rows, tally=result.tallies["households"], log=log
    )
    keep = set(resident_fields) | {"full_name", "birth_year"}
    resident_rows = {
        code: [{name: value for name, value in row.items() if name in keep} for row in values]
        for code, values in residents.items()
    }
    _import_residents(
        households=by_code, rows=resident_rows, tally=result.tallies["residents"], log=log
    )
    log.save(
        tabular.record_import(
            actor=actor, ward_id=ward.id, object_type="community.household", result=result
        )
    )
    if moved:
        households_moved.send(sender=Household, ward_id=ward.id, household_ids=moved)
    return result
