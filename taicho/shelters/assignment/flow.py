"""The transportation problem as a min-cost flow (OR-Tools SimpleMinCostFlow), in persons.

Network: each household node supplies its persons; an arc to each candidate shelter (capacity
= the household's persons, cost = metres per person); each shelter drains into the sink up to
its capacity; and each household has an "unserved" arc straight to the sink whose cost per
person is its penalty — so the flow is always feasible, and who is left out is decided by the
penalties (high enough that serving a person always beats any saving in distance).

This is the LP relaxation of the whole-household problem: a household may come out split
between shelters; `repair.py` makes every household whole.
"""

from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _
from ortools.graph.python import min_cost_flow

from .distances import Arcs
from .problem import AssignmentError


@dataclass
class Flow:
    members: np.ndarray  # household indices in this solve
    arc_index: np.ndarray  # the arcs (into Arcs) of the members, grouped by member
    owner: np.ndarray  # for each of those arcs, the member's position in `members`
    shelter: np.ndarray  # for each of those arcs, its shelter
    cost: np.ndarray  # for each of those arcs, metres per person
    flow: np.ndarray  # persons on each of those arcs
    unserved: np.ndarray  # persons of each member left without a shelter
    distance: int  # Σ persons × metres over the arcs (the penalties not counted)


def solve_flow(
    *,
    arcs: Arcs,
    members: np.ndarray,
    persons: np.ndarray,
    capacity: np.ndarray,
    penalty: np.ndarray | None,
) -> Flow | None:
    """The min-cost flow for `members` (household indices) with `capacity` per shelter and
    `penalty` per unserved person of each member. With `penalty` None every person must be
    placed (no "unserved" arcs, a faster solve): None when the candidate arcs cannot."""
    member_count, shelter_count = len(members), len(capacity)
    sink = member_count + shelter_count
    arc_index, owner = arcs.rows(members)
    member_persons = persons[members]
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        owner, member_count + arcs.shelter[arc_index], member_persons[owner], arcs.cost[arc_index]
    )
    solver.add_arcs_with_capacity_and_unit_cost(
        member_count + np.arange(shelter_count),
        np.full(shelter_count, sink),
        capacity,
        np.zeros(shelter_count, dtype=np.int64),
    )
    if penalty is not None:
        solver.add_arcs_with_capacity_and_unit_cost(
            np.arange(member_count), np.full(member_count, sink), member_persons, penalty
        )
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[:member_count] = member_persons
    supplies[sink] = -int(member_persons.sum())
    solver.set_nodes_supplies(np.arange(sink + 1), supplies)
    status = solver.solve()
    if penalty is None and status == solver.INFEASIBLE:
        return None
    if status != solver.OPTIMAL:
        raise AssignmentError(
            _("The optimiser could not solve the assignment (status %(status)s).")
            % {"status": getattr(status, "name", status)},
            code="solver_failed",
        )
    arc_count = len(arc_index)
    # Only arcs that exist: OR-Tools does not check the indices it is given.
    flows = solver.flows(np.arange(solver.num_arcs()))
    if penalty is None:
        flows = np.concatenate([flows, np.zeros(member_count, dtype=flows.dtype)])
    cost = arcs.cost[arc_index]
    return Flow(
        members=members,
        arc_index=arc_index,
        owner=owner,
        shelter=arcs.shelter[arc_index],
        cost=cost,
        flow=flows[:arc_count],
        unserved=flows[arc_count + shelter_count :],
        distance=int(flows[:arc_count] @ cost),
    )
