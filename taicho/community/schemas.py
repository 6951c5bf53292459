"""What the API shows of households and residents, and what it accepts.

Phone numbers are personal data: only users who may change a household see its numbers (and
its residents' numbers) in full; everyone else gets them masked (0912•••678).
"""

import datetime as dt

from ninja import Field, Schema

from taicho.community.models import Household, Resident
from taicho.community.vulnerability import vulnerability_flags
from taicho.core.access import can_write
from taicho.core.api import InputSchema
from taicho.core.phones import mask_phone

_WRITABLE_GROUPS_CACHE = "_taicho_api_writable_groups"


def phones_shown(context: dict, household: Household) -> bool:
    """May the caller see this household's numbers in full? Answered once per group per request."""
    request = context["request"]
    cache = request.__dict__.setdefault(_WRITABLE_GROUPS_CACHE, {})
    key = (household.ward_id, household.group_id)
    if key not in cache:
        cache[key] = can_write(
            request.auth, ward_id=household.ward_id, topic="people", group_id=household.group_id
        )
    return cache[key]


class ResidentOut(Schema):
    id: int
    household: int
    full_name: str
    birth_year: int | None
    sex: str
    phone: str
    is_disabled: bool
    is_pregnant: bool
    is_chronically_ill: bool
    is_bedridden: bool
    vulnerable_flags: list[str]

    @staticmethod
    def resolve_household(obj: Resident) -> int:
        return obj.household_id

    @staticmethod
    def resolve_phone(obj: Resident, context) -> str:
        if not obj.phone or phones_shown(context, obj.household):
            return obj.phone
        return mask_phone(obj.phone)

    @staticmethod
    def resolve_vulnerable_flags(obj: Resident) -> list[str]:
        return vulnerability_flags(obj)


class HouseholdOut(Schema):
    id: int
    code: str
    address: str
    group: str
    lat: float | None
    lon: float | None
    phones: list[str]
    housing_type: str
    poverty: str
    updated_at: dt.datetime

    @staticmethod
    def resolve_group(obj: Household) -> str:
        return obj.group.code

    @staticmethod
    def resolve_phones(obj: Household, context) -> list[str]:
        if phones_shown(context, obj):
            return list(obj.phones)
        return [mask_phone(phone) for phone in obj.phones]


class HouseholdRowOut(HouseholdOut):
    """A household in a list, with the counts the list page shows too."""

    resident_count: int
    vulnerable_count: int


class HouseholdDetailOut(HouseholdOut):
    residents: list[ResidentOut]

    @staticmethod
    def resolve_residents(obj: Household) -> list[Resident]:
        return list(obj.residents.order_by("sort_key", "id"))


class HouseholdFilters(Schema):
    group: str | None = Field(None, description="Residential group code.")
    q: str | None = Field(None, description="Code, address or resident name; accents optional.")
    housing_type: str | None = None
    vulnerable: bool = Field(False, description="Only homes with a vulnerable resident, or poor.")
    zone: str | None = Field(None, description="Hazard zone code: homes lying in it.")


class HouseholdIn(InputSchema):
    code: str
    address: str
    group: str
    lat: float | None = None
    lon: float | None = None
    phones: list[str] = []
    housing_type: str = "solid"
    poverty: str = ""


class HouseholdPatch(InputSchema):
    code: str | None = None
    address: str | None = None
    group: str | None = None
    lat: float | None = None
    lon: float | None = None
    phones: list[str] | None = None
    housing_type: str | None = None
    poverty: str | None = None


class ResidentIn(InputSchema):
    full_name: str
    birth_year: int | None = None
    sex: str = ""
    phone: str = ""
    is_disabled: bool = False
    is_pregnant: bool = False
    is_chronically_ill: bool = False
    is_bedridden: bool = False


class ResidentPatch(InputSchema):
    full_name: str | None = None
    birth_year: int | None = None
    sex: str | None = None
    phone: str | None = None
    is_disabled: bool | None = None
    is_pregnant: bool | None = None
    is_chronically_ill: bool | None = None
    is_bedridden: bool | None = None


class GroupOut(Schema):
    id: int
    code: str
    name: str
    leader_name: str
    # The leader's number is a public contact for the group, shown in full.
    leader_phone: str
    household_count: int = 0


class GroupIn(InputSchema):
    code: str
    name: str
    leader_name: str = ""
    leader_phone: str = ""
