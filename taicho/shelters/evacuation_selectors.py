"""Reads of response plans and evacuations for the services and the pages.

The households a plan moves are computed here from the registries (never stored on the plan);
page reads take the user and go through `visible_to`.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import formats
from django.utils.translation import gettext as _

from taicho.community.models import CHILD_AGE, ELDERLY_AGE, Household, Resident
from taicho.community.vulnerability import (
    FLAG_LABELS,
    current_year,
    vulnerability_flags,
    vulnerable_q,
)
from taicho.core.access import grants_for
from taicho.core.models import ResidentialGroup, Ward
from taicho.core.phones import normalize_phone
from taicho.shelters.assignment import AssignmentError
from taicho.shelters.assignment.distances import haversine_m
from taicho.shelters.assignment.roads import route
from taicho.shelters.checkin import needs_display
from taicho.shelters.evacuation_models import EvacuationStatus
from taicho.shelters.models import Evacuation, EvacuationHousehold, ResponsePlan, Shelter
from taicho.shelters.roads_store import ward_road_network
from taicho.warnings.models import Alert, AlertStatus
from taicho.warnings.risk.kinds import Hazard

# One resident condition per vulnerable category (community.vulnerability.FLAG_LABELS keys).
FLAG_CONDITIONS: dict[str, Callable[[int], Q]] = {
    "elderly": lambda year: Q(birth_year__lte=year - ELDERLY_AGE),
    "child": lambda year: Q(birth_year__gt=year - CHILD_AGE),
    "is_disabled": lambda year: Q(is_disabled=True),
    "is_pregnant": lambda year: Q(is_pregnant=True),
    "is_chronically_ill": lambda year: Q(is_chronically_ill=True),
    "is_bedridden": lambda year: Q(is_bedridden=True),
}
LEVELS = (1, 2, 3, 4, 5)


def households_for_plan(*, plan: ResponsePlan) -> QuerySet[Household]:
    """The households the plan moves: those in its hazard zones, those whose housing is of the
    listed types, and those with a resident in one of the chosen vulnerable categories.

    Not scoped to a user: the services call it after checking rights; pages show counts.
    """
    ward_households = Household.objects.filter(ward_id=plan.ward_id)
    condition = Q(pk__in=[])
    zone_ids = list(plan.evacuate_zones.values_list("pk", flat=True))
    if zone_ids:
        in_zones = ward_households.filter(zone_links__zone_id__in=zone_ids).values("pk")
        condition |= Q(pk__in=in_zones)
    if plan.evacuate_housing_types:
        condition |= Q(housing_type__in=plan.evacuate_housing_types)
    flags = [flag for flag in plan.evacuate_vulnerable if flag in FLAG_CONDITIONS]
    if flags:
        year = current_year()
        resident_condition = Q(pk__in=[])
        for flag in flags:
            resident_condition |= FLAG_CONDITIONS[flag](year)
        residents = Resident.objects.filter(ward_id=plan.ward_id).filter(resident_condition)
        condition |= Q(pk__in=residents.values("household_id"))
    return ward_households.filter(condition)


@dataclass(frozen=True)
class Reach:
    """What a plan moves and where to, in numbers."""

    households: int
    persons: int
    vulnerable: int
    unlocated: int
    shelters: int
    capacity: int


def plan_reach(*, plan: ResponsePlan) -> Reach:
    households = households_for_plan(plan=plan)
    residents = Resident.objects.filter(household__in=households.values("pk")).aggregate(
        persons=Count("pk"), vulnerable=Count("pk", filter=vulnerable_q())
    )
    shelters = list(plan.shelters.all())
    return Reach(
        households=households.count(),
        persons=residents["persons"],
        vulnerable=residents["vulnerable"],
        unlocated=households.filter(Q(lat__isnull=True) | Q(lon__isnull=True)).count(),
        shelters=len(shelters),
        capacity=sum(shelter.capacity for shelter in shelters),
    )


@dataclass
class HazardRow:
    hazard: str
    label: str
    cells: list[list[ResponsePlan]]  # one list of current plans per risk level 1..5


def plan_matrix(*, user, ward: Ward) -> list[HazardRow]:
    """The ward's current plans as a table: one row per hazard that has any, one column per
    risk level."""
    plans = (
        ResponsePlan.objects.visible_to(user)
        .filter(ward=ward, is_current=True)
        .order_by("hazard_type", "level", "scenario")
    )
    rows: dict[str, HazardRow] = {}
    labels = dict(Hazard.choices)
    for plan in plans:
        row = rows.get(plan.hazard_type)
        if row is None:
            row = HazardRow(
                plan.hazard_type, str(labels.get(plan.hazard_type, "")), [[] for _ in LEVELS]
            )
            rows[plan.hazard_type] = row
        row.cells[plan.level - 1].append(plan)
    order = {value: index for index, value in enumerate(Hazard.values)}
    return sorted(rows.values(), key=lambda row: order.get(row.hazard, len(order)))


def plan_versions(*, user, plan: ResponsePlan) -> QuerySet[ResponsePlan]:
    """Every version of the plan, newest first."""
    return (
        ResponsePlan.objects.visible_to(user)
        .filter(
            ward_id=plan.ward_id,
            hazard_type=plan.hazard_type,
            level=plan.level,
            scenario=plan.scenario,
        )
        .select_related("created_by", "reviewed_by")
        .order_by("-version")
    )


def issued_alerts(*, user, ward: Ward) -> QuerySet[Alert]:
    """The ward's issued alerts an evacuation may be started from, newest first."""
    return (
        Alert.objects.visible_to(user)
        .filter(ward=ward, status=AlertStatus.ISSUED)
        .order_by("-issued_at", "-pk")
    )


# --- evacuations ------------------------------------------------------------------------------


def evacuations_for(*, user, ward: Ward, plan: ResponsePlan | None = None, limit: int = 20):
    """The ward's latest evacuations (of every version of `plan` if given), with counts."""
    evacuations = Evacuation.objects.visible_to(user).filter(ward=ward).select_related("plan")
    if plan is not None:
        evacuations = evacuations.filter(
            plan__hazard_type=plan.hazard_type, plan__level=plan.level, plan__scenario=plan.scenario
        )
    return list(
        evacuations.annotate(
            household_count=Count("households"),
            person_count=Sum("households__persons"),
            unassigned_count=Count("households", filter=Q(households__shelter__isnull=True)),
        ).order_by("-created_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class Totals:
    households: int
    persons: int
    assigned_households: int
    assigned_persons: int
    pinned: int
    unlocated: int

    @property
    def unassigned_households(self) -> int:
        return self.households - self.assigned_households

    @property
    def unassigned_persons(self) -> int:
        return self.persons - self.assigned_persons


def evacuation_totals(*, evacuation: Evacuation) -> Totals:
    """Counts over the whole list (no personal data: every reader of the evacuation sees them)."""
    assigned = Q(shelter__isnull=False)
    row = EvacuationHousehold.objects.filter(evacuation=evacuation).aggregate(
        n_households=Count("pk"),
        n_persons=Coalesce(Sum("persons"), 0),
        n_assigned_households=Count("pk", filter=assigned),
        n_assigned_persons=Coalesce(Sum("persons", filter=assigned), 0),
        n_pinned=Count("pk", filter=Q(pinned=True)),
        n_unlocated=Count(
            "pk", filter=Q(household__lat__isnull=True) | Q(household__lon__isnull=True)
        ),
    )
    row = {name.removeprefix("n_"): value for name, value in row.items()}
    return Totals(**row)


@dataclass
class ShelterLoadRow:
    shelter: Shelter
    households: int
    persons: int

    @property
    def capacity(self) -> int:
        return self.shelter.capacity

    @property
    def percent(self) -> int:
        if self.capacity <= 0:
            return 100
        return min(100, round(100 * self.persons / self.capacity))

    @property
    def full(self) -> bool:
        return self.persons >= self.capacity


def shelter_loads(*, evacuation: Evacuation) -> list[ShelterLoadRow]:
    """Expected arrivals per shelter against its capacity: the plan's shelters and any other
    one households were pinned to."""
    counts = {
        row["shelter_id"]: row
        for row in EvacuationHousehold.objects.filter(evacuation=evacuation, shelter__isnull=False)
        .values("shelter_id")
        .annotate(households=Count("pk"), n_persons=Sum("persons"))
    }
    ids = set(counts)
    if evacuation.plan_id is not None:
        ids |= set(evacuation.plan.shelters.values_list("pk", flat=True))
    shelters = Shelter.objects.filter(ward_id=evacuation.ward_id, pk__in=ids).order_by("code")
    return [
        ShelterLoadRow(
            shelter=shelter,
            households=counts.get(shelter.pk, {}).get("households", 0),
            persons=counts.get(shelter.pk, {}).get("n_persons", 0),
        )
        for shelter in shelters
    ]


@dataclass
class GroupRow:
    group: ResidentialGroup
    households: int
    persons: int
    unassigned_households: int
    unassigned_persons: int
    may_read: bool = False


def group_rows(*, user, evacuation: Evacuation) -> list[GroupRow]:
    """Per residential group: how many households and persons leave and how many have no
    shelter (the shortfall). `may_read`: the user may open the group's list."""
    unassigned = Q(shelter__isnull=True)
    counts = (
        EvacuationHousehold.objects.filter(evacuation=evacuation)
        .values("household__group_id")
        .annotate(
            n_households=Count("pk"),
            n_persons=Coalesce(Sum("persons"), 0),
            n_unassigned_households=Count("pk", filter=unassigned),
            n_unassigned_persons=Coalesce(Sum("persons", filter=unassigned), 0),
        )
    )
    by_group = {
        row.pop("household__group_id"): {
            name.removeprefix("n_"): value for name, value in row.items()
        }
        for row in counts
    }
    groups = ResidentialGroup.objects.filter(pk__in=by_group)
    rows = [GroupRow(group=group, **by_group[group.pk]) for group in groups]
    for row in rows:
        row.may_read = may_read_group(user=user, group=row.group)
    return rows


def may_read_group(*, user, group: ResidentialGroup) -> bool:
    """Whether `user` may read the households (personal data) of this residential group."""
    grants = grants_for(user, topic="people", write=False)
    if grants is None:
        return True
    return any(
        grant.ward_id == group.ward_id and (grant.group_ids is None or group.pk in grant.group_ids)
        for grant in grants
    )


def may_write_some_households(*, user, ward: Ward) -> bool:
    """Whether `user` may change households of the ward (all, or those of their groups)."""
    grants = grants_for(user, topic="people", write=True)
    return grants is None or any(grant.ward_id == ward.id for grant in grants)


def visible_rows(*, user, evacuation: Evacuation) -> QuerySet[EvacuationHousehold]:
    """The evacuation's households the user may read (personal data: scoped by group)."""
    return (
        EvacuationHousehold.objects.visible_to(user)
        .filter(ward_id=evacuation.ward_id, evacuation=evacuation)
        .select_related("household", "household__group", "shelter")
    )


@dataclass
class Member:
    name: str
    birth_year: int | None
    phone: str
    flags: list[str]  # vulnerable categories, in the reader's language


@dataclass
class ListRow:
    """One household of a group's evacuation list."""

    row: EvacuationHousehold
    members: list[Member]
    phones: list[str]

    @property
    def vulnerable(self) -> list[Member]:
        return [member for member in self.members if member.flags]

    @property
    def needs(self) -> str:
        return needs_display(self.row.needs)

    @property
    def distance_km(self) -> float | None:
        return None if self.row.distance_m is None else self.row.distance_m / 1000


def list_rows(*, rows: QuerySet[EvacuationHousehold]) -> list[ListRow]:
    """The households of `rows` (already scoped to the reader) with their members."""
    within = rows.values("household_id")
    rows = list(rows.order_by("household__group__code", "household__code"))
    residents: dict[int, list[Resident]] = {row.household_id: [] for row in rows}
    for resident in Resident.objects.filter(household_id__in=within).order_by(
        "household_id", "sort_key"
    ):
        residents[resident.household_id].append(resident)
    year = current_year()
    result = []
    for row in rows:
        members = [
            Member(
                name=resident.full_name,
                birth_year=resident.birth_year,
                phone=resident.phone,
                flags=[str(FLAG_LABELS[flag]) for flag in vulnerability_flags(resident, year=year)],
            )
            for resident in residents[row.household_id]
        ]
        phones = list(row.household.phones)
        phones += [m.phone for m in members if m.phone and m.phone not in phones]
        result.append(ListRow(row=row, members=members, phones=phones))
    return result


def group_list(*, user, evacuation: Evacuation, group: ResidentialGroup) -> list[ListRow]:
    return list_rows(
        rows=visible_rows(user=user, evacuation=evacuation).filter(household__group=group)
    )


def shelter_arrivals(*, user, evacuation: Evacuation, shelter: Shelter) -> list[ListRow]:
    return list_rows(rows=visible_rows(user=user, evacuation=evacuation).filter(shelter=shelter))


def unassigned_rows(*, user, evacuation: Evacuation) -> QuerySet[EvacuationHousehold]:
    return visible_rows(user=user, evacuation=evacuation).filter(shelter__isnull=True)


# --- the public lookup ------------------------------------------------------------------------


def public_evacuation(*, ward: Ward) -> Evacuation | None:
    """The evacuation the public page answers for: the latest one under way, else the latest
    one prepared (planned)."""
    evacuations = Evacuation.objects.filter(ward=ward)
    started = evacuations.filter(status=EvacuationStatus.STARTED).order_by("-started_at", "-pk")
    planned = evacuations.filter(status=EvacuationStatus.PLANNED).order_by("-created_at", "-pk")
    return started.first() or planned.first()


def _same_phone(stored: str, phone: str) -> bool:
    try:
        return normalize_phone(stored) == phone
    except ValidationError:
        return False


def household_for_lookup(*, ward: Ward, code: str, phone: str) -> Household | None:
    """The ward's household with this code if `phone` (normalised) is one of its numbers or
    one of its residents'; None otherwise — whether or not the code exists."""
    household = Household.objects.filter(ward=ward, code__iexact=code.strip()).first()
    if household is None:
        return None
    numbers = [*household.phones]
    numbers += (
        Resident.objects.filter(household=household)
        .exclude(phone="")
        .values_list("phone", flat=True)
    )
    return household if any(_same_phone(stored, phone) for stored in numbers) else None


def public_row(*, evacuation: Evacuation, household: Household) -> EvacuationHousehold | None:
    return (
        EvacuationHousehold.objects.filter(evacuation=evacuation, household=household)
        .select_related("shelter", "household", "household__group")
        .first()
    )


ROUTE_LINK = "https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route={route}"


# --- the orders (the hook for the dissemination capability) ---------------------------------


@dataclass(frozen=True)
class Order:
    """What one household is told: where to go, how far, the route."""

    household_id: int
    household_code: str
    phones: tuple[str, ...]  # the household's and its residents' numbers
    shelter_id: int | None
    text: str


def _distance_text(metres: int | None) -> str:
    if metres is None:
        return ""
    return _(" (about %(km)s km)") % {"km": formats.number_format(metres / 1000, 1)}


def route_link(row: EvacuationHousehold) -> str:
    """A walking route from the household to its shelter on OpenStreetMap."""
    household, shelter = row.household, row.shelter
    if shelter is None or household.lat is None or household.lon is None:
        return ""
    route = f"{household.lat:.5f},{household.lon:.5f};{shelter.lat:.5f},{shelter.lon:.5f}"
    return ROUTE_LINK.format(route=route.replace(";", "%3B"))


def order_text(row: EvacuationHousehold, *, ward: Ward) -> str:
    household, shelter = row.household, row.shelter
    if shelter is None:
        return _(
            "[%(ward)s] Evacuation order: household %(code)s must leave. Your residential group "
            "leader will tell you where to go."
        ) % {"ward": ward.name, "code": household.code}
    text = _(
        "[%(ward)s] Evacuation order: household %(code)s, go to %(shelter)s, %(address)s"
        "%(distance)s."
    ) % {
        "ward": ward.name,
        "code": household.code,
        "shelter": shelter.name,
        "address": shelter.address or _("address not recorded"),
        "distance": _distance_text(row.distance_m),
    }
    if shelter.contact_phone:
        text += " " + _("Contact: %(name)s %(phone)s.") % {
            "name": shelter.contact_name,
            "phone": shelter.contact_phone,
        }
    link = route_link(row)
    if link:
        text += " " + _("Route: %(link)s") % {"link": link}
    return " ".join(text.split())


def evacuation_orders(
    evacuation: Evacuation, *, household_ids: list[int] | None = None
) -> list[Order]:
    """The message each household of the evacuation would receive (all, or `household_ids`).

    Read by taicho.dispatch.evacuation_orders, which sends them: nothing is sent from here."""
    rows = (
        EvacuationHousehold.objects.filter(evacuation=evacuation)
        .select_related("household", "shelter", "evacuation__ward")
        .order_by("household__code")
    )
    if household_ids is not None:
        rows = rows.filter(household_id__in=household_ids)
    rows = list(rows)
    phones: dict[int, list[str]] = {row.household_id: list(row.household.phones) for row in rows}
    residents = Resident.objects.filter(
        household_id__in=EvacuationHousehold.objects.filter(evacuation=evacuation).values(
            "household_id"
        )
    ).exclude(phone="")
    for household_id, phone in residents.values_list("household_id", "phone"):
        if household_id in phones and phone not in phones[household_id]:
            phones[household_id].append(phone)
    return [
        Order(
            household_id=row.household_id,
            household_code=row.household.code,
            phones=tuple(phones[row.household_id]),
            shelter_id=row.shelter_id,
            text=order_text(row, ward=evacuation.ward),
        )
        for row in rows
    ]


# With a road network, roads in these zone kinds of the plan are taken as under water.
FLOODED_ZONE_KINDS = {
    "storm": {"inundation", "coastal"},
    "storm_surge": {"coastal", "inundation"},
    "flood": {"inundation", "riverside"},
    "heavy_rain": {"inundation"},
    "tsunami": {"coastal", "inundation"},
}


def flooded_zones(*, plan: ResponsePlan | None, roads) -> list[dict]:
    """The plan's zones whose roads are taken as under water (GeoJSON): an evacuation by road
    leaves them out, and the public lookup draws a household's route around them."""
    if roads is None or plan is None:
        return []
    kinds = FLOODED_ZONE_KINDS.get(plan.hazard_type, set())
    return [zone.geometry for zone in plan.evacuate_zones.all() if zone.kind in kinds]


def road_route(*, ward: Ward, evacuation: Evacuation, row: EvacuationHousehold) -> dict:
    """The way by road from the household to its shelter for the map (JSON of [lat, lon]
    points) and its length, or nothing when the ward has no roads or they do not join."""
    roads = ward_road_network(ward=ward)
    if roads is None:
        return {}
    household, shelter = row.household, row.shelter
    try:
        path = route(
            roads,
            start=(household.lat, household.lon),
            end=(shelter.lat, shelter.lon),
            closed=flooded_zones(plan=evacuation.plan, roads=roads),
        )
    except AssignmentError:  # a zone that is not a usable geometry: fall back to the line
        return {}
    if path is None:
        return {}
    lat, lon = np.array(path).T
    metres = float(haversine_m(lat[:-1], lon[:-1], lat[1:], lon[1:]).sum())
    points = [[round(point_lat, 6), round(point_lon, 6)] for point_lat, point_lon in path]
    return {"road_route": json.dumps(points), "road_km": metres / 1000}
