"""The dispatch's board: who was targeted, reached, answered — in all, per channel, per group.

Targeted households are the dispatch's target computed now (a household that moved into the
area since is counted, and shows as not reached: someone must tell it). Everything is counted
in numpy over narrow columns, as targeting is, so the board stays quick at ward scale while
it refreshes every few seconds. A group leader sees their own groups only.
"""

from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import Count, Q

from taicho.channels import registry
from taicho.channels.models import ChannelConfig
from taicho.community.models import Household
from taicho.core.access import can_write
from taicho.core.models import ResidentialGroup, Ward
from taicho.dispatch.answer_models import Answer, AnswerKind, WelfareCheck
from taicho.dispatch.models import Dispatch, DispatchKind, Message, MessageStatus
from taicho.shelters.models import Evacuation, EvacuationHousehold
from taicho.warnings.models import Alert
from taicho.warnings.selectors import visible_targets
from taicho.warnings.targeting import TargetResult, compute_targets, spec_of

NO_ANSWER = "none"
DELIVERED = "delivered"
LIST_LIMIT = 200  # households listed on the board itself; the printable list has them all
# Codes of household states on the map and in arrays (small ints, in order of urgency).
STATE_CODES = {AnswerKind.NEEDS_HELP: 3, AnswerKind.SAFE: 2, AnswerKind.RECEIVED: 1, NO_ANSWER: 0}


def dispatch_for(*, user, ward: Ward, dispatch_id: int) -> Dispatch:
    """One of the ward's dispatches the user may see (DoesNotExist otherwise)."""
    return (
        Dispatch.objects.visible_to(user)
        .select_related("alert", "welfare_check", "evacuation")
        .get(ward=ward, pk=dispatch_id)
    )


def household_states(*, dispatch: Dispatch) -> dict[int, str]:
    """Each answering household's state: its latest "safe" or "needs help", else "received"."""
    states: dict[int, str] = {}
    rows = (
        Answer.objects.filter(dispatch=dispatch, household_id__isnull=False)
        .order_by("at", "id")
        .values_list("household_id", "kind")
    )
    for household_id, kind in rows:
        # Any reply at all says the message arrived; only "safe" or "needs help" say more.
        kind = AnswerKind.RECEIVED if kind == AnswerKind.OTHER else kind
        if kind != AnswerKind.RECEIVED or household_id not in states:
            states[household_id] = kind
    return states


def _by_spec(source) -> TargetResult:
    """An alert's or a welfare check's target: its area, zones, groups, computed now."""
    return compute_targets(spec_of(source))


def _by_evacuation(evacuation: Evacuation) -> TargetResult:
    """An evacuation's households: those on its list."""
    rows = np.array(
        EvacuationHousehold.objects.filter(evacuation=evacuation)
        .order_by("household_id")
        .values_list("household_id", "household__group_id"),
        dtype=np.int64,
    ).reshape(-1, 2)
    zeros = np.zeros(len(rows), dtype=np.int64)
    return TargetResult(
        household_ids=rows[:, 0],
        group_ids=rows[:, 1],
        residents_per_household=zeros,
        vulnerable_per_household=zeros,
    )


# Who a dispatch was meant to reach, by what was sent.
TARGETS = {Alert: _by_spec, WelfareCheck: _by_spec, Evacuation: _by_evacuation}


def targets(*, user, dispatch: Dispatch) -> TargetResult:
    source = dispatch.source
    target = TARGETS.get(type(source))
    if target is None:  # a routine notice: no target to count
        return TargetResult()
    return visible_targets(target(source), user=user, ward_id=dispatch.ward_id)


def reached_ids(*, dispatch: Dispatch) -> np.ndarray:
    """Households at least one of whose messages went out."""
    ids = (
        Message.objects.filter(
            dispatch=dispatch, status=MessageStatus.SENT, household_id__isnull=False
        )
        .order_by()
        .values_list("household_id", flat=True)
        .distinct()
    )
    return np.fromiter(ids, dtype=np.int64)


def state_array(*, household_ids: np.ndarray, states: dict[int, str]) -> np.ndarray:
    codes = np.zeros(len(household_ids), dtype=np.int8)
    if states:
        answered = np.fromiter(states, dtype=np.int64)
        answered_codes = np.fromiter((STATE_CODES[k] for k in states.values()), dtype=np.int8)
        order = np.argsort(answered)
        positions = np.searchsorted(answered[order], household_ids)
        positions = np.clip(positions, 0, len(answered) - 1)
        found = answered[order][positions] == household_ids
        codes[found] = answered_codes[order][positions[found]]
    return codes


@dataclass(frozen=True)
class Tally:
    targeted: int = 0
    reached: int = 0
    received: int = 0
    safe: int = 0
    needs_help: int = 0

    @property
    def no_answer(self) -> int:
        return self.targeted - self.received - self.safe - self.needs_help

    @property
    def acknowledged(self) -> int:
        return self.received + self.safe + self.needs_help

    @property
    def not_reached(self) -> int:
        return self.targeted - self.reached


def _tally(reached: np.ndarray, codes: np.ndarray) -> Tally:
    counts = np.bincount(codes, minlength=4)
    return Tally(
        targeted=len(codes),
        reached=int(reached.sum()),
        received=int(counts[STATE_CODES[AnswerKind.RECEIVED]]),
        safe=int(counts[STATE_CODES[AnswerKind.SAFE]]),
        needs_help=int(counts[STATE_CODES[AnswerKind.NEEDS_HELP]]),
    )


@dataclass(frozen=True)
class ChannelLine:
    name: str
    kind_label: str
    paused: bool
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(n for status, n in self.counts.items() if status != DELIVERED)


@dataclass(frozen=True)
class GroupLine:
    group: ResidentialGroup
    tally: Tally


@dataclass
class Board:
    dispatch: Dispatch
    tally: Tally
    statuses: dict[str, int]
    channels: list[ChannelLine]
    groups: list[GroupLine]
    unreached: list[Household] = field(default_factory=list)
    help_answers: list[Answer] = field(default_factory=list)
    # Replies no household's state shows: not understood, or from a phone that is no
    # household's (a leader's, the staff's). Only for those who send the ward's messages.
    to_read: list[Answer] = field(default_factory=list)


def _channel_lines(dispatch: Dispatch) -> tuple[dict[str, int], list[ChannelLine]]:
    rows = (
        Message.objects.filter(dispatch=dispatch)
        .order_by()
        .values_list("channel_id", "status")
        .annotate(n=Count("*"), delivered=Count("pk", filter=Q(delivered_at__isnull=False)))
    )
    per_channel: dict[int, dict[str, int]] = {}
    # "delivered" counts the sent messages whose provider reported them on the phone.
    names = [*MessageStatus.values, DELIVERED]
    totals = dict.fromkeys(names, 0)
    for channel_id, status, n, delivered in rows:
        counts = per_channel.setdefault(channel_id, dict.fromkeys(names, 0))
        counts[status] = n
        counts[DELIVERED] += delivered
        totals[status] += n
        totals[DELIVERED] += delivered
    kinds = registry.kinds()
    lines = []
    for channel in ChannelConfig.objects.filter(pk__in=list(per_channel)).order_by("name"):
        kind = kinds.get(channel.kind)
        lines.append(
            ChannelLine(
                name=channel.name,
                kind_label=str(kind.label) if kind else channel.kind,
                paused=not channel.active,
                counts=per_channel[channel.pk],
            )
        )
    return totals, lines


def dispatch_board(*, user, ward: Ward, dispatch_id: int) -> Board:
    dispatch = dispatch_for(user=user, ward=ward, dispatch_id=dispatch_id)
    result = targets(user=user, dispatch=dispatch)
    reached = np.isin(result.household_ids, reached_ids(dispatch=dispatch))
    codes = state_array(
        household_ids=result.household_ids, states=household_states(dispatch=dispatch)
    )
    groups = ResidentialGroup.objects.filter(ward=ward, id__in=np.unique(result.group_ids).tolist())
    group_lines = []
    for group in groups:
        mask = result.group_ids == group.pk
        group_lines.append(GroupLine(group=group, tally=_tally(reached[mask], codes[mask])))
    statuses, channels = _channel_lines(dispatch)
    unreached_ids = result.household_ids[~reached][:LIST_LIMIT].tolist()
    return Board(
        dispatch=dispatch,
        tally=_tally(reached, codes),
        statuses=statuses,
        channels=channels,
        groups=group_lines,
        unreached=list(
            Household.objects.filter(pk__in=unreached_ids)
            .select_related("group")
            .order_by("group__code", "code")
        ),
        help_answers=list(
            Answer.objects.filter(
                dispatch=dispatch,
                kind=AnswerKind.NEEDS_HELP,
                household_id__in=result.household_ids[
                    codes == STATE_CODES[AnswerKind.NEEDS_HELP]
                ].tolist()[:LIST_LIMIT],
            )
            .select_related("household", "household__group")
            .order_by("-at")
        ),
        to_read=_to_read(user=user, dispatch=dispatch),
    )


def _to_read(*, user, dispatch: Dispatch) -> list[Answer]:
    if not can_write(user, ward_id=dispatch.ward_id, topic=Dispatch.scope_topic):
        return []
    return list(
        Answer.objects.filter(dispatch=dispatch)
        .filter(Q(kind=AnswerKind.OTHER) | Q(household__isnull=True, kind=AnswerKind.NEEDS_HELP))
        .select_related("message", "household")
        .order_by("-at")[:LIST_LIMIT]
    )


def answer_map(*, user, ward: Ward, dispatch_id: int) -> dict:
    """The targeted households with coordinates, each with its state, for the board's map."""
    dispatch = dispatch_for(user=user, ward=ward, dispatch_id=dispatch_id)
    result = targets(user=user, dispatch=dispatch)
    codes = dict(
        zip(
            result.household_ids.tolist(),
            state_array(
                household_ids=result.household_ids, states=household_states(dispatch=dispatch)
            ).tolist(),
            strict=True,
        )
    )
    # The ward's located households, filtered here: a target's ids may be too many for IN (…).
    # Read through the cursor: at 100,000 rows the ORM's per-row work is most of the time.
    located = Household.objects.filter(ward=ward, lat__isnull=False, lon__isnull=False)
    sql, params = located.order_by().values_list("pk", "code", "lat", "lon").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    households = [
        [code, round(lat, 6), round(lon, 6), codes[pk]]
        for pk, code, lat, lon in rows
        if pk in codes
    ]
    return {"states": dict(STATE_CODES), "households": households}


# Who is to be visited, by what was sent: after a welfare check, everyone who has not said
# "safe" or "needs help" (an opened link is not an answer); after an alert or an evacuation
# order, those with no sign at all that it arrived.
VISIT_STATES = {DispatchKind.WELFARE: (NO_ANSWER, AnswerKind.RECEIVED)}
DEFAULT_VISIT_STATES = (NO_ANSWER,)


def unanswered_by_group(*, user, ward: Ward, dispatch_id: int, group_id: int | None = None):
    """[(group, [household…])] of the targeted households to visit: the door-to-door lists."""
    dispatch = dispatch_for(user=user, ward=ward, dispatch_id=dispatch_id)
    result = targets(user=user, dispatch=dispatch)
    codes = state_array(
        household_ids=result.household_ids, states=household_states(dispatch=dispatch)
    )
    states = VISIT_STATES.get(dispatch.kind, DEFAULT_VISIT_STATES)
    ids = result.household_ids[np.isin(codes, [STATE_CODES[state] for state in states])]
    households = (
        Household.objects.visible_to(user)
        .filter(ward=ward, group_id__in=np.unique(result.group_ids).tolist())
        .select_related("group")
    )
    if group_id is not None:
        households = households.filter(group_id=group_id)
    chosen = set(ids.tolist())
    listed: dict[int, tuple[ResidentialGroup, list[Household]]] = {}
    for household in households.annotate(persons=Count("residents")).order_by(
        "group__code", "code"
    ):
        if household.pk in chosen:
            listed.setdefault(household.group_id, (household.group, []))[1].append(household)
    return dispatch, list(listed.values())
