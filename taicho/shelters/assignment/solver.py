"""Assign each evacuating household, whole, to a shelter: least total distance within capacity.

The algorithm:
1. Check the input (`problem.prepare`), take the pinned households out (their persons use up
   their shelter's capacity), and build candidate arcs: every shelter when there are at most
   `all_arcs_up_to`, else each household's K nearest (straight line or by road).
2. Choose who is placed. When the capacity holds everyone, everyone. When it does not, the
   most vulnerable first: priority levels from the highest, each level solved with the ones
   already chosen kept in (a far higher penalty for leaving them out), so a level is only
   placed in the room the levels above it leave; within a level, as many persons as possible.
3. Place them: the transportation problem as a min-cost flow (OR-Tools), then every household
   made whole (`repair.py`). A household whose K nearest shelters are full gets arcs to the
   shelters that still have room, and the flow is solved again.
4. Prove how good it is: the LP optimum over the candidate arcs and a dual lower bound valid
   for every shelter (`bounds.py`) give the gap. The greedy nearest-with-room plan is computed
   too; the optimiser's plan is never worse (if it ever were, the greedy one is returned).
"""

import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from django.utils.translation import gettext as _

from .bounds import lower_bound
from .distances import Arcs, project, straight_line_arcs
from .flow import Flow, solve_flow
from .greedy import greedy_assign
from .problem import Household, Options, Prepared, Shelter, prepare
from .repair import Repair, whole_households
from .result import (
    FEASIBLE,
    NO_ROOM,
    NO_ROUTE,
    OPTIMAL,
    OPTIMAL_FOR_CANDIDATES,
    AssignmentResult,
    GroupShortfall,
    ShelterLoad,
)
from .roads import RoadNetwork, road_arcs


def candidate_arcs(
    prepared: Prepared, *, roads: RoadNetwork | None, flooded: Sequence, options: Options
) -> Arcs:
    shelters = len(prepared.shelter_ids)
    k = None if shelters <= options.all_arcs_up_to else options.candidates
    if roads is not None:
        arcs, warnings = road_arcs(
            roads,
            households=(prepared.lat, prepared.lon),
            shelters=(prepared.shelter_lat, prepared.shelter_lon),
            shelter_names=prepared.shelter_names,
            flooded=flooded,
            k=k,
            snap_limit_m=options.road_snap_limit_m,
        )
        prepared.warnings.extend(warnings)
        return arcs
    centre = prepared.centre
    return straight_line_arcs(
        project(prepared.lat, prepared.lon, centre=centre),
        project(prepared.shelter_lat, prepared.shelter_lon, centre=centre),
        k=k,
    )


class _Placer:
    """Solves the flow and repairs it for a set of households; widens arcs when needed."""

    def __init__(self, prepared: Prepared, arcs: Arcs, room: np.ndarray, options: Options):
        self.prepared = prepared
        self.arcs = arcs
        self.room = room
        self.options = options
        self.widened = np.zeros(len(prepared.persons), bool)
        # Per person: serving always beats any chain of moves (≤ shelters + 1 arcs).
        self.base_penalty = (len(room) + 2) * (arcs.max_cost + 1)
        self.must_penalty = 2 * self.base_penalty + 1

    def place(self, members: np.ndarray, penalty: np.ndarray) -> tuple[Flow, Repair]:
        persons = self.prepared.persons
        flow = None
        if (penalty == self.must_penalty).all():
            # Everyone must be placed: first without "unserved" arcs, which solves faster.
            flow = solve_flow(
                arcs=self.arcs, members=members, persons=persons, capacity=self.room, penalty=None
            )
        if flow is None:
            flow = solve_flow(
                arcs=self.arcs,
                members=members,
                persons=persons,
                capacity=self.room,
                penalty=penalty,
            )
        if self._widen(flow):
            flow = solve_flow(
                arcs=self.arcs,
                members=members,
                persons=persons,
                capacity=self.room,
                penalty=penalty,
            )
        exact = int(self.arcs.counts[members].sum()) <= self.options.exact_up_to
        repair = whole_households(
            flow=flow,
            persons=persons,
            capacity=self.room,
            penalty=penalty,
            arcs=self.arcs,
            exact=exact,
            time_limit_s=self.options.time_limit_s if exact else self.options.repair_time_s,
        )
        if repair.arcs is not None:
            self.arcs = repair.arcs
        return flow, repair

    def _widen(self, flow: Flow) -> bool:
        """Give households left (partly) out arcs to every shelter that still has room."""
        if not self.arcs.pruned:
            return False
        load = np.bincount(flow.shelter, weights=flow.flow, minlength=len(self.room))
        spare = np.flatnonzero(self.room - load > 0)
        short = flow.members[(flow.unserved > 0) & ~self.widened[flow.members]]
        if not len(spare) or not len(short):
            return False
        before = len(self.arcs.shelter)
        self.arcs = self.arcs.add(short, [spare] * len(short))
        self.widened[short] = True
        return len(self.arcs.shelter) > before

    def choose_by_priority(self, members: np.ndarray) -> np.ndarray:
        """The households placed when the capacity cannot hold all: level by level."""
        persons = self.prepared.persons
        room_total = int(self.room.sum())
        priority = self.prepared.priority[members]
        tiers = [members[priority == level] for level in np.unique(priority)[::-1]]
        # The top levels that fit together are tried in one round; if some are left out
        # (candidate arcs, whole households), they are redone one level at a time.
        top, fitting = 0, 0
        while top < len(tiers) and fitting + persons[tiers[top]].sum() <= room_total:
            fitting += int(persons[tiers[top]].sum())
            top += 1
        rounds = ([tiers[:top]] if top else []) + [[tier] for tier in tiers[top:]]
        chosen = np.zeros(0, dtype=np.int64)
        while rounds:
            group = rounds.pop(0)
            candidates = np.concatenate(group)
            if room_total - persons[chosen].sum() < persons[candidates].min():
                continue
            round_members = np.concatenate([chosen, candidates])
            penalty = np.concatenate(
                [
                    np.full(len(chosen), self.must_penalty, dtype=np.int64),
                    np.full(len(candidates), self.base_penalty, dtype=np.int64),
                ]
            )
            _flow, repair = self.place(round_members, penalty)
            placed = repair.shelter >= 0
            if len(group) > 1 and not placed[len(chosen) :].all():
                rounds = [[tier] for tier in group] + rounds
                continue
            chosen = round_members[placed]
        return np.sort(chosen)


def _arc_costs(arcs: Arcs, households: np.ndarray, shelters: np.ndarray) -> np.ndarray:
    """Cost of each (household, shelter) pair; -1 when unreachable."""
    costs = np.full(len(households), -1, dtype=np.int64)
    if not len(households):
        return costs
    arc_index, owner = arcs.rows(households)
    match = arcs.shelter[arc_index] == shelters[owner]
    costs[owner[match]] = arcs.cost[arc_index[match]]
    missing = np.flatnonzero(costs < 0)
    if len(missing):
        full = arcs.cost_to_all(households[missing])[np.arange(len(missing)), shelters[missing]]
        costs[missing] = np.where(np.isfinite(full), np.rint(np.nan_to_num(full)), -1)
    return costs


def _status(total: int, bound: int, repair: Repair, pruned: bool, used_greedy: bool) -> str:
    if (repair.shelter < 0).any():  # someone the flow placed was left out when made whole
        return FEASIBLE
    if total <= bound:
        return OPTIMAL
    if used_greedy or not repair.proven:
        return FEASIBLE
    return OPTIMAL_FOR_CANDIDATES if pruned else OPTIMAL


def assign_households(
    *,
    households: Iterable[Household],
    shelters: Iterable[Shelter],
    pins: Mapping | None = None,
    roads: RoadNetwork | None = None,
    flooded: Sequence = (),
    options: Options | None = None,
) -> AssignmentResult:
    """The plan: see the module's docstring. Raises AssignmentError on bad input."""
    options = options or Options()
    started = time.perf_counter()
    timings: dict[str, float] = {}
    prepared = prepare(households=households, shelters=shelters, pins=pins)
    timings["check"] = time.perf_counter() - started
    lap = time.perf_counter()
    arcs = candidate_arcs(prepared, roads=roads, flooded=flooded, options=options)
    timings["distances"] = time.perf_counter() - lap

    persons = prepared.persons
    household_count, shelter_count = len(persons), len(prepared.shelter_ids)
    shelter_of = prepared.pinned.copy()
    pinned = shelter_of >= 0
    pinned_load = np.bincount(shelter_of[pinned], weights=persons[pinned], minlength=shelter_count)
    room = prepared.capacity - pinned_load.astype(np.int64)
    reasons = [""] * household_count
    reachable = arcs.counts > 0
    for index in np.flatnonzero(~pinned & ~reachable):
        reasons[index] = NO_ROUTE
    members = np.flatnonzero(~pinned & reachable)

    lap = time.perf_counter()
    placer = _Placer(prepared, arcs, room, options)
    if int(persons[members].sum()) > int(room.sum()):
        members = placer.choose_by_priority(members)
    for index in np.setdiff1d(np.flatnonzero(~pinned & reachable), members):
        reasons[index] = NO_ROOM
    flow, repair = placer.place(members, np.full(len(members), placer.must_penalty, np.int64))
    arcs = placer.arcs
    shelter_of[members] = repair.shelter
    for index in members[repair.shelter < 0]:
        reasons[index] = NO_ROOM
    timings["solve"] = time.perf_counter() - lap

    lap = time.perf_counter()
    pinned_costs = _arc_costs(arcs, np.flatnonzero(pinned), shelter_of[pinned])
    pinned_total = int(persons[pinned] @ np.maximum(pinned_costs, 0))
    bound = pinned_total + lower_bound(flow=flow, arcs=arcs, persons=persons, capacity=room)
    lp_bound = pinned_total + flow.distance
    if not arcs.pruned:
        bound = max(bound, lp_bound)
    timings["bound"] = time.perf_counter() - lap

    lap = time.perf_counter()
    order = members[np.lexsort((members, -prepared.priority[members]))]
    greedy = greedy_assign(order=order, arcs=arcs, persons=persons, capacity=room)
    greedy_costs = _arc_costs(arcs, order[greedy >= 0], greedy[greedy >= 0])
    greedy_total = pinned_total + int(persons[order[greedy >= 0]] @ greedy_costs)
    greedy_unplaced = int((greedy < 0).sum())
    timings["greedy"] = time.perf_counter() - lap

    distance = np.full(household_count, -1, dtype=np.int64)
    placed = shelter_of >= 0
    distance[placed] = _arc_costs(arcs, np.flatnonzero(placed), shelter_of[placed])
    total = int(persons[placed] @ np.maximum(distance[placed], 0))
    served_by_optimiser = int((shelter_of[members] >= 0).sum())
    used_greedy = greedy_unplaced == 0 and served_by_optimiser == len(members)
    used_greedy = used_greedy and greedy_total < total
    if used_greedy:
        shelter_of[order] = greedy
        distance[order] = _arc_costs(arcs, order, greedy)
        total = greedy_total
    timings["total"] = time.perf_counter() - started

    for index in np.flatnonzero(pinned & (distance < 0)):
        prepared.warnings.append(
            _(
                "Household “%(household)s” is pinned to shelter “%(shelter)s”, which it "
                "cannot reach by road."
            )
            % {
                "household": prepared.household_names[index],
                "shelter": prepared.shelter_names[shelter_of[index]],
            }
        )
    return _result(
        prepared=prepared,
        arcs=arcs,
        shelter_of=shelter_of,
        distance=distance,
        reasons=[reason if shelter_of[i] < 0 else "" for i, reason in enumerate(reasons)],
        total=total,
        lp_bound=lp_bound,
        bound=bound,
        status=_status(total, bound, repair, arcs.pruned, used_greedy),
        options=options,
        split=repair.split,
        greedy=(greedy_total, greedy_unplaced),
        timings=timings,
    )


def _result(
    *,
    prepared: Prepared,
    arcs: Arcs,
    shelter_of: np.ndarray,
    distance: np.ndarray,
    reasons: list[str],
    total: int,
    lp_bound: int,
    bound: int,
    status: str,
    options: Options,
    split: int,
    greedy: tuple[int, int],
    timings: dict[str, float],
) -> AssignmentResult:
    persons = prepared.persons
    shelter_count = len(prepared.shelter_ids)
    placed = shelter_of >= 0
    load = np.bincount(shelter_of[placed], weights=persons[placed], minlength=shelter_count)
    households_at = np.bincount(shelter_of[placed], minlength=shelter_count)
    pinned = prepared.pinned >= 0
    pinned_load = np.bincount(
        prepared.pinned[pinned], weights=persons[pinned], minlength=shelter_count
    )
    shelters = [
        ShelterLoad(
            shelter_id=prepared.shelter_ids[s],
            name=prepared.shelter_names[s],
            capacity=int(prepared.capacity[s]),
            persons=int(load[s]),
            households=int(households_at[s]),
            pinned_persons=int(pinned_load[s]),
        )
        for s in range(shelter_count)
    ]
    short_households: Counter = Counter()
    short_persons: Counter = Counter()
    for index in np.flatnonzero(~placed):
        short_households[prepared.groups[index]] += 1
        short_persons[prepared.groups[index]] += int(persons[index])
    unassigned = [
        GroupShortfall(group=group, households=count, persons=short_persons[group])
        for group, count in sorted(short_households.items())
    ]
    warnings = list(prepared.warnings)
    no_route = np.array([reason == NO_ROUTE for reason in reasons], dtype=bool)
    if no_route.any():
        warnings.append(
            _("%(households)d households (%(persons)d persons) cannot reach any shelter by road.")
            % {"households": int(no_route.sum()), "persons": int(persons[no_route].sum())}
        )
    if unassigned:
        warnings.append(
            _("%(persons)d persons in %(households)d households have no place in a shelter.")
            % {"persons": int(persons[~placed].sum()), "households": int((~placed).sum())}
        )
    shelters_total = len(prepared.shelter_ids)
    return AssignmentResult(
        household_ids=prepared.household_ids,
        shelter_ids=prepared.shelter_ids,
        shelter_index=shelter_of,
        distance_m=distance,
        pinned=pinned,
        reasons=reasons,
        shelters=shelters,
        unassigned_by_group=unassigned,
        persons_total=int(persons.sum()),
        persons_assigned=int(persons[placed].sum()),
        total_distance_m=total,
        lp_bound_m=lp_bound,
        lower_bound_m=bound,
        status=status,
        metric=arcs.metric,
        candidates=None if shelters_total <= options.all_arcs_up_to else options.candidates,
        split_households=split,
        greedy_distance_m=greedy[0],
        greedy_unplaced=greedy[1],
        warnings=warnings,
        timings=timings,
    )
