"""The few statements of the fan-out that differ between SQLite and PostgreSQL, in one table.

Everything else is plain SQL both speak. Only constant identifiers and other fragments of
this module are put into the texts; every value is a query parameter. `random_token` makes
a reply token in the database (128 bits from its strong random source), so no token list
is held in Python; conflicts on the idempotency key are skipped, so a second run is harmless.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

TARGET = "dispatch_target"


@dataclass(frozen=True)
class Dialect:
    create_target: str
    # `{select}`: a query of household ids; duplicates (a household in two zones) are skipped.
    fill_target: str
    # One parameter: a chunk of household ids, as `ids_param` makes it.
    load_ids: str
    ids_param: Callable[[np.ndarray], object]
    # Rows (household_id, tier, address) of the phones listed on the targeted households.
    household_phones: str
    random_token: str
    # `{columns}`, `{select}`: the message insert that skips an idempotency key already there.
    insert_messages: str
    # The claim: `{candidates}` is the ordered, limited id query; rows others hold are skipped.
    lock_candidates: str


_HOUSEHOLD_PHONE_COLUMNS = "t.household_id AS household_id, t.tier AS tier, j.value AS address"

DIALECTS: dict[str, Dialect] = {
    "sqlite": Dialect(
        create_target=(
            f"CREATE TEMP TABLE {TARGET} "
            "(household_id INTEGER PRIMARY KEY, tier INTEGER NOT NULL DEFAULT 2)"
        ),
        fill_target=f"INSERT OR IGNORE INTO {TARGET} (household_id) {{select}}",
        load_ids=(
            f"INSERT OR IGNORE INTO {TARGET} (household_id) "  # noqa: S608
            "SELECT value FROM json_each(%s)"
        ),
        ids_param=lambda ids: json.dumps(ids.tolist()),
        household_phones=(
            f"SELECT {_HOUSEHOLD_PHONE_COLUMNS} FROM {TARGET} t "  # noqa: S608
            "JOIN community_household h ON h.id = t.household_id, json_each(h.phones) j"
        ),
        random_token="lower(hex(randomblob(16)))",  # noqa: S106 (SQL, not a secret)
        insert_messages="INSERT OR IGNORE INTO dispatch_message ({columns}) {select}",
        lock_candidates="{candidates}",
    ),
    "postgresql": Dialect(
        create_target=(
            f"CREATE TEMPORARY TABLE {TARGET} "
            "(household_id bigint PRIMARY KEY, tier smallint NOT NULL DEFAULT 2)"
        ),
        fill_target=f"INSERT INTO {TARGET} (household_id) {{select}} ON CONFLICT DO NOTHING",
        load_ids=(
            f"INSERT INTO {TARGET} (household_id) SELECT unnest(%s::bigint[]) "
            "ON CONFLICT DO NOTHING"
        ),
        ids_param=lambda ids: ids.tolist(),
        household_phones=(
            f"SELECT {_HOUSEHOLD_PHONE_COLUMNS} FROM {TARGET} t "  # noqa: S608
            "JOIN community_household h ON h.id = t.household_id "
            "CROSS JOIN LATERAL jsonb_array_elements_text(h.phones) AS j(value)"
        ),
        random_token="replace(gen_random_uuid()::text, '-', '')",  # noqa: S106
        insert_messages=(
            "INSERT INTO dispatch_message ({columns}) {select} "
            "ON CONFLICT (idempotency_key) DO NOTHING"
        ),
        lock_candidates="{candidates} FOR UPDATE SKIP LOCKED",
    ),
}


def dialect(connection) -> Dialect:
    try:
        return DIALECTS[connection.vendor]
    except KeyError:
        raise NotImplementedError(
            f"The fan-out has no SQL for the {connection.vendor} database."
        ) from None
