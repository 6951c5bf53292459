"""Load the SYNTHETIC demo ward (Phường Bạch Đằng, Thành phố Hải Phòng), fast.

The few places (residential groups, hazard zones, shelters) go through their apps' services,
so they are validated and audited like an officer's entry. The many people (households and
residents) are written in chunks of 5,000 with one set-based insert each (taicho.demo.bulk),
their derived fields computed here as the services compute them: the generator only makes
valid rows, and checking and auditing them one by one would turn a 100,000-household load
into many minutes (the tests run a sample through the same cleaning rules instead). One
audit entry records the load as synthetic data.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from taicho.community.models import Household, Resident
from taicho.community.services import household_search_text
from taicho.core import audit
from taicho.core.models import AuditEntry, ResidentialGroup, Ward
from taicho.core.services import residential_group_create
from taicho.core.vietnamese import fold, name_sort_key
from taicho.demo import geography
from taicho.demo.bulk import RowWriter, analyze
from taicho.demo.channels import demo_channels_create
from taicho.demo.generator import DemoGenerator
from taicho.demo.plans import demo_plans_create
from taicho.demo.users import (
    ADMIN_USERNAME,
    DEMO_USERS,
    demo_memberships_grant,
    demo_users_ensure,
)
from taicho.exposure.models import HouseholdZone
from taicho.exposure.services import exposure_refresh_ward
from taicho.geo.geojson import to_geojson
from taicho.hazards.models import HazardZone
from taicho.hazards.services import hazard_zone_create
from taicho.shelters.models import Evacuation, ResponsePlan, Shelter
from taicho.shelters.services import shelter_create

WARD_CODE = 11473  # Phường Bạch Đằng, Thành phố Hải Phòng
DEFAULT_HOUSEHOLDS = 3000
DEFAULT_SEED = 213
AUDIT_LABEL = "demo loaded (synthetic data)"
RESET_SLICE = 5000


@dataclass(frozen=True)
class DemoSummary:
    ward: Ward
    groups: int
    households: int
    residents: int
    zones: int
    shelters: int
    links: int


def demo_ward() -> Ward:
    try:
        return Ward.objects.select_related("province").get(code=WARD_CODE)
    except Ward.DoesNotExist:
        raise ValidationError(
            _("Ward %(code)s is not in the database: run “taicho migrate” first.")
            % {"code": WARD_CODE}
        ) from None


def ward_has_data(*, ward: Ward) -> bool:
    return any(
        model.objects.filter(ward=ward).exists()
        for model in (ResidentialGroup, Household, HazardZone, Shelter)
    )


@transaction.atomic
def demo_reset(*, ward: Ward, actor) -> None:
    """Delete the ward's groups, households, residents, zones and shelters.

    Children before parents: the many residents and links go in one statement each, and a
    group cannot go while it has households.
    """
    try:
        # Evacuations and plans point at the households, zones and shelters: they go first.
        for model in (Evacuation, ResponsePlan, HouseholdZone, Resident):
            model.objects.filter(ward=ward).delete()
        # Households in slices: deleting them loads them, and there may be 100,000.
        ids = list(Household.objects.filter(ward=ward).values_list("id", flat=True))
        for start in range(0, len(ids), RESET_SLICE):
            Household.objects.filter(pk__in=ids[start : start + RESET_SLICE]).delete()
        for model in (HazardZone, Shelter, ResidentialGroup):
            model.objects.filter(ward=ward).delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("The demo data cannot be deleted: other records still use it (%(records)s).")
            % {
                "records": ", ".join(
                    sorted({str(obj._meta.verbose_name) for obj in exc.protected_objects})
                )
            }
        ) from exc
    audit.record(
        actor=actor,
        ward_id=ward.id,
        action=AuditEntry.Action.DELETE,
        object_type="demo",
        object_repr="demo data deleted before a reload (synthetic data)",
    )


@transaction.atomic
def demo_load(
    *, households: int = DEFAULT_HOUSEHOLDS, seed: int = DEFAULT_SEED, reset: bool = False
) -> DemoSummary:
    """Build the demo ward from `seed`; refuse if the ward has data, unless `reset`."""
    if households < 1:
        raise ValidationError({"households": [_("Give at least one household.")]})
    ward = demo_ward()
    has_data = ward_has_data(ward=ward)
    if has_data and not reset:
        raise ValidationError(
            _(
                "%(ward)s already has residential groups, households, zones or shelters. "
                "Run “taicho demo --reset” to delete them and load the demo again."
            )
            % {"ward": ward}
        )
    users = demo_users_ensure()
    admin = users[ADMIN_USERNAME]
    if has_data:
        demo_reset(ward=ward, actor=admin)
    ward.center_lat, ward.center_lon = geography.CENTRE_LAT, geography.CENTRE_LON
    ward.save(update_fields=["center_lat", "center_lon"])

    generator = DemoGenerator(seed)
    groups = _create_groups(generator, ward=ward, actor=admin)
    zones = _create_zones(ward=ward, actor=admin)
    shelters = _create_shelters(generator, ward=ward, actor=admin)
    household_count, resident_count = _create_people(
        generator, households=households, ward=ward, groups=groups
    )
    links = exposure_refresh_ward(ward_id=ward.id)
    analyze([Household, Resident, HouseholdZone])
    demo_memberships_grant(users=users, ward=ward, groups=groups)
    demo_plans_create(ward=ward, actor=admin)
    demo_channels_create(ward=ward, actor=admin)
    audit.record(
        actor=admin,
        ward_id=ward.id,
        action=AuditEntry.Action.IMPORT,
        object_type="demo",
        object_repr=AUDIT_LABEL,
        changes={
            "synthetic": True,
            "seed": seed,
            "households": household_count,
            "residents": resident_count,
        },
    )
    return DemoSummary(
        ward=ward,
        groups=len(groups),
        households=household_count,
        residents=resident_count,
        zones=zones,
        shelters=shelters,
        links=links,
    )


def _create_groups(generator: DemoGenerator, *, ward: Ward, actor) -> dict[str, ResidentialGroup]:
    rows = generator.groups()
    # The demo group leader's name is on the groups he leads, so the two views agree.
    leader = next(spec for spec in DEMO_USERS if spec.group_codes)
    return {
        row.code: residential_group_create(
            actor=actor,
            ward=ward,
            code=row.code,
            name=row.name,
            leader_name=leader.full_name if row.code in leader.group_codes else row.leader_name,
            leader_phone=row.leader_phone,
        )
        for row in rows
    }


def _create_zones(*, ward: Ward, actor) -> int:
    for place in geography.ZONES:
        hazard_zone_create(
            actor=actor,
            ward=ward,
            code=place.code,
            name=place.name,
            kind=place.kind,
            geometry=_rounded(to_geojson(place.shape)),
            description=place.description,
            risk_notes=place.risk_notes,
        )
    return len(geography.ZONES)


def _rounded(value):
    """GeoJSON with coordinates to 6 decimals (about 10 cm): smaller, and the same everywhere."""
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


def _create_shelters(generator: DemoGenerator, *, ward: Ward, actor) -> int:
    for place in geography.SHELTERS:
        contact_name, contact_phone = generator.contact()
        shelter_create(
            actor=actor,
            ward=ward,
            code=place.code,
            name=place.name,
            kind=place.kind,
            address=place.address,
            lat=place.lat,
            lon=place.lon,
            capacity=place.capacity,
            facilities=f"{place.facilities} {geography.SYNTHETIC_NOTE}",
            contact_name=place.contact_name or contact_name,
            contact_phone=contact_phone,
            hazard_kinds=list(place.hazard_kinds),
        )
    return len(geography.SHELTERS)


HOUSEHOLD_COLUMNS = (
    "ward_id",
    "code",
    "address",
    "group_id",
    "lat",
    "lon",
    "phones",
    "housing_type",
    "poverty",
    "search_text",
)
RESIDENT_COLUMNS = (
    "ward_id",
    "household_id",
    "full_name",
    "birth_year",
    "sex",
    "phone",
    "is_disabled",
    "is_pregnant",
    "is_chronically_ill",
    "is_bedridden",
    "sort_key",
    "search_name",
)


def _create_people(
    generator: DemoGenerator, *, households: int, ward: Ward, groups: dict[str, ResidentialGroup]
) -> tuple[int, int]:
    """Households and residents, one chunk at a time. Returns (households, residents).

    Derived fields are computed here as the services would (search text, name keys).
    """
    group_ids = {code: group.id for code, group in groups.items()}
    household_writer = RowWriter(Household, HOUSEHOLD_COLUMNS)
    resident_writer = RowWriter(Resident, RESIDENT_COLUMNS)
    # Names repeat a lot (about 30,000 distinct in 300,000): their keys are computed once.
    name_keys: dict[str, tuple[str, str]] = {}
    household_count = resident_count = 0
    for chunk in generator.households(households):
        household_writer.write(
            (
                ward.id,
                row.code,
                row.address,
                group_ids[row.group_code],
                row.lat,
                row.lon,
                list(row.phones),
                row.housing_type,
                row.poverty,
                # A row has the code and address this reads, as a Household would.
                household_search_text(row, row.members[0].full_name),
            )
            for row in chunk
        )
        # The new rows' ids, by their code (unique in the ward).
        ids = dict(
            Household.objects.filter(ward=ward, code__in=[row.code for row in chunk]).values_list(
                "code", "id"
            )
        )
        residents = []
        for row in chunk:
            household_id = ids[row.code]
            for person in row.members:
                keys = name_keys.get(person.full_name)
                if keys is None:
                    keys = name_keys[person.full_name] = (
                        name_sort_key(person.full_name),
                        fold(person.full_name)[:100],
                    )
                residents.append(
                    (
                        ward.id,
                        household_id,
                        person.full_name,
                        person.birth_year,
                        person.sex,
                        person.phone,
                        person.is_disabled,
                        person.is_pregnant,
                        person.is_chronically_ill,
                        person.is_bedridden,
                        *keys,
                    )
                )
        resident_writer.write(residents)
        household_count += len(chunk)
        resident_count += len(residents)
    return household_count, resident_count
