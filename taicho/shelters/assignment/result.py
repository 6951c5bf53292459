"""What the assignment engine answers: per household, per shelter, per residential group, and
how good the plan is proven to be.

Distances are whole metres; totals are person-metres (each person's distance, summed), the
quantity the optimiser minimises. `lower_bound_m` holds for every shelter (not only the
candidate arcs); `lp_bound_m` is the LP optimum over the candidate arcs. In a shortage, both
refer to the households that were placed.
"""

from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field

import numpy as np

# Why a household has no shelter.
NO_ROOM = "no_room"  # capacity ran short and households of higher priority came first
NO_ROUTE = "no_route"  # no shelter can be reached by road (flooded or disconnected roads)

# How good the plan is.
OPTIMAL = "optimal"  # proven least total distance over every shelter
OPTIMAL_FOR_CANDIDATES = "optimal_for_candidates"  # proven least over the candidate arcs
FEASIBLE = "feasible"  # valid plan; see gap


@dataclass(frozen=True)
class Placement:
    household_id: Hashable
    shelter_id: Hashable | None
    distance_m: int | None
    pinned: bool
    reason: str  # "" when placed, else NO_ROOM or NO_ROUTE


@dataclass(frozen=True)
class ShelterLoad:
    shelter_id: Hashable
    name: str
    capacity: int
    persons: int
    households: int
    pinned_persons: int


@dataclass(frozen=True)
class GroupShortfall:
    group: str
    households: int
    persons: int


@dataclass
class AssignmentResult:
    household_ids: list
    shelter_ids: list  # the usable shelters; `shelter_index` points into this list
    shelter_index: np.ndarray  # per household, -1 when not placed
    distance_m: np.ndarray  # per household, -1 when not placed or not reachable
    pinned: np.ndarray  # per household, bool
    reasons: list[str]  # per household
    shelters: list[ShelterLoad]
    unassigned_by_group: list[GroupShortfall]
    persons_total: int
    persons_assigned: int
    total_distance_m: int  # person-metres
    lp_bound_m: int
    lower_bound_m: int
    status: str
    metric: str  # "straight_line" or "road"
    candidates: int | None  # shelters per household considered; None = every shelter
    split_households: int  # split by the LP and made whole by the repair
    greedy_distance_m: int | None  # the baseline, over the same households
    greedy_unplaced: int
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def gap(self) -> float:
        """(total − lower bound) / lower bound: how far from the best possible, at most."""
        return _relative(self.total_distance_m, self.lower_bound_m)

    @property
    def gap_to_candidate_lp(self) -> float:
        return _relative(self.total_distance_m, self.lp_bound_m)

    @property
    def persons_unassigned(self) -> int:
        return self.persons_total - self.persons_assigned

    @property
    def households_unassigned(self) -> int:
        return int((self.shelter_index < 0).sum())

    @property
    def mean_distance_m(self) -> float:
        return self.total_distance_m / self.persons_assigned if self.persons_assigned else 0.0

    def placements(self) -> Iterator[Placement]:
        for index, household_id in enumerate(self.household_ids):
            shelter = int(self.shelter_index[index])
            distance = int(self.distance_m[index])
            yield Placement(
                household_id=household_id,
                shelter_id=self.shelter_ids[shelter] if shelter >= 0 else None,
                distance_m=distance if distance >= 0 else None,
                pinned=bool(self.pinned[index]),
                reason=self.reasons[index],
            )

    def by_household(self) -> dict[Hashable, Placement]:
        return {placement.household_id: placement for placement in self.placements()}


def _relative(value: int, bound: int) -> float:
    if bound <= 0:
        return 0.0 if value <= bound else float("inf")
    return (value - bound) / bound
