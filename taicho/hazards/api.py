"""Hazard zones over the API: /api/v1/wards/{ward_code}/zones…"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from taicho.core.api import WardPagination, api_ward, require_writable
from taicho.hazards.models import HazardZone
from taicho.hazards.schemas import ZoneFilters, ZoneIn, ZoneOut, ZonePatch
from taicho.hazards.selectors import zone_for, zone_rows
from taicho.hazards.services import hazard_zone_create, hazard_zone_update

router = Router(tags=["hazard zones"])

WARD = "/wards/{ward_code}"


def _zone(request, ward, zone_id: int) -> HazardZone:
    zone = zone_for(user=request.auth, ward=ward, pk=zone_id)
    if zone is None:
        raise Http404(_("No such hazard zone in this ward."))
    return zone


@router.get(f"{WARD}/zones", response=list[ZoneOut], summary="Hazard zones")
@paginate(WardPagination)
def list_zones(request, ward_code: int, filters: Query[ZoneFilters]):
    ward = api_ward(request, ward_code)
    return zone_rows(user=request.auth, ward=ward, kind=filters.kind or "")


@router.post(f"{WARD}/zones", response={201: ZoneOut}, summary="Add a hazard zone")
def create_zone(request, ward_code: int, payload: ZoneIn):
    ward = api_ward(request, ward_code)
    zone = hazard_zone_create(actor=request.auth, ward=ward, **payload.dict())
    # Read back: the households lying in it were linked while it was written.
    return Status(201, _zone(request, ward, zone.pk))


@router.get(f"{WARD}/zones/{{zone_id}}", response=ZoneOut, summary="A hazard zone")
def get_zone(request, ward_code: int, zone_id: int):
    return _zone(request, api_ward(request, ward_code), zone_id)


@router.patch(f"{WARD}/zones/{{zone_id}}", response=ZoneOut, summary="Change a hazard zone")
def update_zone(request, ward_code: int, zone_id: int, payload: ZonePatch):
    ward = api_ward(request, ward_code)
    zone = _zone(request, ward, zone_id)
    require_writable(request, zone)
    hazard_zone_update(actor=request.auth, zone=zone, **payload.dict(exclude_unset=True))
    return _zone(request, ward, zone_id)
