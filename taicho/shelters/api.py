"""Shelters over the API: /api/v1/wards/{ward_code}/shelters…"""

from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from taicho.core.api import WardPagination, api_ward, require_writable, visible_or_404
from taicho.shelters.models import Shelter
from taicho.shelters.schemas import ShelterFilters, ShelterIn, ShelterOut, ShelterPatch
from taicho.shelters.selectors import shelter_rows
from taicho.shelters.services import shelter_create, shelter_update

router = Router(tags=["shelters"])

WARD = "/wards/{ward_code}"


def _shelter(request, ward, shelter_id: int) -> Shelter:
    return visible_or_404(
        Shelter.objects,
        request=request,
        ward=ward,
        pk=shelter_id,
        missing=_("No such shelter in this ward."),
    )


@router.get(f"{WARD}/shelters", response=list[ShelterOut], summary="Shelters")
@paginate(WardPagination)
def list_shelters(request, ward_code: int, filters: Query[ShelterFilters]):
    ward = api_ward(request, ward_code)
    # A shelter listing no hazard kinds is not known to be safe for any: not in a filtered list.
    return shelter_rows(user=request.auth, ward=ward, hazard_kind=filters.hazard_kind or "")


@router.post(f"{WARD}/shelters", response={201: ShelterOut}, summary="Add a shelter")
def create_shelter(request, ward_code: int, payload: ShelterIn):
    ward = api_ward(request, ward_code)
    return Status(201, shelter_create(actor=request.auth, ward=ward, **payload.dict()))


@router.get(f"{WARD}/shelters/{{shelter_id}}", response=ShelterOut, summary="A shelter")
def get_shelter(request, ward_code: int, shelter_id: int):
    return _shelter(request, api_ward(request, ward_code), shelter_id)


@router.patch(f"{WARD}/shelters/{{shelter_id}}", response=ShelterOut, summary="Change a shelter")
def update_shelter(request, ward_code: int, shelter_id: int, payload: ShelterPatch):
    shelter = _shelter(request, api_ward(request, ward_code), shelter_id)
    require_writable(request, shelter)
    return shelter_update(actor=request.auth, shelter=shelter, **payload.dict(exclude_unset=True))
