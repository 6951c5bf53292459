"""Candidate arcs household → shelter and their cost in whole metres.

Straight-line distance is measured on a local equirectangular projection centred on the
problem (metres east and north of the centre): within a ward or a city its error against the
great-circle distance is far below a metre per kilometre, and because the same plane is used
to pick the nearest shelters (a KD-tree) and to cost the arcs, "the K nearest" is exact in
the metric the optimiser minimises — which the lower bound relies on.

`Arcs` is the candidate graph in CSR form (one row per household, sorted by cost), with
`beyond`: for each household, a cost no arc to a non-candidate shelter can undercut (the
(K+1)-th smallest cost), or NO_LIMIT when every reachable shelter is a candidate.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

EARTH_RADIUS_M = 6_371_008.8
NO_LIMIT = np.iinfo(np.int64).max
# Rows of a dense household × shelter matrix handled at once (bounds the memory).
_CHUNK_ROWS = 20_000


def project(lat: np.ndarray, lon: np.ndarray, *, centre: tuple[float, float]) -> np.ndarray:
    """(n, 2) metres east and north of `centre` (lat, lon) on an equirectangular plane."""
    lat0, lon0 = centre
    x = np.radians(np.asarray(lon) - lon0) * EARTH_RADIUS_M * np.cos(np.radians(lat0))
    y = np.radians(np.asarray(lat) - lat0) * EARTH_RADIUS_M
    return np.column_stack([x, y])


def haversine_m(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in metres (for road segment lengths)."""
    lat1, lon1, lat2, lon2 = (
        np.radians(np.asarray(v, dtype=np.float64)) for v in (lat1, lon1, lat2, lon2)
    )
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


# Costs to every shelter for some households: (len(rows), S) float metres, inf = unreachable.
CostToAll = Callable[[np.ndarray], np.ndarray]


@dataclass
class Arcs:
    ptr: np.ndarray  # (H + 1,) row starts
    shelter: np.ndarray  # (A,) shelter index of each arc
    cost: np.ndarray  # (A,) int64 metres
    beyond: np.ndarray  # (H,) int64 lower limit on any non-candidate arc, or NO_LIMIT
    pruned: bool  # some reachable shelters are not candidates of some household
    cost_to_all: CostToAll
    metric: str  # "straight_line" or "road"
    shelters: int  # how many shelters there are (columns of cost_to_all)
    max_cost: int  # no finite arc, candidate or not, costs more

    @property
    def counts(self) -> np.ndarray:
        return np.diff(self.ptr)

    def rows(self, households: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The arc indices of these households, and for each arc its position in `households`."""
        starts = self.ptr[households]
        counts = self.ptr[households + 1] - starts
        owner = np.repeat(np.arange(len(households)), counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        return np.repeat(starts, counts) + offsets, owner

    def add(self, households: np.ndarray, shelters_of: list[np.ndarray]) -> "Arcs":
        """These arcs widened: `shelters_of[i]` added to the candidates of `households[i]`
        (unreachable ones and those already there are skipped)."""
        households = np.asarray(households, dtype=np.int64)
        lengths = np.fromiter((len(s) for s in shelters_of), np.int64, len(shelters_of))
        position = np.repeat(np.arange(len(households)), lengths)
        new_shelter = np.concatenate([*shelters_of, np.zeros(0, np.int64)]).astype(np.int64)
        new_cost = np.empty(len(new_shelter))
        bounds = np.concatenate([[0], np.cumsum(lengths)])
        for start in range(0, len(households), _CHUNK_ROWS // 4):
            stop = min(start + _CHUNK_ROWS // 4, len(households))
            rows = slice(bounds[start], bounds[stop])
            matrix = self.cost_to_all(households[start:stop])
            new_cost[rows] = matrix[position[rows] - start, new_shelter[rows]]
        new_owner = households[position]
        old_owner = np.repeat(np.arange(len(self.ptr) - 1), self.counts)
        known = np.isin(
            new_owner * self.shelters + new_shelter, old_owner * self.shelters + self.shelter
        )
        keep = np.isfinite(new_cost) & ~known
        owner = np.concatenate([old_owner, new_owner[keep]])
        shelter = np.concatenate([self.shelter, new_shelter[keep]])
        cost = np.concatenate([self.cost, np.rint(new_cost[keep]).astype(np.int64)])
        order = np.lexsort((cost, owner))
        counts = np.bincount(owner, minlength=len(self.ptr) - 1)
        return Arcs(
            ptr=np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
            shelter=shelter[order],
            cost=cost[order],
            beyond=self.beyond,
            pruned=self.pruned,
            cost_to_all=self.cost_to_all,
            metric=self.metric,
            shelters=self.shelters,
            max_cost=self.max_cost,
        )


def arcs_from_matrix(
    costs_of: CostToAll, households: int, shelters: int, *, k: int | None, metric: str
) -> Arcs:
    """Candidate arcs from a dense cost function (inf = unreachable), a chunk of households at
    a time: every finite arc when `k` is None (or covers all shelters), else the k cheapest."""
    take = shelters if k is None else min(k, shelters)
    counts, chosen_shelters, chosen_costs, beyond = [], [], [], []
    max_cost = 0.0
    for start in range(0, households, _CHUNK_ROWS):
        matrix = costs_of(np.arange(start, min(start + _CHUNK_ROWS, households)))
        finite_costs = matrix[np.isfinite(matrix)]
        max_cost = max(max_cost, float(finite_costs.max()) if finite_costs.size else 0.0)
        if take < shelters:
            part = np.argpartition(matrix, take, axis=1)
            nearest = part[:, :take]
            next_cost = np.take_along_axis(matrix, part[:, take : take + 1], axis=1)[:, 0]
        else:
            nearest = np.broadcast_to(np.arange(shelters), matrix.shape)
            next_cost = np.full(len(matrix), np.inf)
        chosen = np.take_along_axis(matrix, nearest, axis=1)
        order = np.argsort(chosen, axis=1, kind="stable")
        nearest = np.take_along_axis(nearest, order, axis=1)
        chosen = np.take_along_axis(chosen, order, axis=1)
        finite = np.isfinite(chosen)
        counts.append(finite.sum(axis=1))
        chosen_shelters.append(nearest[finite])
        chosen_costs.append(np.rint(chosen[finite]).astype(np.int64))
        limit = np.rint(np.where(np.isfinite(next_cost), next_cost, 0)).astype(np.int64)
        beyond.append(np.where(np.isfinite(next_cost), limit, NO_LIMIT))
    empty = np.zeros(0, np.int64)
    beyond_all = np.concatenate(beyond) if beyond else empty
    return Arcs(
        ptr=np.concatenate([[0], np.cumsum(np.concatenate([*counts, empty]))]).astype(np.int64),
        shelter=np.concatenate([*chosen_shelters, empty]).astype(np.int64),
        cost=np.concatenate([*chosen_costs, empty]),
        beyond=beyond_all,
        pruned=bool((beyond_all != NO_LIMIT).any()),
        cost_to_all=costs_of,
        metric=metric,
        shelters=shelters,
        max_cost=int(np.ceil(max_cost)),
    )


def straight_line_arcs(
    households_xy: np.ndarray, shelters_xy: np.ndarray, *, k: int | None
) -> Arcs:
    """Candidate arcs by straight-line distance on the projected plane: all shelters when `k`
    is None or covers them all, else the k nearest (KD-tree)."""

    def costs_of(rows: np.ndarray) -> np.ndarray:
        delta = households_xy[rows, None, :] - shelters_xy[None, :, :]
        return np.hypot(delta[..., 0], delta[..., 1])

    households, shelters = len(households_xy), len(shelters_xy)
    if k is None or k >= shelters:
        return arcs_from_matrix(costs_of, households, shelters, k=None, metric="straight_line")
    span = np.vstack([households_xy, shelters_xy])
    diagonal = float(np.hypot(*(span.max(axis=0) - span.min(axis=0))))
    distance, index = cKDTree(shelters_xy).query(households_xy, k=k + 1)
    distance = np.atleast_2d(distance)
    index = np.atleast_2d(index)
    return Arcs(
        ptr=np.arange(0, households * k + 1, k, dtype=np.int64),
        shelter=index[:, :k].ravel().astype(np.int64),
        cost=np.rint(distance[:, :k]).astype(np.int64).ravel(),
        beyond=np.rint(distance[:, k]).astype(np.int64),
        pruned=True,
        cost_to_all=costs_of,
        metric="straight_line",
        shelters=shelters,
        max_cost=int(np.ceil(diagonal)) + 1,
    )
