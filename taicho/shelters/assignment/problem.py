"""What the assignment engine is given, checked before anything is solved.

Plain dataclasses in (no models): the households to move, the shelters and their capacity in
persons, and the planner's pins. `prepare()` turns them into numpy arrays or raises an
`AssignmentError` whose message names the household or shelter at fault.

Choices, so the caller knows what to expect:
- a shelter with capacity 0 is *left out with a warning* (a closed shelter is a normal state
  of the registry, not an error) — unless a household is pinned to it, which is an error;
  a negative capacity is an error;
- a household or shelter without a location, a household that is larger than every usable
  shelter, and a plan without any usable shelter are errors: each needs a person to fix the
  data, and a silent partial plan would hide them.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

# How many names a message lists before it says "and N more".
_NAMES_IN_MESSAGE = 5


class AssignmentError(ValueError):
    """Input the engine cannot work with; the message (translated) names what to fix."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Household:
    """A household to evacuate. `priority`: higher is placed first when capacity runs short
    (e.g. the number of vulnerable members, more for the bedridden)."""

    id: Hashable
    persons: int
    lat: float | None
    lon: float | None
    group: str = ""
    priority: int = 0
    name: str = ""


@dataclass(frozen=True, slots=True)
class Shelter:
    id: Hashable
    capacity: int
    lat: float | None
    lon: float | None
    name: str = ""


@dataclass(frozen=True)
class Options:
    # Candidate shelters per household when there are more than `all_arcs_up_to` shelters.
    candidates: int = 20
    all_arcs_up_to: int = 50
    # Up to this many household–shelter arcs, the households split by the LP are repaired by
    # solving the whole problem exactly (one MIP); above it, only the split ones (repair.py).
    exact_up_to: int = 2_000
    # The exact MIP of a small problem may take this long; the repair MIPs of a large one
    # stop after `repair_time_s` with the best plan found (valid either way; the gap says
    # how good it is).
    time_limit_s: float = 10.0
    repair_time_s: float = 3.0
    # By road: a walk to or from the road network longer than this means "no road route".
    road_snap_limit_m: float = 1_000.0


@dataclass
class Prepared:
    """The checked input as arrays. Shelters here are the usable ones only."""

    household_ids: list
    household_names: list[str]
    persons: np.ndarray  # int64
    lat: np.ndarray
    lon: np.ndarray
    groups: list[str]
    priority: np.ndarray  # int64
    shelter_ids: list
    shelter_names: list[str]
    capacity: np.ndarray  # int64
    shelter_lat: np.ndarray
    shelter_lon: np.ndarray
    pinned: np.ndarray  # int64 per household: index of its pinned shelter, -1 if none
    warnings: list[str] = field(default_factory=list)

    @property
    def centre(self) -> tuple[float, float]:
        lats = np.concatenate([self.lat, self.shelter_lat])
        lons = np.concatenate([self.lon, self.shelter_lon])
        return float(lats.mean()), float(lons.mean())


def _label(item: Household | Shelter) -> str:
    return f"“{item.name or item.id}”"


def _listing(labels: Sequence[str]) -> str:
    shown = ", ".join(labels[:_NAMES_IN_MESSAGE])
    if len(labels) > _NAMES_IN_MESSAGE:
        shown += _(" and %(count)d more") % {"count": len(labels) - _NAMES_IN_MESSAGE}
    return shown


def _located(lat, lon) -> bool:
    try:
        return lat is not None and lon is not None and np.isfinite(lat) and np.isfinite(lon)
    except TypeError:
        return False


def _in_range(lat, lon) -> bool:
    return -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0


def _whole_positive(value) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool) and value > 0


def _check_households(households: Sequence[Household]) -> None:
    seen: set = set()
    for household in households:
        if household.id in seen:
            raise AssignmentError(
                _("Household %(household)s appears twice.") % {"household": _label(household)},
                code="duplicate_household",
            )
        seen.add(household.id)
        if not _whole_positive(household.persons):
            raise AssignmentError(
                _("Household %(household)s must have at least one person (a whole number).")
                % {"household": _label(household)},
                code="bad_persons",
            )
    unlocated = [_label(h) for h in households if not _located(h.lat, h.lon)]
    if unlocated:
        raise AssignmentError(
            _("These households have no location (latitude and longitude): %(households)s.")
            % {"households": _listing(unlocated)},
            code="household_without_location",
        )
    outside = [_label(h) for h in households if not _in_range(h.lat, h.lon)]
    if outside:
        raise AssignmentError(
            _("These households have a latitude or longitude out of range: %(households)s.")
            % {"households": _listing(outside)},
            code="household_bad_location",
        )


def _usable_shelters(shelters: Sequence[Shelter], warnings: list[str]) -> list[Shelter]:
    seen: set = set()
    usable = []
    for shelter in shelters:
        label = _label(shelter)
        if shelter.id in seen:
            raise AssignmentError(
                _("Shelter %(shelter)s appears twice.") % {"shelter": label},
                code="duplicate_shelter",
            )
        seen.add(shelter.id)
        capacity = shelter.capacity
        if not isinstance(capacity, int | np.integer) or isinstance(capacity, bool):
            raise AssignmentError(
                _("The capacity of shelter %(shelter)s must be a whole number of persons.")
                % {"shelter": label},
                code="bad_capacity",
            )
        if capacity < 0:
            raise AssignmentError(
                _("Shelter %(shelter)s has a negative capacity (%(capacity)d persons).")
                % {"shelter": label, "capacity": capacity},
                code="negative_capacity",
            )
        if not _located(shelter.lat, shelter.lon) or not _in_range(shelter.lat, shelter.lon):
            raise AssignmentError(
                _("Shelter %(shelter)s has no valid location (latitude and longitude).")
                % {"shelter": label},
                code="shelter_without_location",
            )
        if capacity == 0:
            warnings.append(
                _("Shelter %(shelter)s has a capacity of 0 persons and was left out.")
                % {"shelter": label}
            )
            continue
        usable.append(shelter)
    if not usable:
        raise AssignmentError(
            _(
                "There is no usable shelter: add a shelter or give the shelters a capacity "
                "above 0 persons."
            ),
            code="no_usable_shelter",
        )
    return usable


def _check_sizes(households: Sequence[Household], usable: Sequence[Shelter]) -> None:
    largest = max(shelter.capacity for shelter in usable)
    too_large = [_label(h) for h in households if h.persons > largest]
    if too_large:
        raise AssignmentError(
            _(
                "These households have more persons than the largest shelter holds "
                "(%(largest)d persons): %(households)s. Check their size, or add a larger "
                "shelter."
            )
            % {"largest": largest, "households": _listing(too_large)},
            code="household_larger_than_shelters",
        )


def _pin_indices(
    pins: Mapping,
    households: Sequence[Household],
    shelters: Sequence[Shelter],
    usable: Sequence[Shelter],
) -> np.ndarray:
    household_at = {h.id: index for index, h in enumerate(households)}
    all_shelters = {s.id: s for s in shelters}
    usable_at = {s.id: index for index, s in enumerate(usable)}
    pinned = np.full(len(households), -1, dtype=np.int64)
    room = [s.capacity for s in usable]
    for household_id, shelter_id in pins.items():
        if household_id not in household_at:
            raise AssignmentError(
                _("A pin names household “%(household)s”, which is not in the plan.")
                % {"household": household_id},
                code="pin_unknown_household",
            )
        household = households[household_at[household_id]]
        if shelter_id not in all_shelters:
            raise AssignmentError(
                _("Household %(household)s is pinned to shelter “%(shelter)s”, which is unknown.")
                % {"household": _label(household), "shelter": shelter_id},
                code="pin_unknown_shelter",
            )
        if shelter_id not in usable_at:
            raise AssignmentError(
                _(
                    "Household %(household)s is pinned to shelter %(shelter)s, which cannot be "
                    "used (its capacity is 0 persons)."
                )
                % {"household": _label(household), "shelter": _label(all_shelters[shelter_id])},
                code="pin_unusable_shelter",
            )
        index = usable_at[shelter_id]
        room[index] -= household.persons
        if room[index] < 0:
            raise AssignmentError(
                _(
                    "Household %(household)s cannot be pinned to shelter %(shelter)s: with the "
                    "households already pinned there it would hold more than its %(capacity)d "
                    "persons."
                )
                % {
                    "household": _label(household),
                    "shelter": _label(usable[index]),
                    "capacity": usable[index].capacity,
                },
                code="pin_over_capacity",
            )
        pinned[household_at[household_id]] = index
    return pinned


def prepare(
    *,
    households: Iterable[Household],
    shelters: Iterable[Shelter],
    pins: Mapping | None = None,
) -> Prepared:
    households = list(households)
    shelters = list(shelters)
    warnings: list[str] = []
    _check_households(households)
    usable = _usable_shelters(shelters, warnings)
    _check_sizes(households, usable)
    pinned = _pin_indices(pins or {}, households, shelters, usable)
    return Prepared(
        household_ids=[h.id for h in households],
        household_names=[str(h.name or h.id) for h in households],
        persons=np.fromiter((h.persons for h in households), np.int64, len(households)),
        lat=np.fromiter((h.lat for h in households), np.float64, len(households)),
        lon=np.fromiter((h.lon for h in households), np.float64, len(households)),
        groups=[h.group for h in households],
        priority=np.fromiter((h.priority for h in households), np.int64, len(households)),
        shelter_ids=[s.id for s in usable],
        shelter_names=[str(s.name or s.id) for s in usable],
        capacity=np.array([s.capacity for s in usable], dtype=np.int64),
        shelter_lat=np.array([s.lat for s in usable], dtype=np.float64),
        shelter_lon=np.array([s.lon for s in usable], dtype=np.float64),
        pinned=pinned,
        warnings=warnings,
    )
