"""Every write to households and residents."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from taicho.community.models import Household, Resident
from taicho.community.signals import households_moved
from taicho.core import audit
from taicho.core.access import require_write
from taicho.core.models import AuditEntry, ResidentialGroup, Ward
from taicho.core.phones import normalize_phone, normalize_phones
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
        household.full_clean(exclude=["ward", "group", *errors])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
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
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
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
