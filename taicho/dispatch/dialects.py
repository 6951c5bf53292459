"""The few statements of the fan-out that differ between SQLite and PostgreSQL, in one table.

Everything else is plain SQL both speak. Only constant identifiers and other fragments of
this module are put into the texts; every value is a query parameter.

PostgreSQL gets two settings for the fan-out's transaction only: no JIT compiling (the
planner guesses 100 phones per household from the JSON list, so the cost passes the JIT
threshold, and compiling took 0.4 s of a 1.2 s query for 100,000 messages), and a work_mem
that lets the million-row deduplication sort in memory (90 MB) instead of on disk.
After a large fan-out it analyzes the message table (0.3 s for a million rows): with the
statistics of the table before, the planner took the queue for a few hundred rows and the
first claim sorted all of them (1 s) instead of reading 100 off the claim index (0.4 ms).
SQLite's planner takes the index without statistics.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

TARGET = "dispatch_target"
AREA = "dispatch_area"


@dataclass(frozen=True)
class Dialect:
    # Run first, inside the fan-out's transaction.
    prepare: tuple[str, ...]
    create_area: str
    # One parameter: a chunk of household ids, as `ids_param` makes it.
    load_ids: str
    ids_param: Callable[[np.ndarray], object]
    # Rows (household_id, tier, address) of the phones listed on the targeted households.
    household_phones: str
    # `{candidates}`: (household_id, resident_id, address, tier) rows, an address possibly
    # more than once; one row per address is kept, with its most urgent (lowest) tier.
    one_per_address: str
    # The claim: `{candidates}` is the ordered, limited id query; rows others hold are skipped.
    lock_candidates: str
    # After a large fan-out: fresh statistics, so the first claim reads the claim index.
    analyze_messages: str = ""


_HOUSEHOLD_PHONE_COLUMNS = "t.household_id AS household_id, t.tier AS tier"
# One row per phone at its most urgent tier, keeping a household when any row has one: a
# phone that is both a group leader's and a household's is that household's too, so its
# "cần giúp" shows on the household. SQLite groups; PostgreSQL sorts once (DISTINCT ON, a
# household's row first) and takes the tier over the phone's rows: a GROUP BY of a million
# phones took it 6 s more.
_ONE_PER_ADDRESS = (
    "SELECT max(c.household_id) AS household_id, max(c.resident_id) AS resident_id, "
    "c.address AS address, min(c.tier) AS tier FROM ({candidates}) c GROUP BY c.address"
)
_ONE_PER_ADDRESS_SORTED = (
    "SELECT DISTINCT ON (c.address) c.household_id, c.resident_id, c.address, "
    "min(c.tier) OVER (PARTITION BY c.address) AS tier FROM ({candidates}) c "
    "ORDER BY c.address, c.household_id IS NULL, c.tier"
)

DIALECTS: dict[str, Dialect] = {
    "sqlite": Dialect(
        prepare=(),
        create_area=f"CREATE TEMP TABLE {AREA} (household_id INTEGER PRIMARY KEY)",
        load_ids=(
            f"INSERT OR IGNORE INTO {AREA} (household_id) "  # noqa: S608
            "SELECT value FROM json_each(%s)"
        ),
        ids_param=lambda ids: json.dumps(ids.tolist()),
        household_phones=(
            f"SELECT {_HOUSEHOLD_PHONE_COLUMNS}, j.value AS address "  # noqa: S608
            f"FROM {TARGET} t, json_each(t.phones) j"
        ),
        # SQLite takes the bare columns from the row that holds the min().
        one_per_address=_ONE_PER_ADDRESS,
        lock_candidates="{candidates}",
    ),
    "postgresql": Dialect(
        prepare=("SET LOCAL jit = off", "SET LOCAL work_mem = '256MB'"),
        create_area=f"CREATE TEMPORARY TABLE {AREA} (household_id bigint PRIMARY KEY)",
        load_ids=(
            f"INSERT INTO {AREA} (household_id) SELECT unnest(%s::bigint[]) ON CONFLICT DO NOTHING"
        ),
        ids_param=lambda ids: ids.tolist(),
        # In the select list (not a lateral join): no per-household function scan.
        household_phones=(
            f"SELECT {_HOUSEHOLD_PHONE_COLUMNS}, "  # noqa: S608
            f"jsonb_array_elements_text(t.phones) AS address FROM {TARGET} t"
        ),
        one_per_address=_ONE_PER_ADDRESS_SORTED,
        lock_candidates="{candidates} FOR UPDATE SKIP LOCKED",
        analyze_messages="ANALYZE dispatch_message",
    ),
}


def dialect(connection) -> Dialect:
    try:
        return DIALECTS[connection.vendor]
    except KeyError:
        raise NotImplementedError(
            f"The fan-out has no SQL for the {connection.vendor} database."
        ) from None
