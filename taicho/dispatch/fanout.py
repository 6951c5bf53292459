"""Fan-out: one message per recipient × channel, made set-based inside the database.

Django's bulk_create writes about 17,000 rows/s into PostgreSQL; INSERT … SELECT writes ten
times that (reference/perf-building-blocks.md). So no recipient passes through Python:
1. the targeted household ids go into a temporary table — by INSERT … SELECT for the whole
   ward, residential groups and hazard zones, and for a polygon by the bounding-box query
   plus shapely's vectorised test that targeting uses, loaded in chunks of ids;
2. households with a vulnerable resident (or poor) are marked tier 1 by one UPDATE;
3. for each active phone channel, one INSERT … SELECT over residents' phones, household
   phones and the targeted groups' leaders, ordered by tier so that when a phone appears
   twice the first (most urgent) row wins and the others hit the idempotency key and are
   skipped: the same phone gets one message per channel.
Channels whose recipients are places (loudspeaker clusters, web addresses) get one message
per address listed in their configuration: tens of rows, written by the ORM.
"""

import secrets
from collections.abc import Callable

import numpy as np
import shapely
from django.db import connection
from django.db.models import QuerySet

from taicho.channels import registry
from taicho.channels.base import RecipientField
from taicho.channels.models import ChannelConfig
from taicho.community.models import Household, Resident
from taicho.community.vulnerability import vulnerable_q
from taicho.dispatch.dialects import TARGET, Dialect, dialect
from taicho.dispatch.models import Dispatch, Message, MessageStatus, RecipientTier
from taicho.exposure.models import HouseholdZone
from taicho.warnings.targeting import TargetSpec, contains_vectorised

ID_CHUNK = 50_000  # household ids per statement when a polygon's ids are loaded

MESSAGE_COLUMNS = (
    "ward_id, dispatch_id, channel_id, household_id, resident_id, address, priority, status, "
    "attempts, next_attempt_at, claimed_by, claimed_until, provider_id, last_error, sent_at, "
    "idempotency_key, token"
)


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    sql, params = queryset.order_by().query.sql_with_params()
    return sql, tuple(params)


def fill_targets(spec: TargetSpec) -> int:
    """Write the target's household ids into the temporary table; return how many."""
    sql = dialect(connection)
    households = Household.objects.filter(ward_id=spec.ward_id)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TARGET}")
        cursor.execute(sql.create_target)
        selects = []
        if spec.whole_ward:
            selects.append(households.values("id"))
        else:
            if spec.group_ids:
                selects.append(households.filter(group_id__in=spec.group_ids).values("id"))
            if spec.zone_ids:
                selects.append(
                    HouseholdZone.objects.filter(
                        ward_id=spec.ward_id, zone_id__in=spec.zone_ids
                    ).values("household_id")
                )
            if spec.area is not None:
                _load_ids(cursor, sql, _in_area(households, spec.area))
        for queryset in selects:
            select, params = _sql(queryset)
            cursor.execute(sql.fill_target.format(select=select), params)
        _mark_vulnerable(cursor, spec.ward_id)
        cursor.execute(f"SELECT COUNT(*) FROM {TARGET}")  # noqa: S608
        return cursor.fetchone()[0]


def drop_targets() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TARGET}")


def _in_area(households: QuerySet, area: shapely.Geometry) -> np.ndarray:
    """The ids inside a polygon: targeting's bounding-box query and vectorised test."""
    min_lon, min_lat, max_lon, max_lat = area.bounds
    select, params = _sql(
        households.filter(
            lon__gte=min_lon, lon__lte=max_lon, lat__gte=min_lat, lat__lte=max_lat
        ).values_list("id", "lon", "lat")
    )
    with connection.cursor() as cursor:
        cursor.execute(select, params)
        points = np.array(cursor.fetchall(), dtype=np.float64).reshape(-1, 3)
    inside = contains_vectorised(area, points[:, 1], points[:, 2])
    return points[inside, 0].astype(np.int64)


def _load_ids(cursor, sql: Dialect, ids: np.ndarray) -> None:
    for start in range(0, len(ids), ID_CHUNK):
        cursor.execute(sql.load_ids, [sql.ids_param(ids[start : start + ID_CHUNK])])


def _mark_vulnerable(cursor, ward_id: int) -> None:
    vulnerable, params = _sql(
        Resident.objects.filter(vulnerable_q(), ward_id=ward_id).values("household_id")
    )
    poor, poor_params = _sql(
        Household.objects.filter(ward_id=ward_id).exclude(poverty="").values("id")
    )
    cursor.execute(
        f"UPDATE {TARGET} SET tier = %s "  # noqa: S608
        f"WHERE household_id IN ({vulnerable}) OR household_id IN ({poor})",
        (RecipientTier.VULNERABLE, *params, *poor_params),
    )


def _phone_candidates(sql: Dialect) -> str:
    """(household_id, resident_id, address, tier) of every phone the target reaches."""
    return (
        "SELECT r.household_id AS household_id, r.id AS resident_id, r.phone AS address, "  # noqa: S608
        f"t.tier AS tier FROM community_resident r JOIN {TARGET} t "
        "ON t.household_id = r.household_id WHERE r.phone <> '' "
        "UNION ALL "
        "SELECT p.household_id, NULL, p.address, p.tier "
        f"FROM ({sql.household_phones}) p WHERE p.address <> '' "
        "UNION ALL "
        f"SELECT NULL, NULL, g.leader_phone, {int(RecipientTier.LEADER)} "
        "FROM core_residentialgroup g WHERE g.leader_phone <> '' AND g.id IN "
        f"(SELECT h.group_id FROM community_household h JOIN {TARGET} t "
        "ON t.household_id = h.id)"
    )


def _phones(*, dispatch: Dispatch, channel: ChannelConfig, now) -> int:
    sql = dialect(connection)
    select = (
        "SELECT %s, %s, %s, c.household_id, c.resident_id, c.address, %s + c.tier, %s, 0, %s, "  # noqa: S608
        f"'', NULL, '', '', NULL, %s || c.address, {sql.random_token} "
        f"FROM ({_phone_candidates(sql)}) c ORDER BY c.tier"
    )
    params = (
        dispatch.ward_id,
        dispatch.pk,
        channel.pk,
        dispatch.priority,
        MessageStatus.QUEUED,
        connection.ops.adapt_datetimefield_value(now),
        f"{dispatch.key}:{channel.pk}:",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql.insert_messages.format(columns=MESSAGE_COLUMNS, select=select), params)
        return max(cursor.rowcount, 0)


def _configured(name: str) -> Callable[..., int]:
    """Channels reaching places: one message per address listed in config[name]."""

    def create(*, dispatch: Dispatch, channel: ChannelConfig, now) -> int:
        addresses = dict.fromkeys(
            str(value).strip() for value in channel.config.get(name) or [] if str(value).strip()
        )
        rows = [
            Message(
                ward_id=dispatch.ward_id,
                dispatch=dispatch,
                channel=channel,
                address=address,
                priority=dispatch.priority + RecipientTier.LEADER,
                next_attempt_at=now,
                idempotency_key=f"{dispatch.key}:{channel.pk}:{address}",
                token=secrets.token_hex(16),
            )
            for address in addresses
        ]
        before = Message.objects.filter(dispatch=dispatch, channel=channel).count()
        Message.objects.bulk_create(rows, ignore_conflicts=True)
        return Message.objects.filter(dispatch=dispatch, channel=channel).count() - before

    return create


# How each recipient field finds its addresses. Kinds whose contacts the registries do not
# hold (e-mail, Telegram chats) get none from a fan-out.
RECIPIENTS: dict[str, Callable[..., int]] = {
    RecipientField.PHONE: _phones,
    RecipientField.LOUDSPEAKER_CLUSTER: _configured("clusters"),
    RecipientField.URL: _configured("urls"),
}


def create_messages(*, dispatch: Dispatch, now) -> int:
    """One message per recipient × active channel of the ward; the number created."""
    created = 0
    channels = ChannelConfig.objects.filter(ward_id=dispatch.ward_id, active=True).order_by("id")
    offered = registry.kinds()
    for channel in channels:
        transport_class = offered.get(channel.kind)
        create = RECIPIENTS.get(transport_class.recipient_field) if transport_class else None
        if create is not None:
            created += create(dispatch=dispatch, channel=channel, now=now)
    return created
