"""Reads of households and residents for the pages: always scoped to what the user may see."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from taicho.community.models import Household, Resident
from taicho.community.vulnerability import FLAG_LABELS, vulnerability_flags, vulnerable_q
from taicho.core.access import grants_for
from taicho.core.models import AuditEntry, ResidentialGroup, Ward
from taicho.core.vietnamese import fold

PEOPLE = Household.scope_topic


def can_read_people(*, user, ward: Ward) -> bool:
    """Whether `user` may see any household of `ward` (shock force members may not)."""
    grants = grants_for(user, topic=PEOPLE, write=False)
    return grants is None or any(grant.ward_id == ward.id for grant in grants)


def people_groups(*, user, ward: Ward, write: bool) -> QuerySet[ResidentialGroup]:
    """The groups of `ward` whose households `user` may read (or write): a leader's own."""
    groups = ResidentialGroup.objects.filter(ward=ward)
    grants = grants_for(user, topic=PEOPLE, write=write)
    if grants is None:
        return groups
    condition = Q(pk__in=[])
    for grant in grants:
        if grant.ward_id != ward.id:
            continue
        if grant.group_ids is None:
            return groups
        condition |= Q(id__in=grant.group_ids)
    return groups.filter(condition)


def household_rows(
    *,
    user,
    ward: Ward,
    query: str = "",
    group: ResidentialGroup | None = None,
    housing_type: str = "",
    vulnerable_only: bool = False,
) -> QuerySet[Household]:
    """Households for the list page, with `resident_count` and `vulnerable_count`.

    The search ignores diacritics and case: “duc” finds “Nguyễn Văn Đức”, by household code,
    address or the name of any resident. “Vulnerable only” keeps households with a vulnerable
    resident or that are poor / near-poor (the glossary's definition).
    """
    households = Household.objects.visible_to(user).filter(ward=ward).select_related("group")
    folded = fold(query or "")
    if folded:
        named = Resident.objects.filter(household=OuterRef("pk"), search_name__contains=folded)
        households = households.filter(Q(search_text__contains=folded) | Exists(named))
    if group is not None:
        households = households.filter(group=group)
    if housing_type:
        households = households.filter(housing_type=housing_type)
    if vulnerable_only:
        vulnerable = Resident.objects.filter(vulnerable_q(), household=OuterRef("pk"))
        households = households.filter(Exists(vulnerable) | ~Q(poverty=""))
    return households.annotate(
        resident_count=Count("residents"),
        vulnerable_count=Count("residents", filter=vulnerable_q(prefix="residents__")),
    ).order_by("code", "pk")


def residents_with_flags(*, household: Household) -> list[tuple[Resident, list[str]]]:
    """The residents by given name (Vietnamese order), each with its vulnerability labels."""
    residents = household.residents.order_by("sort_key", "pk")
    return [
        (resident, [str(FLAG_LABELS[flag]) for flag in vulnerability_flags(resident)])
        for resident in residents
    ]


def household_zones(*, household: Household) -> list:
    """The hazard zones a household lies in (links kept by the exposure app)."""
    links = household.zone_links.select_related("zone").order_by("zone__code")
    return [link.zone for link in links]


def household_history(*, household: Household) -> QuerySet[AuditEntry]:
    """The household's audit entries and those of its current residents, newest first."""
    resident_ids = [str(pk) for pk in household.residents.values_list("pk", flat=True)]
    return AuditEntry.objects.filter(
        Q(object_type=Household._meta.label_lower, object_id=str(household.pk))
        | Q(object_type=Resident._meta.label_lower, object_id__in=resident_ids),
        ward_id=household.ward_id,
    ).select_related("actor")


def group_rows(*, user, ward: Ward) -> QuerySet[ResidentialGroup]:
    """The ward's residential groups with `household_count`."""
    return (
        ResidentialGroup.objects.visible_to(user)
        .filter(ward=ward)
        .annotate(household_count=Count("households"))
        .order_by("code")
    )
