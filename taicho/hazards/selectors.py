"""Reads of hazard zones for the pages: always scoped to what the user may see."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from taicho.core.models import Ward
from taicho.hazards.models import HazardZone


def zone_rows(*, user, ward: Ward, kind: str = "") -> QuerySet[HazardZone]:
    """The ward's zones with `household_count` (households lying in each, kept by exposure)."""
    zones = HazardZone.objects.visible_to(user).filter(ward=ward)
    if kind:
        zones = zones.filter(kind=kind)
    return zones.annotate(household_count=Count("household_links")).order_by("code")


def zone_for(*, user, ward: Ward, pk: int) -> HazardZone | None:
    """One zone of the ward with its `household_count`, or None if the user may not see it."""
    return (
        HazardZone.objects.visible_to(user)
        .filter(ward=ward, pk=pk)
        .select_related("reviewed_by")
        .annotate(household_count=Count("household_links"))
        .first()
    )


def reviewer_choices(*, ward: Ward, current_id: int | None = None):
    """People of the ward who may be named as a zone's reviewer (and the current one)."""
    condition = Q(memberships__ward=ward, is_active=True)
    if current_id is not None:
        condition |= Q(pk=current_id)
    people = get_user_model().objects.filter(condition).distinct()
    return people.order_by("first_name", "last_name", "username")
