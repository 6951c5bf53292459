"""The shelter assignment engine: capacity, whole households, optimality, priorities, pins.

Pure computation (no database). Optimality is checked against independent solutions: brute
force over every assignment for tiny cases, and SciPy's HiGHS on a MIP/LP written here.
"""

import itertools

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from taicho.shelters.assignment import Household, Options, Shelter, assign_households
from taicho.shelters.assignment.distances import project

LAT, LON = 20.86, 106.68


def random_case(seed, households, shelters, *, spare=1.1, spread=0.02, max_persons=6):
    rng = np.random.default_rng(seed)
    people = [
        Household(
            id=f"h{i}",
            persons=int(rng.integers(1, max_persons + 1)),
            lat=LAT + rng.uniform(-spread, spread),
            lon=LON + rng.uniform(-spread, spread),
            group=f"tổ {i % 3 + 1}",
        )
        for i in range(households)
    ]
    total = sum(h.persons for h in people)
    weights = rng.uniform(0.5, 1.5, shelters)
    capacity = np.maximum(np.floor(weights / weights.sum() * total * spare), 1).astype(int)
    places = [
        Shelter(
            id=f"s{j}",
            capacity=int(capacity[j]),
            lat=LAT + rng.uniform(-spread, spread),
            lon=LON + rng.uniform(-spread, spread),
        )
        for j in range(shelters)
    ]
    return people, places


def metres(households, shelters):
    """The engine's metric, computed here: straight line on the local plane, whole metres."""
    lats = [x.lat for x in [*households, *shelters]]
    lons = [x.lon for x in [*households, *shelters]]
    centre = (float(np.mean(lats)), float(np.mean(lons)))
    a = project(np.array(lats[: len(households)]), np.array(lons[: len(households)]), centre=centre)
    b = project(np.array(lats[len(households) :]), np.array(lons[len(households) :]), centre=centre)
    return np.rint(np.hypot(*(a[:, None, :] - b[None, :, :]).transpose(2, 0, 1))).astype(int)


def brute_force(households, shelters):
    """The least total person-metres over every whole assignment, or None if none fits."""
    cost = metres(households, shelters)
    best = None
    for combo in itertools.product(range(len(shelters)), repeat=len(households)):
        load = [0] * len(shelters)
        for household, shelter in zip(households, combo, strict=True):
            load[shelter] += household.persons
        if any(load[j] > shelters[j].capacity for j in range(len(shelters))):
            continue
        total = sum(
            h.persons * cost[i, s] for i, (h, s) in enumerate(zip(households, combo, strict=True))
        )
        best = total if best is None else min(best, total)
    return best


def independent_mip(households, shelters, *, relax=False):
    """min Σ persons·metres·x, one shelter per household, capacity; x binary (or in [0, 1])."""
    cost = metres(households, shelters)
    h, s = cost.shape
    persons = np.array([x.persons for x in households])
    c = (persons[:, None] * cost).ravel()
    one_each = sparse.kron(sparse.eye_array(h), np.ones((1, s)), format="csr")
    capacity_rows = sparse.kron(persons[None, :], sparse.eye_array(s), format="csr")
    room = [x.capacity for x in shelters]
    if relax:
        result = linprog(c, A_ub=capacity_rows, b_ub=room, A_eq=one_each, b_eq=np.ones(h))
        return round(result.fun)
    result = milp(
        c,
        integrality=np.ones(h * s),
        bounds=Bounds(0, 1),
        constraints=[LinearConstraint(one_each, 1, 1), LinearConstraint(capacity_rows, 0, room)],
    )
    return round(result.fun)


def loads(result, households):
    persons = {h.id: h.persons for h in households}
    totals = {}
    for placement in result.placements():
        if placement.shelter_id is not None:
            totals[placement.shelter_id] = (
                totals.get(placement.shelter_id, 0) + persons[placement.household_id]
            )
    return totals


def test_it_keeps_every_shelter_within_its_capacity_and_every_household_whole():
    households, shelters = random_case(1, 600, 9, spare=1.05)
    result = assign_households(households=households, shelters=shelters)
    load = loads(result, households)
    assert all(load.get(s.id, 0) <= s.capacity for s in shelters)
    placements = list(result.placements())
    # One shelter per household: the whole household, never a part of it.
    assert [p.household_id for p in placements] == [h.id for h in households]
    assert all(p.shelter_id is not None for p in placements)
    assert result.persons_assigned == sum(h.persons for h in households)
    assert sum(s.persons for s in result.shelters) == result.persons_assigned
    assert all(s.persons <= s.capacity for s in result.shelters)


def test_it_finds_the_brute_force_optimum_on_small_cases():
    compared = 0
    for seed in range(40):
        households, shelters = random_case(seed, 8, 3, spare=1.08, spread=0.01)
        best = brute_force(households, shelters)
        if best is None:
            continue
        result = assign_households(households=households, shelters=shelters)
        assert result.households_unassigned == 0
        assert result.total_distance_m == best, seed
        assert result.status == "optimal"
        assert result.lower_bound_m <= best
        # The greedy plan may leave a household out; when it places all, it is no better.
        assert result.greedy_unplaced > 0 or result.total_distance_m <= result.greedy_distance_m
        compared += 1
    assert compared >= 30


def test_it_matches_an_independent_mip_and_lp_on_medium_cases():
    for seed in range(3):
        households, shelters = random_case(100 + seed, 60, 5, spare=1.03)
        result = assign_households(households=households, shelters=shelters)
        assert result.total_distance_m == independent_mip(households, shelters)
        # The LP optimum (households may split) is the bound the gap is measured against.
        assert result.lp_bound_m == independent_mip(households, shelters, relax=True)
        assert result.lower_bound_m == result.lp_bound_m
        assert result.gap == (result.total_distance_m - result.lp_bound_m) / result.lp_bound_m


def test_it_repairs_split_households_on_large_problems_and_reports_the_gap():
    households, shelters = random_case(7, 1500, 12, spare=1.04)
    result = assign_households(
        households=households, shelters=shelters, options=Options(exact_up_to=0)
    )
    load = loads(result, households)
    assert all(load.get(s.id, 0) <= s.capacity for s in shelters)
    assert result.households_unassigned == 0
    assert result.split_households > 0  # the LP split some; they were made whole
    assert result.lp_bound_m == independent_mip(households, shelters, relax=True)
    assert result.lp_bound_m <= result.total_distance_m <= result.greedy_distance_m
    assert 0 <= result.gap < 0.01
    assert result.status in {"optimal", "feasible"}


def test_it_is_never_worse_than_the_greedy_nearest_shelter_with_room():
    for seed in range(5):
        households, shelters = random_case(200 + seed, 400, 7, spare=1.02)
        result = assign_households(
            households=households, shelters=shelters, options=Options(exact_up_to=0)
        )
        assert result.greedy_unplaced == 0
        assert result.total_distance_m <= result.greedy_distance_m


def test_it_gives_a_valid_lower_bound_when_only_the_nearest_shelters_are_candidates():
    households, shelters = random_case(11, 800, 30, spare=1.05)
    pruned = assign_households(
        households=households,
        shelters=shelters,
        options=Options(candidates=4, all_arcs_up_to=10, exact_up_to=0),
    )
    assert pruned.candidates == 4
    assert pruned.households_unassigned == 0
    every = independent_mip(households, shelters, relax=True)  # LP over every shelter
    assert pruned.lower_bound_m <= every <= pruned.total_distance_m
    assert pruned.lp_bound_m >= every  # the LP over fewer arcs is no bound for all shelters
    assert pruned.status in {"optimal", "optimal_for_candidates", "feasible"}
    assert pruned.gap >= pruned.gap_to_candidate_lp >= 0


def test_it_reaches_beyond_the_nearest_shelters_when_they_are_full():
    # Ten households next to two tiny shelters; the big one is far, beyond K = 2.
    households = [Household(id=i, persons=2, lat=LAT, lon=LON + i * 1e-4) for i in range(10)]
    shelters = [
        Shelter(id="tiny-1", capacity=2, lat=LAT + 0.001, lon=LON),
        Shelter(id="tiny-2", capacity=2, lat=LAT - 0.001, lon=LON),
        Shelter(id="far", capacity=100, lat=LAT + 0.05, lon=LON),
    ]
    result = assign_households(
        households=households,
        shelters=shelters,
        options=Options(candidates=2, all_arcs_up_to=1),
    )
    assert result.households_unassigned == 0
    assert {s.shelter_id: s.persons for s in result.shelters} == {
        "tiny-1": 2,
        "tiny-2": 2,
        "far": 16,
    }


def test_it_places_the_most_vulnerable_first_when_capacity_is_short():
    households = [
        Household(id="near", persons=3, lat=LAT, lon=LON, group="tổ 1"),
        Household(
            id="bedridden", persons=3, lat=LAT + 0.02, lon=LON + 0.02, group="tổ 2", priority=5
        ),
        Household(id="elderly", persons=2, lat=LAT + 0.01, lon=LON, group="tổ 1", priority=1),
    ]
    shelters = [Shelter(id="school", capacity=5, lat=LAT + 0.001, lon=LON)]
    result = assign_households(households=households, shelters=shelters)
    placed = {p.household_id: p.shelter_id for p in result.placements()}
    assert placed == {"near": None, "bedridden": "school", "elderly": "school"}
    assert result.by_household()["near"].reason == "no_room"
    assert [(g.group, g.households, g.persons) for g in result.unassigned_by_group] == [
        ("tổ 1", 1, 3)
    ]
    assert result.persons_unassigned == 3
    assert "3 người trong 1 hộ chưa có chỗ" in " ".join(result.warnings)


def test_it_fills_a_short_capacity_level_by_level_on_a_larger_ward():
    households, shelters = random_case(5, 900, 6, spare=0.6)
    rng = np.random.default_rng(5)
    households = [
        Household(
            id=h.id,
            persons=h.persons,
            lat=h.lat,
            lon=h.lon,
            group=h.group,
            priority=int(rng.integers(0, 3)),
        )
        for h in households
    ]
    result = assign_households(households=households, shelters=shelters)
    priority = np.array([h.priority for h in households])
    placed = result.shelter_index >= 0
    assert placed[priority == 2].all()
    assert placed[priority == 1].mean() > placed[priority == 0].mean()
    assert all(s.persons <= s.capacity for s in result.shelters)
    shortfall = sum(g.persons for g in result.unassigned_by_group)
    assert shortfall == result.persons_unassigned > 0


def test_it_keeps_pinned_households_where_the_planner_put_them():
    households, shelters = random_case(3, 40, 3, spare=1.2)
    far = max(shelters, key=lambda s: s.lat)
    near_far = min(households, key=lambda h: abs(h.lat - far.lat))
    pinned_id = next(h.id for h in households if h is not near_far)
    result = assign_households(households=households, shelters=shelters, pins={pinned_id: far.id})
    placement = result.by_household()[pinned_id]
    assert placement.shelter_id == far.id
    assert placement.pinned
    load = loads(result, households)
    assert all(load.get(s.id, 0) <= s.capacity for s in shelters)
    assert {s.shelter_id: s.pinned_persons for s in result.shelters}[far.id] == next(
        h.persons for h in households if h.id == pinned_id
    )


def test_it_answers_an_empty_plan_with_an_empty_result():
    result = assign_households(
        households=[], shelters=[Shelter(id="s", capacity=10, lat=LAT, lon=LON)]
    )
    assert result.persons_total == 0
    assert result.total_distance_m == 0
    assert list(result.placements()) == []
