"""After the repair: bring households that the repair sent far back nearer, by ejection.

Making the split households whole can send one of them far away: the two shelters it was
split between are full, and neither holds all of it. Often a small household in one of them
can step to a nearby shelter with room, and the large one then fits. For each such household
(furthest from its LP cost first), this tries its nearer candidate shelters in order: move in
directly if there is room, else move out the one household there whose move costs least and
frees enough room; a move is kept only if the total distance goes down. Capacity is respected
at every step, and households stay whole.
"""

import numpy as np

from .distances import Arcs

_WIDTH = 64  # candidate shelters looked at per household
_FAR = 2**40  # the cost of a padding column


class _Table:
    """The members' candidate shelters and costs as padded (members × width) matrices."""

    def __init__(self, arcs: Arcs, members: np.ndarray):
        arc_index, owner = arcs.rows(members)
        counts = np.bincount(owner, minlength=len(members))
        width = max(1, min(_WIDTH, int(counts.max()) if len(counts) else 1))
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        column = np.arange(len(arc_index)) - starts[owner]
        keep = column < width
        self.shelter = np.full((len(members), width), -1, dtype=np.int64)
        self.cost = np.full((len(members), width), _FAR, dtype=np.int64)
        self.shelter[owner[keep], column[keep]] = arcs.shelter[arc_index[keep]]
        self.cost[owner[keep], column[keep]] = arcs.cost[arc_index[keep]]


def improve_by_ejection(
    *,
    members: np.ndarray,
    shelter: np.ndarray,
    arcs: Arcs,
    persons: np.ndarray,
    capacity: np.ndarray,
    penalty: np.ndarray,
    focus: np.ndarray,
) -> np.ndarray:
    """A better `shelter` (per member, -1 = left out) for the member positions in `focus`."""
    if not len(focus):
        return shelter
    shelter = shelter.copy()
    size = persons[members]
    table = _Table(arcs, members)
    rows = np.arange(len(members))
    placed = shelter >= 0
    load = np.bincount(shelter[placed], weights=size[placed], minlength=len(capacity))
    room = (capacity - load).astype(np.int64)

    def cost_of(position: int) -> int:
        if shelter[position] < 0:
            return int(penalty[position])
        column = np.flatnonzero(table.shelter[position] == shelter[position])
        return int(table.cost[position, column[0]]) if len(column) else int(penalty[position])

    regret = np.array([cost_of(int(p)) - table.cost[p, 0] for p in focus]) * size[focus]
    for position in focus[np.argsort(-regret, kind="stable")].tolist():
        current = cost_of(position)
        need = int(size[position])
        for column in range(table.shelter.shape[1]):
            target, cost = int(table.shelter[position, column]), int(table.cost[position, column])
            if target < 0 or cost >= current:
                break
            if target == shelter[position]:
                continue
            gain = need * (current - cost)
            if room[target] >= need:
                _move(shelter, room, size, position, target)
                break
            ejected = _cheapest_ejection(
                table, shelter, room, size, rows, target, position, need - int(room[target])
            )
            if ejected is not None and ejected[2] < gain:
                other, destination, _cost = ejected
                _move(shelter, room, size, other, destination)
                _move(shelter, room, size, position, target)
                break
    return shelter


def _move(shelter, room, size, position: int, target: int) -> None:
    if shelter[position] >= 0:
        room[shelter[position]] += size[position]
    room[target] -= size[position]
    shelter[position] = target


def _cheapest_ejection(table: _Table, shelter, room, size, rows, target, mover, missing):
    """(member, its new shelter, added cost) of the cheapest single move out of `target`
    that frees at least `missing` places, or None. The mover's own place counts as free."""
    there = rows[(shelter == target) & (size >= missing)]
    there = there[there != mover]
    if not len(there):
        return None
    there = there[(table.shelter[there] == target).any(axis=1)]  # its cost there is known
    if not len(there):
        return None
    room_after = room.copy()
    if shelter[mover] >= 0:
        room_after[shelter[mover]] += size[mover]
    options = table.shelter[there]
    here = np.take_along_axis(table.cost[there], np.argmax(options == target, axis=1)[:, None], 1)
    fits = (options >= 0) & (options != target)
    fits &= room_after[np.maximum(options, 0)] >= size[there][:, None]
    added = np.where(
        fits, (table.cost[there] - here) * size[there][:, None], np.iinfo(np.int64).max
    )
    best = np.unravel_index(np.argmin(added), added.shape)
    if added[best] == np.iinfo(np.int64).max:
        return None
    return int(there[best[0]]), int(options[best]), int(added[best])
