"""How fast issuing an alert queues one message per recipient, against the raw insert speed.

The figure: `dispatch_alert(alert=…)` end to end for an alert to the whole ward with N
targeted recipients (default 100,000): the target table, the vulnerable households, and one
message per phone on one locmem channel, deduplicated, with idempotency keys and reply
tokens — rows/s, peak RSS, and the time from "issue" to the first 1,000 messages handed to
the locmem channel by an in-process worker.

The baseline, measured in the same run: a raw set-based INSERT … SELECT of the same number
of rows of the message table's shape into a scratch table without indexes — what the
database itself can write. The ratio (baseline time / fan-out time) says how close the
fan-out comes to it (aim: at least 0.5).

The recipients are built directly, set-based (not by `taicho demo`, which would take longer
than what is measured): N households of the demo ward, each with one phone, one in ten poor.
Runs against the database DATABASE_URL names (which must not hold the demo ward's data), or a
temporary SQLite file by default.
"""

import argparse
import sys
import time

from bench._support import peak_rss_mb, run_on_database

SCRATCH = "bench_fanout_raw"
NUMBERS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s) "
# One phone per household, as a JSON list; the rest of the household row is vendor-neutral.
PHONES = {
    "sqlite": "json_array(printf('09%%08d', i))",
    "postgresql": "jsonb_build_array('09' || lpad(i::text, 8, '0'))",
}
TEXT_OF = {"sqlite": "printf('%%d', i)", "postgresql": "i::text"}


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench fanout", description=__doc__)
    parser.add_argument("--recipients", type=int, default=100_000)
    return parser.parse_args(argv)


def _households(ward, group, count: int) -> None:
    from django.db import connection, transaction

    vendor = connection.vendor
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            NUMBERS + "INSERT INTO community_household (ward_id, code, address, group_id, lat, "
            "lon, phones, housing_type, poverty, search_text, updated_at) "
            f"SELECT %s, 'B' || {TEXT_OF[vendor]}, 'bench', %s, NULL, NULL, {PHONES[vendor]}, "
            "'solid', CASE WHEN i %% 10 = 0 THEN 'poor' ELSE '' END, '', %s FROM n",
            [count, ward.pk, group.pk, connection.ops.adapt_datetimefield_value(_now())],
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vendor == "postgresql" else "ANALYZE")


def _now():
    from django.utils import timezone

    return timezone.now()


def _raw_insert(count: int) -> float:
    """Seconds for the database to write `count` message-shaped rows with INSERT … SELECT."""
    from django.db import connection, transaction

    text = TEXT_OF[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {SCRATCH}")
        cursor.execute(
            f"CREATE TABLE {SCRATCH} (ward_id bigint, dispatch_id bigint, channel_id bigint, "
            "household_id bigint, address varchar(300), priority smallint, status varchar(10), "
            "next_attempt_at varchar(40), idempotency_key varchar(400), token varchar(32))"
        )
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            NUMBERS + f"INSERT INTO {SCRATCH} SELECT 1, 1, 1, i, '09' || {text}, 2, 'queued', "
            f"'2026-01-01', 'alert:1:1:09' || {text}, 'tok' || {text} FROM n",
            [count],
        )
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {SCRATCH}")
    return seconds


def run(args: argparse.Namespace) -> int:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from taicho.channels.locmem.transport import outbox
    from taicho.channels.models import ChannelConfig
    from taicho.core.models import ResidentialGroup
    from taicho.demo.services import demo_ward, ward_has_data
    from taicho.dispatch import worker
    from taicho.dispatch.services import dispatch_alert
    from taicho.warnings.models import Alert, AlertStatus

    call_command("migrate", verbosity=0)
    ward = demo_ward()
    if ward_has_data(ward=ward):
        print(
            f"{ward} already has data in this database: point DATABASE_URL at an empty "
            "database, or leave it unset to use a temporary SQLite file.",
            file=sys.stderr,
        )
        return 1
    group = ResidentialGroup.objects.create(ward=ward, code="B", name="Bench")
    started = time.perf_counter()
    _households(ward, group, args.recipients)
    print(f"recipients built in    {time.perf_counter() - started:.1f} s (not measured)")
    author = get_user_model().objects.create(username="bench-fanout")
    ChannelConfig.objects.create(
        ward=ward, kind="locmem", name="SMS", config={}, rate_per_second=1e9
    )
    alert = Alert.objects.create(
        ward=ward,
        hazard_type="storm",
        level=4,
        headline="Bench",
        sms_text="Bão số 3 sắp đổ bộ. Ở trong nhà.",
        long_text="Bão",
        spoken_script="Bão",
        response_type="shelter",
        author=author,
        status=AlertStatus.ISSUED,
        whole_ward=True,
    )
    rss_before = peak_rss_mb()
    issued = time.perf_counter()
    dispatch = dispatch_alert(alert=alert)
    fanout_seconds = time.perf_counter() - issued
    rss_after = peak_rss_mb()
    while len(outbox) < 1000:
        if not worker.run_batch(worker_id="bench", batch=100, lease_seconds=60):
            break
    first_thousand = time.perf_counter() - issued
    raw_seconds = _raw_insert(dispatch.messages_created)

    rows = dispatch.messages_created
    print(f"database               {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"messages queued        {rows:,} for {dispatch.households:,} households")
    print(f"dispatch_alert         {fanout_seconds:.2f} s  ({rows / fanout_seconds:,.0f} rows/s)")
    print(f"raw INSERT … SELECT    {raw_seconds:.2f} s  ({rows / raw_seconds:,.0f} rows/s)")
    print(f"ratio                  {raw_seconds / fanout_seconds:.2f} of the raw insert speed")
    print(f"issue → 1,000 sent     {first_thousand:.2f} s  ({len(outbox):,} in the locmem outbox)")
    print(
        f"peak RSS               {rss_before:.0f} MB before the fan-out, {rss_after:.0f} MB after"
    )
    return 0


def main(argv: list[str]) -> int:
    return run_on_database(run, _parse(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
