"""A lower bound on the total distance that holds for *every* shelter, not only the candidates.

LP duality for the transportation problem: for any shelter prices λ ≥ 0,

    Σ_h persons_h · min_s (d_hs + λ_s)  −  Σ_s capacity_s · λ_s

is ≤ the least total distance (whole households or not), the minimum taken over *every*
shelter, candidate or not (computed in chunks when the arcs were pruned). Any λ gives a valid
bound; good prices make it tight. The prices are read off the optimal flow: λ_s is what
one more place in full shelter s would save — the best chain of moves "a person at b moves to
s, someone moves into the place freed at b, …" (longest paths over the shelters, by
Bellman–Ford; zero for shelters with room). With every shelter a candidate this bound equals
the LP optimum; with K nearest it tells how much the pruning can possibly have cost.
"""

import numpy as np

from .distances import Arcs
from .flow import Flow

_CHUNK_ROWS = 10_000


def shelter_prices(flow: Flow, capacity: np.ndarray) -> np.ndarray:
    """λ per shelter (int64, ≥ 0) from an optimal flow."""
    shelter_count = len(capacity)
    load = np.bincount(flow.shelter, weights=flow.flow, minlength=shelter_count)
    full = load >= capacity
    counts = np.bincount(flow.owner, minlength=len(flow.members))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    carrying = np.flatnonzero(flow.flow > 0)
    # Every arc carrying persons (h at b) paired with every candidate arc of the same household.
    pair_counts = counts[flow.owner[carrying]]
    origin = np.repeat(carrying, pair_counts)
    offsets = np.arange(pair_counts.sum()) - np.repeat(
        np.cumsum(pair_counts) - pair_counts, pair_counts
    )
    target = starts[flow.owner[origin]] + offsets
    moves = flow.shelter[target] != flow.shelter[origin]
    origin, target = origin[moves], target[moves]
    # gain[s, b]: the best saving from moving one person now at b to s.
    gain = np.full(shelter_count * shelter_count, -np.inf)
    np.maximum.at(
        gain,
        flow.shelter[target] * shelter_count + flow.shelter[origin],
        (flow.cost[origin] - flow.cost[target]).astype(np.float64),
    )
    gain = gain.reshape(shelter_count, shelter_count)
    prices = np.zeros(shelter_count)
    for _round in range(shelter_count + 1):
        best = (gain + prices[None, :]).max(axis=1) if shelter_count else prices
        updated = np.where(full, np.maximum(best, 0.0), 0.0)
        if np.array_equal(updated, prices):
            break
        prices = updated
    return prices.astype(np.int64)


def _priced_over_all(arcs: Arcs, members: np.ndarray, prices: np.ndarray) -> np.ndarray:
    """min over *every* shelter of (d_hs + λ_s) per member, a chunk of members at a time."""
    priced = np.empty(len(members), dtype=np.int64)
    for start in range(0, len(members), _CHUNK_ROWS):
        rows = members[start : start + _CHUNK_ROWS]
        costs = arcs.cost_to_all(rows)
        costs = np.where(np.isfinite(costs), np.rint(np.nan_to_num(costs, posinf=0)), np.inf)
        priced[start : start + len(rows)] = np.min(costs + prices[None, :], axis=1)
    return priced


def lower_bound(*, flow: Flow, arcs: Arcs, persons: np.ndarray, capacity: np.ndarray) -> int:
    """A lower bound (person-metres) on the total distance of `flow.members` over every
    shelter; at least the sum of each person's distance to the nearest shelter."""
    if not len(flow.members):
        return 0
    counts = np.bincount(flow.owner, minlength=len(flow.members))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    beyond = arcs.beyond[flow.members]
    member_persons = persons[flow.members]
    nearest = np.minimum(np.minimum.reduceat(flow.cost, starts), beyond)
    plain = int(member_persons @ nearest)
    prices = shelter_prices(flow, capacity)
    if arcs.pruned:
        # The non-candidate shelters too: d + λ over every shelter (about 30 million sums
        # for 100,000 households × 300 shelters, well under a second).
        priced = _priced_over_all(arcs, flow.members, prices)
    else:
        priced = np.minimum.reduceat(flow.cost + prices[flow.shelter], starts)
    dual = int(member_persons @ priced) - int(capacity @ prices)
    return max(plain, dual)
