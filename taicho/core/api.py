"""The API's floor: the wards list, and what every ward-scoped route shares.

Every route under /wards/{ward_code}/ resolves its ward with `api_ward` (404 when the user
cannot see it), reads rows with `visible_or_404` (visible_to + ward) and checks edits with
`require_writable` (writable_by). The authenticated user is `request.auth`.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import ConfigDict

from taicho.core.access import readable_ward_ids
from taicho.core.models import ResidentialGroup, Ward
from taicho.core.web import ward_for


class WardPagination(PageNumberPagination):
    """?page=N (from 1) and ?page_size=M, at most settings.TAICHO_API_PAGE_SIZE per page.

    The size is read per request, not at import, so a deployment (or a test) can change it.
    """

    def _get_page_size(self, requested_page_size: int | None) -> int:
        limit = settings.TAICHO_API_PAGE_SIZE
        return limit if requested_page_size is None else min(requested_page_size, limit)


class InputSchema(Schema):
    """A request body: an unknown field is an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


def api_ward(request, ward_code: int) -> Ward:
    """The ward in the path if the caller may see it; 404 otherwise (never say it exists)."""
    return ward_for(request.auth, ward_code)


def visible_or_404[M: models.Model](
    queryset: models.QuerySet[M] | models.Manager[M], *, request, ward: Ward, pk: int, missing: str
) -> M:
    """Row `pk` of `ward` among those the caller may read, or 404 with the message `missing`."""
    found = queryset.visible_to(request.auth).filter(ward=ward, pk=pk).first()
    if found is None:
        raise Http404(missing)
    return found


def require_writable(request, instance: models.Model) -> None:
    """403 unless the caller may change this row (the services check again when writing)."""
    manager = type(instance).objects
    if not manager.writable_by(request.auth).filter(pk=instance.pk).exists():
        raise PermissionDenied(_("You may not change this record."))


def group_by_code(request, *, ward: Ward, code: str | None, field: str = "group"):
    """The residential group of `ward` with this code; a field error naming `field` if none."""
    code = str(code or "").strip()
    if not code:
        raise ValidationError({field: [_("This field is required.")]})
    group = ResidentialGroup.objects.visible_to(request.auth).filter(ward=ward, code=code).first()
    if group is None:
        message = _("There is no residential group with code “%(code)s” in this ward.")
        raise ValidationError({field: [message % {"code": code}]})
    return group


# --- the wards list ----------------------------------------------------------------------


class WardOut(Schema):
    code: int
    name: str
    province: str
    province_code: int

    @staticmethod
    def resolve_province(obj: Ward) -> str:
        return obj.province.name

    @staticmethod
    def resolve_province_code(obj: Ward) -> int:
        return obj.province.code


router = Router(tags=["wards"])


@router.get("/wards", response=list[WardOut], summary="Wards you can read")
@paginate(WardPagination)
def list_wards(request):
    wards = Ward.objects.select_related("province").order_by("code")
    ids = readable_ward_ids(request.auth)
    return wards if ids is None else wards.filter(id__in=ids)
