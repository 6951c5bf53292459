"""The baseline: each household in turn (most vulnerable first) to the nearest shelter that
still has room for all of it. What a person with a map would do; the optimiser is measured
against it and never returns a worse plan."""

import numpy as np

from .distances import Arcs


def greedy_assign(
    *, order: np.ndarray, arcs: Arcs, persons: np.ndarray, capacity: np.ndarray
) -> np.ndarray:
    """Shelter per household of `order` (in that order), or -1 when no shelter has room. A
    household whose candidate shelters are full looks at every shelter, nearest first."""
    room = capacity.astype(np.int64).tolist()
    ptr = arcs.ptr.tolist()
    arc_shelter = arcs.shelter.tolist()
    size = persons.tolist()
    chosen = np.full(len(order), -1, dtype=np.int64)
    free_total = sum(room)
    for position, household in enumerate(order.tolist()):
        need = size[household]
        if need > free_total:
            continue
        for arc in range(ptr[household], ptr[household + 1]):
            shelter = arc_shelter[arc]
            if room[shelter] >= need:
                break
        else:
            shelter = _nearest_with_room(arcs, household, need, room) if arcs.pruned else -1
            if shelter < 0:
                continue
        room[shelter] -= need
        free_total -= need
        chosen[position] = shelter
    return chosen


def _nearest_with_room(arcs: Arcs, household: int, need: int, room: list[int]) -> int:
    costs = arcs.cost_to_all(np.array([household]))[0]
    for shelter in np.argsort(costs, kind="stable").tolist():
        if not np.isfinite(costs[shelter]):
            return -1
        if room[shelter] >= need:
            return shelter
    return -1
