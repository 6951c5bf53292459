"""Households, residents and residential groups over the API: /api/v1/wards/{ward_code}/…

Rows are read through visible_to (a shock force member, who has no right to personal data,
gets an empty list and 404 on details) and written only through the services.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from taicho.community.models import Household, Resident
from taicho.community.schemas import (
    GroupIn,
    GroupOut,
    HouseholdDetailOut,
    HouseholdFilters,
    HouseholdIn,
    HouseholdPatch,
    HouseholdRowOut,
    ResidentIn,
    ResidentOut,
    ResidentPatch,
)
from taicho.community.selectors import group_rows, household_rows
from taicho.community.services import (
    household_create,
    household_update,
    resident_create,
    resident_update,
)
from taicho.core.api import (
    WardPagination,
    api_ward,
    group_by_code,
    require_writable,
    visible_or_404,
)
from taicho.core.services import residential_group_create

router = Router(tags=["households"])

WARD = "/wards/{ward_code}"


def _in_zone(households: QuerySet, *, ward, zone_code: str) -> QuerySet:
    """Households lying in the ward's zone `zone_code` (links kept by the exposure app)."""
    lying = Household.objects.filter(
        ward=ward, zone_links__zone__code=zone_code, zone_links__zone__ward=ward
    )
    return households.filter(pk__in=lying.values("pk"))


def _household(request, ward, household_id: int) -> Household:
    return visible_or_404(
        Household.objects.select_related("group"),
        request=request,
        ward=ward,
        pk=household_id,
        missing=_("No such household in this ward."),
    )


def _resident(request, ward, resident_id: int) -> Resident:
    return visible_or_404(
        Resident.objects.select_related("household"),
        request=request,
        ward=ward,
        pk=resident_id,
        missing=_("No such resident in this ward."),
    )


@router.get(f"{WARD}/households", response=list[HouseholdRowOut], summary="Households")
@paginate(WardPagination)
def list_households(request, ward_code: int, filters: Query[HouseholdFilters]):
    ward = api_ward(request, ward_code)
    group = group_by_code(request, ward=ward, code=filters.group) if filters.group else None
    households = household_rows(
        user=request.auth,
        ward=ward,
        query=filters.q or "",
        group=group,
        housing_type=filters.housing_type or "",
        vulnerable_only=filters.vulnerable,
    )
    if filters.zone:
        households = _in_zone(households, ward=ward, zone_code=filters.zone)
    return households


@router.post(f"{WARD}/households", response={201: HouseholdDetailOut}, summary="Add a household")
def create_household(request, ward_code: int, payload: HouseholdIn):
    ward = api_ward(request, ward_code)
    fields = payload.dict()
    fields["group"] = group_by_code(request, ward=ward, code=fields["group"])
    return Status(201, household_create(actor=request.auth, ward=ward, **fields))


@router.get(
    f"{WARD}/households/{{household_id}}", response=HouseholdDetailOut, summary="A household"
)
def get_household(request, ward_code: int, household_id: int):
    return _household(request, api_ward(request, ward_code), household_id)


@router.patch(
    f"{WARD}/households/{{household_id}}",
    response=HouseholdDetailOut,
    summary="Change a household",
)
def update_household(request, ward_code: int, household_id: int, payload: HouseholdPatch):
    ward = api_ward(request, ward_code)
    household = _household(request, ward, household_id)
    require_writable(request, household)
    fields = payload.dict(exclude_unset=True)
    if "group" in fields:
        fields["group"] = group_by_code(request, ward=ward, code=fields["group"])
    return household_update(actor=request.auth, household=household, **fields)


@router.get(
    f"{WARD}/households/{{household_id}}/residents",
    response=list[ResidentOut],
    summary="Residents of a household",
)
@paginate(WardPagination)
def list_residents(request, ward_code: int, household_id: int):
    household = _household(request, api_ward(request, ward_code), household_id)
    return household.residents.order_by("sort_key", "id")


@router.post(
    f"{WARD}/households/{{household_id}}/residents",
    response={201: ResidentOut},
    summary="Add a resident",
)
def create_resident(request, ward_code: int, household_id: int, payload: ResidentIn):
    household = _household(request, api_ward(request, ward_code), household_id)
    return Status(201, resident_create(actor=request.auth, household=household, **payload.dict()))


@router.get(f"{WARD}/residents/{{resident_id}}", response=ResidentOut, summary="A resident")
def get_resident(request, ward_code: int, resident_id: int):
    return _resident(request, api_ward(request, ward_code), resident_id)


@router.patch(
    f"{WARD}/residents/{{resident_id}}", response=ResidentOut, summary="Change a resident"
)
def update_resident(request, ward_code: int, resident_id: int, payload: ResidentPatch):
    resident = _resident(request, api_ward(request, ward_code), resident_id)
    require_writable(request, resident)
    return resident_update(
        actor=request.auth, resident=resident, **payload.dict(exclude_unset=True)
    )


@router.get(f"{WARD}/groups", response=list[GroupOut], summary="Residential groups")
@paginate(WardPagination)
def list_groups(request, ward_code: int):
    return group_rows(user=request.auth, ward=api_ward(request, ward_code))


@router.post(f"{WARD}/groups", response={201: GroupOut}, summary="Add a residential group")
def create_group(request, ward_code: int, payload: GroupIn):
    ward = api_ward(request, ward_code)
    return Status(201, residential_group_create(actor=request.auth, ward=ward, **payload.dict()))
