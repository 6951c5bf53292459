"""Counts of households, residents and vulnerable residents per hazard zone and per group."""

from dataclasses import dataclass

from django.db.models import Count, Q

from taicho.community.models import Household, Resident
from taicho.community.vulnerability import vulnerable_q
from taicho.core.models import ResidentialGroup
from taicho.hazards.models import HazardZone


@dataclass(frozen=True)
class Counts:
    households: int = 0
    residents: int = 0
    vulnerable: int = 0


def counts_by_zone(*, ward_id: int) -> dict[int, Counts]:
    """{zone id: counts of the households lying in it}."""
    households = dict(
        HazardZone.objects.filter(ward_id=ward_id)
        .annotate(n=Count("household_links"))
        .values_list("id", "n")
    )
    residents = (
        Resident.objects.filter(ward_id=ward_id, household__zone_links__isnull=False)
        .values("household__zone_links__zone_id")
        .annotate(n=Count("id"), v=Count("id", filter=vulnerable_q()))
    )
    per_zone = {row["household__zone_links__zone_id"]: row for row in residents}
    return {
        zone_id: Counts(
            households=n,
            residents=per_zone.get(zone_id, {}).get("n", 0),
            vulnerable=per_zone.get(zone_id, {}).get("v", 0),
        )
        for zone_id, n in households.items()
    }


def counts_by_group(*, ward_id: int) -> dict[int, Counts]:
    """{residential group id: counts of its households}."""
    households = dict(
        ResidentialGroup.objects.filter(ward_id=ward_id)
        .annotate(n=Count("households"))
        .values_list("id", "n")
    )
    residents = (
        Resident.objects.filter(ward_id=ward_id)
        .values("household__group_id")
        .annotate(n=Count("id"), v=Count("id", filter=vulnerable_q()))
    )
    per_group = {row["household__group_id"]: row for row in residents}
    return {
        group_id: Counts(
            households=n,
            residents=per_group.get(group_id, {}).get("n", 0),
            vulnerable=per_group.get(group_id, {}).get("v", 0),
        )
        for group_id, n in households.items()
    }


def vulnerable_household_ids(*, ward_id: int) -> set[int]:
    """Households with at least one vulnerable resident, or poor / near-poor."""
    with_vulnerable = Household.objects.filter(ward_id=ward_id).filter(
        Q(residents__in=Resident.objects.filter(vulnerable_q())) | ~Q(poverty="")
    )
    return set(with_vulnerable.values_list("id", flat=True).distinct())
