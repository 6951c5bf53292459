"""How fast the shelter assignment places every household, and how much shorter its plan is.

The figure: `taicho.shelters.assignment.assign_households` end to end (checking the input,
candidate arcs, the min-cost flow, making households whole, the lower bound) on synthetic
wards in a ~10 km box around 106.68E 20.86N with a fixed seed, capacity about 110 % of the
persons:
- small: 10,000 households × 50 shelters, every shelter a candidate of every household;
- large: 100,000 households × 300 shelters, the 20 nearest shelters as candidates.
Printed for each: the time (median of --repeat runs) split into preparation and solving, the
total distance (person-metres), the LP over the candidate arcs, the lower bound valid for
every shelter, the gap to it, and the peak RSS of the process.

The baseline, measured in the same run on the same input: greedy nearest-shelter-with-room
(households in turn, each to the nearest shelter that still holds all of it), timed from the
same checked input to its plan. The ratio optimiser / greedy total distance must be ≤ 1;
the benchmark exits with status 1 if it ever is not.

No database: the engine is pure computation (Django is configured only for its translations,
with no apps).
"""

import argparse
import sys
import time
from pathlib import Path

from bench._support import peak_rss_mb

CENTRE_LAT, CENTRE_LON = 20.86, 106.68
HALF_BOX_LAT, HALF_BOX_LON = 0.045, 0.048  # about 5 km each way
SPARE = 1.10
# Persons per household (Vietnamese households: mostly 2–5 persons).
SIZES = (1, 2, 3, 4, 5, 6, 7)
SIZE_WEIGHTS = (0.08, 0.18, 0.22, 0.25, 0.15, 0.08, 0.04)
CASES = {
    "small": {"households": 10_000, "shelters": 50},
    "large": {"households": 100_000, "shelters": 300},
}


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench assignment", description=__doc__)
    parser.add_argument("--seed", type=int, default=213)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=sorted(CASES), help="Run one case only.")
    return parser.parse_args(argv)


def _setup_django() -> None:
    """Only what the engine uses (its translations): no apps, no database."""
    import django
    from django.conf import settings

    settings.configure(
        USE_I18N=True,
        LANGUAGE_CODE="vi",
        LOCALE_PATHS=[str(Path(__file__).resolve().parent.parent / "taicho/shelters/locale")],
    )
    django.setup()


def synthetic_ward(households: int, shelters: int, seed: int):
    import numpy as np

    from taicho.shelters.assignment import Household, Shelter

    rng = np.random.default_rng(seed)
    persons = rng.choice(SIZES, size=households, p=SIZE_WEIGHTS)
    lat = CENTRE_LAT + rng.uniform(-HALF_BOX_LAT, HALF_BOX_LAT, households)
    lon = CENTRE_LON + rng.uniform(-HALF_BOX_LON, HALF_BOX_LON, households)
    weights = rng.uniform(0.5, 1.5, shelters)
    capacity = np.floor(weights / weights.sum() * persons.sum() * SPARE).astype(int) + 1
    shelter_lat = CENTRE_LAT + rng.uniform(-HALF_BOX_LAT, HALF_BOX_LAT, shelters)
    shelter_lon = CENTRE_LON + rng.uniform(-HALF_BOX_LON, HALF_BOX_LON, shelters)
    people = [
        Household(
            id=i,
            persons=int(persons[i]),
            lat=float(lat[i]),
            lon=float(lon[i]),
            group=f"TDP {i % 12 + 1}",
        )
        for i in range(households)
    ]
    places = [
        Shelter(
            id=j, capacity=int(capacity[j]), lat=float(shelter_lat[j]), lon=float(shelter_lon[j])
        )
        for j in range(shelters)
    ]
    return people, places


def greedy_baseline(households, shelters):
    """Greedy nearest-with-room from the same input: (seconds, total person-metres, unplaced)."""
    import numpy as np

    from taicho.shelters.assignment.greedy import greedy_assign
    from taicho.shelters.assignment.problem import Options, prepare
    from taicho.shelters.assignment.solver import _arc_costs, candidate_arcs

    started = time.perf_counter()
    prepared = prepare(households=households, shelters=shelters)
    arcs = candidate_arcs(prepared, roads=None, flooded=(), options=Options())
    order = np.arange(len(prepared.persons))
    chosen = greedy_assign(
        order=order, arcs=arcs, persons=prepared.persons, capacity=prepared.capacity
    )
    placed = chosen >= 0
    costs = _arc_costs(arcs, order[placed], chosen[placed])
    total = int(prepared.persons[placed] @ costs)
    return time.perf_counter() - started, total, int((~placed).sum())


def run_case(name: str, args: argparse.Namespace) -> bool:
    from taicho.shelters.assignment import assign_households

    size = CASES[name]
    started = time.perf_counter()
    households, shelters = synthetic_ward(size["households"], size["shelters"], args.seed)
    built = time.perf_counter() - started
    persons = sum(h.persons for h in households)
    capacity = sum(s.capacity for s in shelters)
    runs = []
    for _ in range(args.repeat):
        result = assign_households(households=households, shelters=shelters)
        runs.append(result)
    middle = sorted(runs, key=lambda r: r.timings["total"])[len(runs) // 2]
    t = middle.timings
    baseline = sorted(greedy_baseline(households, shelters) for _ in range(args.repeat))
    greedy_time, greedy_total, greedy_unplaced = baseline[len(baseline) // 2]
    ratio = middle.total_distance_m / greedy_total
    candidates = "every shelter" if middle.candidates is None else f"{middle.candidates} nearest"
    print(
        f"{name}: {size['households']:,} households ({persons:,} persons) × "
        f"{size['shelters']} shelters (capacity {capacity:,}), candidates: {candidates}"
    )
    print(f"  input built in          {built:.2f} s (not measured)")
    print(
        f"  optimiser               {t['total']:.2f} s (median of {args.repeat}; "
        f"all runs {', '.join(f'{r.timings["total"]:.2f}' for r in runs)})"
    )
    print(
        f"    prep                  {t['check'] + t['distances']:.2f} s "
        f"(checks {t['check']:.2f}, distances and candidate arcs {t['distances']:.2f})"
    )
    print(
        f"    solve                 {t['solve']:.2f} s (min-cost flow + whole households), "
        f"bound {t['bound']:.2f} s, in-run greedy check {t['greedy']:.2f} s"
    )
    print(
        f"  total distance          {middle.total_distance_m:,} person-m "
        f"({middle.mean_distance_m:,.0f} m per person), "
        f"{middle.households_unassigned} households unplaced"
    )
    print(f"  LP over candidate arcs  {middle.lp_bound_m:,}")
    print(f"  lower bound (all)       {middle.lower_bound_m:,}")
    print(
        f"  gap                     {middle.gap:.4%} to the lower bound, "
        f"{middle.gap_to_candidate_lp:.4%} to the candidate LP; status {middle.status}; "
        f"{middle.split_households} split households made whole"
    )
    print(
        f"  baseline greedy         {greedy_time:.2f} s, {greedy_total:,} person-m, "
        f"{greedy_unplaced} unplaced"
    )
    print(f"  optimiser / greedy      {ratio:.3f} (distance)")
    print(f"  peak RSS                {peak_rss_mb():.0f} MB (process high-water mark)")
    worse = middle.total_distance_m > greedy_total or middle.households_unassigned > greedy_unplaced
    if worse:
        print("  !! the optimiser's plan is worse than the greedy baseline", file=sys.stderr)
    return not worse


def main(argv: list[str]) -> int:
    args = _parse(argv)
    _setup_django()
    names = [args.only] if args.only else list(CASES)
    results = [run_case(name, args) for name in names]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
