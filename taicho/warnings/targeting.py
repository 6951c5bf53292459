"""Which households (and how many residents, how many of them vulnerable) an alert reaches.

An alert's area is the union of what the officer chose: a polygon drawn on the map, hazard
zones (through the stored household–zone links), residential groups, or the whole ward.

This runs before every approval and must stay fast at 100,000 households (bench/targeting.py),
so it reads only narrow columns that the indexes cover and counts in numpy:
- the polygon: one indexed bounding-box query of (id, lon, lat), then shapely's vectorised
  `contains_xy` (about 4× faster than testing one point at a time);
- groups and per-group counts: (id, group_id) of the ward's households, from the (ward, group)
  index;
- resident and vulnerable counts: for a large target, one grouped count over the resident
  rows in the targeted households' id range (the household index covers it) and the ids of
  the vulnerable residents' households; for a small target, the same counts for its
  households only, in chunks that stay far below SQLite's limit on query parameters.

Nothing here checks rights: this is the computation. Users reach it through selectors, which
check what they may see (taicho.warnings.selectors).
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.db import connections
from django.db.models import Count, QuerySet

from taicho.community.models import Household, Resident
from taicho.community.vulnerability import vulnerable_q
from taicho.exposure.models import HouseholdZone
from taicho.geo.geojson import AREA_TYPES, parse_geometry

# Up to this many targeted households, residents are counted for those households alone;
# above it, one pass over the id range is cheaper than many small queries.
SMALL_TARGET = 5000
CHUNK = 900  # ids per IN (...) list: below every database's parameter limit
_EMPTY = np.empty(0, dtype=np.int64)

# (polygon, longitudes, latitudes) -> a boolean array: which points lie in the polygon.
Contains = Callable[[shapely.Geometry, np.ndarray, np.ndarray], np.ndarray]


def contains_vectorised(area: shapely.Geometry, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    shapely.prepare(area)
    return shapely.contains_xy(area, lons, lats)


@dataclass(frozen=True)
class TargetSpec:
    """What an alert targets; the union of all four."""

    ward_id: int
    area: shapely.Geometry | None = None
    zone_ids: tuple[int, ...] = ()
    group_ids: tuple[int, ...] = ()
    whole_ward: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.whole_ward or self.area is not None or self.zone_ids or self.group_ids)


@dataclass(frozen=True)
class GroupCounts:
    households: int = 0
    residents: int = 0
    vulnerable: int = 0


@dataclass(frozen=True)
class TargetResult:
    """The targeted households (sorted ids) with, aligned, their group, residents and
    vulnerable residents; and the totals, in all and per group."""

    household_ids: np.ndarray = field(default_factory=lambda: _EMPTY)
    group_ids: np.ndarray = field(default_factory=lambda: _EMPTY)
    residents_per_household: np.ndarray = field(default_factory=lambda: _EMPTY)
    vulnerable_per_household: np.ndarray = field(default_factory=lambda: _EMPTY)
    residents: int = 0
    vulnerable: int = 0
    vulnerable_households: int = 0
    by_group: dict[int, GroupCounts] = field(default_factory=dict)

    @property
    def households(self) -> int:
        return len(self.household_ids)

    def within_groups(self, group_ids) -> "TargetResult":
        """Only the households of these groups (what a group leader may see)."""
        keep = np.isin(self.group_ids, np.fromiter(group_ids, dtype=np.int64))
        return _result(
            self.household_ids[keep],
            self.group_ids[keep],
            self.residents_per_household[keep],
            self.vulnerable_per_household[keep],
        )


def _result(
    ids: np.ndarray, groups: np.ndarray, residents: np.ndarray, vulnerable: np.ndarray
) -> TargetResult:
    return TargetResult(
        household_ids=ids,
        group_ids=groups,
        residents_per_household=residents,
        vulnerable_per_household=vulnerable,
        residents=int(residents.sum()),
        vulnerable=int(vulnerable.sum()),
        vulnerable_households=int(np.count_nonzero(vulnerable)),
        by_group=_per_group(groups, residents, vulnerable),
    )


def spec_of(alert) -> TargetSpec:
    """The target of a saved alert (its polygon, zones, groups, whole-ward flag)."""
    area = None
    if alert.area_geometry:
        area = parse_geometry(alert.area_geometry, allowed=AREA_TYPES)
    return TargetSpec(
        ward_id=alert.ward_id,
        area=area,
        zone_ids=tuple(alert.target_zones.values_list("id", flat=True)),
        group_ids=tuple(alert.target_groups.values_list("id", flat=True)),
        whole_ward=alert.whole_ward,
    )


def target_households(*, alert, contains: Contains = contains_vectorised) -> TargetResult:
    """The households an alert reaches, with their resident and vulnerable counts."""
    return compute_targets(spec_of(alert), contains=contains)


def compute_targets(spec: TargetSpec, *, contains: Contains = contains_vectorised) -> TargetResult:
    """The same for a target not saved yet (a draft being edited)."""
    households = Household.objects.filter(ward_id=spec.ward_id)
    if spec.whole_ward:
        chosen, groups = _with_groups(households)
    else:
        parts = []
        if spec.area is not None:
            parts.append(_in_area(households, spec.area, contains))
        if spec.zone_ids:
            parts.append(_in_zones(spec.ward_id, spec.zone_ids))
        if spec.group_ids:
            parts.append(_with_groups(households.filter(group_id__in=spec.group_ids))[0])
        if not parts:
            return TargetResult()
        chosen, groups = _groups_of(households, np.unique(np.concatenate(parts)))
    if not len(chosen):
        return TargetResult()
    residents, vulnerable = _resident_counts(chosen)
    return _result(chosen, groups, residents, vulnerable)


def _array(queryset: QuerySet, *, width: int, dtype=np.int64) -> np.ndarray:
    """The rows of a values_list query of `width` fields as a 2-D array, a column per field.

    The SQL is the ORM's, without the models' default ordering (a sort of 100,000 rows for
    nothing); only the fetching differs: Django's iterator fetches 100 rows at a time through
    its wrappers and a list of tuples is slow to turn into an array, which at 100,000 rows
    cost more than the query itself. Here numpy reads the cursor's rows directly.
    """
    query = queryset.order_by().query
    sql, params = query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        flat = np.fromiter(itertools.chain.from_iterable(cursor.fetchall()), dtype=dtype)
    return flat.reshape(-1, width)


def _with_groups(households: QuerySet) -> tuple[np.ndarray, np.ndarray]:
    """The households' ids (sorted) and their groups, from the (ward, group) index."""
    pairs = _array(households.values_list("id", "group_id"), width=2)
    order = np.argsort(pairs[:, 0], kind="stable")
    return pairs[order, 0], pairs[order, 1]


def _groups_of(households: QuerySet, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The chosen households that are still in the ward (sorted), and their groups."""
    if len(chosen) <= SMALL_TARGET:
        chunks = [
            _with_groups(households.filter(id__in=chosen[start : start + CHUNK].tolist()))
            for start in range(0, len(chosen), CHUNK)
        ]
        if not chunks:
            return _EMPTY, _EMPTY
        return np.concatenate([ids for ids, _ in chunks]), np.concatenate([g for _, g in chunks])
    ids, groups = _with_groups(households)
    known = _align_arrays(chosen, ids, np.arange(len(ids)) + 1)  # 0: not found
    return chosen[known > 0], groups[known[known > 0] - 1]


def _in_area(households: QuerySet, area: shapely.Geometry, contains: Contains) -> np.ndarray:
    """Households inside the polygon: an indexed bounding-box query, then exact containment."""
    min_lon, min_lat, max_lon, max_lat = area.bounds
    points = _array(
        households.filter(
            lon__gte=min_lon,
            lon__lte=max_lon,
            lat__gte=min_lat,
            lat__lte=max_lat,
        ).values_list("id", "lon", "lat"),
        width=3,
        dtype=np.float64,
    )
    inside = contains(area, points[:, 1], points[:, 2])
    return points[inside, 0].astype(np.int64)


def _in_zones(ward_id: int, zone_ids: tuple[int, ...]) -> np.ndarray:
    return _array(
        HouseholdZone.objects.filter(ward_id=ward_id, zone_id__in=zone_ids).values_list(
            "household_id"
        ),
        width=1,
    )[:, 0]


def _resident_counts(chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(residents, vulnerable residents) of each chosen household, aligned with `chosen`."""
    if len(chosen) <= SMALL_TARGET:
        counts, vulnerable = [], []
        for start in range(0, len(chosen), CHUNK):
            residents = Resident.objects.filter(
                household_id__in=chosen[start : start + CHUNK].tolist()
            )
            counts.append(_grouped(residents))
            vulnerable.append(_grouped(residents.filter(vulnerable_q())))
        return _align(chosen, np.concatenate(counts)), _align(chosen, np.concatenate(vulnerable))
    # One pass each over the id range; rows of households not chosen are simply not looked up.
    residents = Resident.objects.filter(
        household_id__gte=int(chosen[0]), household_id__lte=int(chosen[-1])
    )
    counts = _align(chosen, _grouped(residents))
    vulnerable_ids = _array(residents.filter(vulnerable_q()).values_list("household_id"), width=1)[
        :, 0
    ]
    ids, per_household = np.unique(vulnerable_ids, return_counts=True)
    return counts, _align_arrays(chosen, ids, per_household)


def _grouped(residents) -> np.ndarray:
    """(household id, resident count) rows."""
    return _array(
        residents.order_by()
        .values("household_id")
        .annotate(n=Count("*"))
        .values_list("household_id", "n"),
        width=2,
    )


def _align(chosen: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    order = np.argsort(pairs[:, 0])
    return _align_arrays(chosen, pairs[order, 0], pairs[order, 1])


def _align_arrays(chosen: np.ndarray, ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """values[i] where ids[i] == chosen[j], else 0, for each chosen id (ids sorted)."""
    if not len(ids):
        return np.zeros(len(chosen), dtype=np.int64)
    index = np.minimum(np.searchsorted(ids, chosen), len(ids) - 1)
    return np.where(ids[index] == chosen, values[index], 0)


def _per_group(
    groups: np.ndarray, residents: np.ndarray, vulnerable: np.ndarray
) -> dict[int, GroupCounts]:
    keys, inverse, households = np.unique(groups, return_inverse=True, return_counts=True)
    resident_sums = np.bincount(inverse, weights=residents, minlength=len(keys))
    vulnerable_sums = np.bincount(inverse, weights=vulnerable, minlength=len(keys))
    return {
        int(key): GroupCounts(int(households[i]), int(resident_sums[i]), int(vulnerable_sums[i]))
        for i, key in enumerate(keys)
    }
