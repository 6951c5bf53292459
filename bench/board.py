"""How long the live board of a dispatch takes to build, against targeting alone.

The board refreshes every five seconds on every screen that shows it, so it must stay well
under a second for a ward. The figure: `dispatch_board()` (targeted, reached, answered, per
channel and per group, the first households not reached) and `answer_map()` (every targeted
household with coordinates and its answer), for an alert to a whole ward of N households
(default 100,000) after the worker has sent half the messages and one household in ten has
answered. The baseline, measured in the same run: the targeting computation alone
(`compute_targets`), which the board repeats on each refresh — the floor of its cost.

Runs against the database DATABASE_URL names (which must not hold the demo ward's data), or
a temporary SQLite file by default.
"""

import argparse
import statistics
import sys
import time

from bench._support import peak_rss_mb, run_on_database, whole_ward_alert

ROUNDS = 5


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench board", description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    return parser.parse_args(argv)


def _median_seconds(call) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _prepare(count: int):
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.fanout import _households
    from taicho.core.models import ResidentialGroup
    from taicho.core.services import membership_grant
    from taicho.demo.services import demo_ward
    from taicho.dispatch.answer_models import Answer, AnswerKind
    from taicho.dispatch.models import Message, MessageStatus
    from taicho.dispatch.services import dispatch_alert

    ward = demo_ward()
    group = ResidentialGroup.objects.create(ward=ward, code="B", name="Bench")
    _households(ward, group, count)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE community_household SET lat = 20.9 + (id %% 1000) * 0.0001, "
            "lon = 106.7 + (id / 1000 %% 1000) * 0.0001 WHERE ward_id = %s",
            [ward.pk],
        )
    officer = get_user_model().objects.create(username="bench-board")
    membership_grant(user=officer, role="pctt_officer", ward=ward)
    alert = whole_ward_alert(ward=ward, author=officer)
    dispatch = dispatch_alert(alert=alert)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE dispatch_message SET status = %s WHERE dispatch_id = %s AND id %% 2 = 0",
            [MessageStatus.SENT, dispatch.pk],
        )
    now = timezone.now()
    answered = Message.objects.filter(dispatch=dispatch, id__regex=r"0$")
    Answer.objects.bulk_create(
        Answer(
            ward=ward,
            dispatch=dispatch,
            household_id=household_id,
            kind=AnswerKind.SAFE if household_id % 3 else AnswerKind.NEEDS_HELP,
            via="bench",
            at=now,
        )
        for household_id in answered.values_list("household_id", flat=True).iterator()
    )
    return officer, ward, dispatch


def run(args: argparse.Namespace) -> int:
    from django.core.management import call_command
    from django.db import connection

    from taicho.demo.services import demo_ward, ward_has_data
    from taicho.dispatch.board import answer_map, dispatch_board
    from taicho.warnings.targeting import compute_targets, spec_of

    call_command("migrate", verbosity=0)
    if ward_has_data(ward=demo_ward()):
        print("The demo ward already has data: use an empty database.", file=sys.stderr)
        return 1
    officer, ward, dispatch = _prepare(args.households)
    spec = spec_of(dispatch.alert)
    targeting = _median_seconds(lambda: compute_targets(spec))
    board = _median_seconds(
        lambda: dispatch_board(user=officer, ward=ward, dispatch_id=dispatch.pk)
    )
    mapping = _median_seconds(lambda: answer_map(user=officer, ward=ward, dispatch_id=dispatch.pk))
    tally = dispatch_board(user=officer, ward=ward, dispatch_id=dispatch.pk).tally
    print(f"database               {connection.vendor}")
    print(
        f"households             {tally.targeted:,} targeted, {tally.reached:,} reached, "
        f"{tally.acknowledged:,} answered"
    )
    print(f"targeting (baseline)   {targeting * 1000:.0f} ms (median of {ROUNDS})")
    print(f"dispatch_board         {board * 1000:.0f} ms  ({board / targeting:.1f}× targeting)")
    print(f"answer_map             {mapping * 1000:.0f} ms  ({mapping / targeting:.1f}× targeting)")
    print(f"peak RSS               {peak_rss_mb():.0f} MB")
    return 0


def main(argv: list[str]) -> int:
    return run_on_database(run, _parse(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
