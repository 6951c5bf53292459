"""How fast an alert's polygon finds its households, residents and vulnerable residents.

The figure: `target_households(alert=…)` end to end — from the database to the sorted list of
targeted household ids with their resident and vulnerable counts, in total and per group —
for a polygon drawn over the western part of the demo ward (about 60 % of its households),
with `taicho demo --households N` loaded (default N = 100,000). Median of --repeat runs
(default 5) after one warm-up run.

The baseline, measured in the same run on the same data: the same end-to-end computation
with the polygon tested one point at a time (`area.contains(Point(x, y))` in a Python loop,
prepared geometry) instead of shapely's vectorised `contains_xy`. The ratio says what the
vectorised test saves end to end; the containment step alone is timed for both as well.

Runs against the database DATABASE_URL names, or a temporary SQLite file by default. After
loading the demo, the tables' statistics are refreshed (ANALYZE; VACUUM ANALYZE on
PostgreSQL), as autovacuum would do soon after such a load, outside the timing.
"""

import argparse
import statistics
import sys
import time

from bench._support import run_on_database

SHARE_OF_WIDTH = 0.6  # the polygon covers the western 60 % of the ward's width
_TABLES = ("community_household", "community_resident", "exposure_householdzone")


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench targeting", description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=213)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--reset",
        action="store_true",
        help="Delete the demo ward's data first if the database has some (never the default).",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Measure on the demo ward already in the database instead of loading it.",
    )
    return parser.parse_args(argv)


def _load(args: argparse.Namespace):
    """The demo ward, loaded (or reused); None with a message when that is not allowed."""
    from io import StringIO

    from django.core.management import call_command

    from taicho.demo.services import demo_ward, ward_has_data

    call_command("migrate", verbosity=0)
    ward = demo_ward()
    if args.reuse and ward_has_data(ward=ward):
        return ward
    if ward_has_data(ward=ward) and not args.reset:
        print(
            f"{ward} already has data in this database. Give --reuse to measure on it, "
            "--reset to delete it and load the demo, or leave DATABASE_URL unset to use a "
            "temporary SQLite file.",
            file=sys.stderr,
        )
        return None
    started = time.perf_counter()
    call_command("demo", households=args.households, seed=args.seed, reset=True, stdout=StringIO())
    print(f"demo loaded in         {time.perf_counter() - started:.1f} s (not measured)")
    _refresh_statistics()
    return ward


def _refresh_statistics() -> None:
    """What autovacuum (PostgreSQL) would do shortly after a bulk load: without statistics
    the planner takes the freshly loaded tables for tiny ones. Outside the timing."""
    from django.db import connection

    statements = {
        "postgresql": [f"VACUUM ANALYZE {table}" for table in _TABLES],
        "sqlite": ["ANALYZE"],
    }
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


def _polygon() -> dict:
    import shapely

    from taicho.demo import geography
    from taicho.geo.geojson import to_geojson

    min_lon, min_lat, max_lon, max_lat = geography.WARD_AREA.bounds
    west = shapely.box(min_lon, min_lat, min_lon + SHARE_OF_WIDTH * (max_lon - min_lon), max_lat)
    return to_geojson(west.intersection(geography.WARD_AREA))


def one_point_at_a_time(area, lons, lats):
    """The baseline containment: a Python loop over shapely Points (prepared geometry)."""
    import numpy as np
    import shapely
    from shapely.geometry import Point

    shapely.prepare(area)
    return np.fromiter(
        (area.contains(Point(lon, lat)) for lon, lat in zip(lons, lats, strict=True)),
        dtype=bool,
        count=len(lons),
    )


def _median_seconds(function, repeat: int) -> tuple[float, object]:
    result = function()  # warm-up: the database's pages and the code paths
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run(args: argparse.Namespace) -> int:
    import numpy as np
    from django.contrib.auth import get_user_model
    from django.db import connection

    from taicho.community.models import Household
    from taicho.demo.users import ADMIN_USERNAME
    from taicho.geo.geojson import parse_geometry
    from taicho.warnings import targeting
    from taicho.warnings.services import alert_draft

    ward = _load(args)
    if ward is None:
        return 1
    admin = get_user_model().objects.get(username=ADMIN_USERNAME)
    alert = alert_draft(
        actor=admin, ward=ward, hazard_type="flood", level=3, area_geometry=_polygon()
    )
    households = Household.objects.filter(ward=ward).count()

    fast, result = _median_seconds(lambda: targeting.target_households(alert=alert), args.repeat)
    slow, baseline = _median_seconds(
        lambda: targeting.target_households(alert=alert, contains=one_point_at_a_time),
        args.repeat,
    )
    if not np.array_equal(result.household_ids, baseline.household_ids):
        print("The two methods disagree on the households: a bug.", file=sys.stderr)
        return 1

    # The containment step alone, on the points the bounding-box query returns.
    area = parse_geometry(alert.area_geometry)
    min_lon, min_lat, max_lon, max_lat = area.bounds
    points = np.array(
        Household.objects.filter(
            ward=ward, lon__range=(min_lon, max_lon), lat__range=(min_lat, max_lat)
        ).values_list("lon", "lat"),
        dtype=np.float64,
    )
    vectorised_step, _ = _median_seconds(
        lambda: targeting.contains_vectorised(area, points[:, 0], points[:, 1]), args.repeat
    )
    loop_step, _ = _median_seconds(
        lambda: one_point_at_a_time(area, points[:, 0], points[:, 1]), args.repeat
    )

    settings = connection.settings_dict
    print(f"database               {connection.vendor} {settings['NAME']}")
    print(f"households in the ward {households:,}")
    print(
        f"targeted by the polygon {result.households:,} households, {result.residents:,} "
        f"residents, {result.vulnerable:,} vulnerable, {len(result.by_group)} groups"
    )
    print(
        f"target_households      {fast * 1000:.0f} ms  (median of {args.repeat}; "
        f"{households / fast:,.0f} households/s)"
    )
    print(
        f"baseline               {slow * 1000:.0f} ms  (same, one point at a time; "
        f"{households / slow:,.0f} households/s)"
    )
    print(f"ratio                  {slow / fast:.2f}× faster than the baseline end to end")
    print(
        f"containment alone      {vectorised_step * 1000:.1f} ms vectorised, "
        f"{loop_step * 1000:.1f} ms one at a time ({loop_step / vectorised_step:.1f}×) "
        f"for {len(points):,} points in the bounding box"
    )
    return 0


def main(argv: list[str]) -> int:
    return run_on_database(run, _parse(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
