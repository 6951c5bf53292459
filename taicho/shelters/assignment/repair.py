"""Households whole: turn the min-cost flow (the LP relaxation) into one shelter per household.

A basic optimal solution of a transportation problem splits at most (shelters − 1)
households between shelters; OR-Tools' flow splits about that many (36 of 10,000 households
over 50 shelters, 277 of 100,000 over 300 in the benchmark). Every other household sits wholly
in one shelter and keeps it. The split ones (and those the flow served only in part) are
placed whole by a MIP (SciPy's HiGHS, `scipy.optimize.milp`, stopped within 0.1 % of its own
optimum) over all their candidate shelters, in the room the others leave, with the same
penalty for leaving a household out; then `improve.py` brings back nearer any that this sent
far, by moving one small household aside. A household still without a place (all its
candidates full) gets a second MIP that also frees the households placed in its candidate
shelters (and in theirs, within a budget), so swaps can make room; failing that, every
shelter becomes its candidate, directly or by moving one household aside.
Small problems (up to `Options.exact_up_to` arcs) are instead solved by one exact MIP over
every household: the whole-household optimum.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from .distances import Arcs
from .flow import Flow
from .improve import improve_by_ejection

_LEFT_OUT = -1  # the "shelter" of a household's left-out option
# The repair MIPs of large problems stop within this relative gap of their own optimum:
# proving the last few metres of a few hundred households costs seconds and changes the plan's
# total by far less than its gap to the LP, which is reported.
_GAP = 1e-3
_NEIGHBOURHOOD_ARCS = 1_500  # arcs the MIP for stranded households may free besides theirs


@dataclass
class Repair:
    shelter: np.ndarray  # per member: its shelter, or -1
    split: int  # members the flow split or served in part
    proven: bool  # the plan is optimal for the candidate arcs (whole households)
    arcs: Arcs | None = None  # the arcs widened for households no candidate could hold


@dataclass
class _Choices:
    """Every option of the freed members: their candidate arcs, and "left out"."""

    owner: np.ndarray  # member position
    shelter: np.ndarray
    cost: np.ndarray  # per person: metres, or the penalty


def _choices(arcs: Arcs, members: np.ndarray, free: np.ndarray, penalty: np.ndarray):
    positions = np.flatnonzero(free)
    arc_index, owner = arcs.rows(members[positions])
    return _Choices(
        owner=np.concatenate([positions[owner], positions]),
        shelter=np.concatenate([arcs.shelter[arc_index], np.full(len(positions), _LEFT_OUT)]),
        cost=np.concatenate([arcs.cost[arc_index], penalty[positions]]).astype(np.int64),
    )


def _solve_mip(
    choices: _Choices, size: np.ndarray, room: np.ndarray, limit: float, gap: float = 0.0
):
    """One choice per member within `room`, least cost to within a relative `gap`: (picked
    choices or None, proven optimal?)."""
    count = len(choices.owner)
    owners, row = np.unique(choices.owner, return_inverse=True)
    persons = size[choices.owner]
    sheltered = np.flatnonzero((choices.shelter != _LEFT_OUT) & (persons <= room[choices.shelter]))
    used, shelter_row = np.unique(choices.shelter[sheltered], return_inverse=True)
    offered = np.zeros(count)
    offered[sheltered] = 1
    offered[choices.shelter == _LEFT_OUT] = 1
    result = milp(
        (persons * choices.cost).astype(np.float64),
        integrality=np.ones(count),
        bounds=Bounds(0, offered),
        constraints=[
            LinearConstraint(
                csr_array((np.ones(count), (row, np.arange(count))), shape=(len(owners), count)),
                1,
                1,
            ),
            LinearConstraint(
                csr_array(
                    (persons[sheltered].astype(np.float64), (shelter_row, sheltered)),
                    shape=(len(used), count),
                ),
                -np.inf,
                room[used].astype(np.float64),
            ),
        ],
        options={"time_limit": limit, "mip_rel_gap": gap, "disp": False},
    )
    if result.x is None:
        return None, False
    proven = result.status == 0 and (result.mip_gap or 0.0) == 0.0
    return np.flatnonzero(result.x > 0.5), proven


def _greedy_fill(choices: _Choices, size: np.ndarray, room: np.ndarray) -> np.ndarray:
    """Cheapest choice with room per member, for when the MIP finds no plan in its time."""
    room = room.copy()
    picked, done = [], set()
    for choice in np.lexsort((choices.cost, choices.owner)).tolist():
        owner, shelter = int(choices.owner[choice]), int(choices.shelter[choice])
        if owner in done or (shelter != _LEFT_OUT and room[shelter] < size[owner]):
            continue
        if shelter != _LEFT_OUT:
            room[shelter] -= size[owner]
        picked.append(choice)
        done.add(owner)
    return np.array(picked, dtype=np.int64)


def whole_households(
    *,
    flow: Flow,
    arcs: Arcs,
    persons: np.ndarray,
    capacity: np.ndarray,
    penalty: np.ndarray,
    exact: bool,
    time_limit_s: float,
) -> Repair:
    """One shelter (or none) per member of `flow`, every household whole. `penalty` is per
    person of each member; `exact` re-solves every member in one MIP."""
    members = flow.members
    size = persons[members]
    carrying = flow.flow > 0
    arcs_used = np.bincount(flow.owner[carrying], minlength=len(members))
    whole = (arcs_used == 1) & (flow.unserved == 0)
    left_out = (arcs_used == 0) & (flow.unserved == size)
    split = ~(whole | left_out)
    shelter = np.full(len(members), _LEFT_OUT, dtype=np.int64)
    full_arc = carrying & whole[flow.owner]
    shelter[flow.owner[full_arc]] = flow.shelter[full_arc]
    if not split.any():
        return Repair(shelter=shelter, split=0, proven=True)

    free = np.ones(len(members), bool) if exact else split.copy()
    gap = 0.0 if exact else _GAP
    optimal = _place(shelter, free, arcs, members, size, capacity, penalty, time_limit_s, gap)
    if exact:
        return Repair(shelter=shelter, split=int(split.sum()), proven=optimal)
    shelter = improve_by_ejection(
        members=members,
        shelter=shelter,
        arcs=arcs,
        persons=persons,
        capacity=capacity,
        penalty=penalty,
        focus=np.flatnonzero(split),
    )
    # Households the flow placed but the repair has not: their candidates are full.
    stranded = (shelter == _LEFT_OUT) & ~left_out
    if stranded.any():
        # Every candidate of theirs is full: free the households placed there as well (and
        # those in their candidates, and so on, within a budget), so swaps can make room.
        free = stranded | _neighbourhood(members, shelter, stranded, arcs)
        _place(shelter, free, arcs, members, size, capacity, penalty, time_limit_s)
        stranded = (shelter == _LEFT_OUT) & ~left_out
    if stranded.any():
        # Still none: every shelter, however far, directly or by moving one household aside.
        who = np.flatnonzero(stranded)
        arcs = arcs.add(members[who], [np.arange(len(capacity))] * len(who))
        _place(shelter, stranded, arcs, members, size, capacity, penalty, time_limit_s)
        shelter = improve_by_ejection(
            members=members,
            shelter=shelter,
            arcs=arcs,
            persons=persons,
            capacity=capacity,
            penalty=penalty,
            focus=np.flatnonzero(stranded & (shelter == _LEFT_OUT)),
        )
    return Repair(shelter=shelter, split=int(split.sum()), proven=False, arcs=arcs)


def _place(shelter, free, arcs, members, size, capacity, penalty, time_limit_s, gap=_GAP):
    """Place the `free` members (in place, in `shelter`) by the MIP; True if proven optimal."""
    shelter[free] = _LEFT_OUT
    placed = shelter != _LEFT_OUT
    load = np.bincount(shelter[placed], weights=size[placed], minlength=len(capacity))
    room = (capacity - load).astype(np.int64)
    choices = _choices(arcs, members, free, penalty)
    picked, optimal = _solve_mip(choices, size, room, time_limit_s, gap)
    if picked is None:
        picked = _greedy_fill(choices, size, room)
    shelter[choices.owner[picked]] = choices.shelter[picked]
    return optimal


def _neighbourhood(members, shelter, stranded, arcs: Arcs) -> np.ndarray:
    """The members placed in the candidate shelters of the stranded ones, then in the
    candidate shelters of those, and so on (breadth first, nearest first), up to a budget of
    arcs so the MIP stays small."""
    more = np.zeros(len(members), bool)
    counts = arcs.counts[members]
    budget = _NEIGHBOURHOOD_ARCS
    seen: set[int] = set()
    wave = stranded
    while wave.any():
        arc_index, _owner = arcs.rows(members[wave])
        order = np.argsort(arcs.cost[arc_index], kind="stable")
        wave = np.zeros(len(members), bool)
        for target in dict.fromkeys(arcs.shelter[arc_index][order].tolist()):
            if target in seen:
                continue
            seen.add(target)
            there = (shelter == target) & ~more
            cost = int(counts[there].sum())
            if cost > budget:
                return more
            more |= there
            wave |= there
            budget -= cost
    return more
