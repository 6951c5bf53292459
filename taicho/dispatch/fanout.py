"""Fan-out: one message per recipient × channel, made set-based inside the database.

Django's bulk_create writes about 17,000 rows/s into PostgreSQL; INSERT … SELECT writes ten
times that (reference/perf-building-blocks.md). So no recipient passes through Python:
1. one CREATE TEMP TABLE … AS SELECT copies the targeted households (id, group, phones) with
   their tier: 1 for a vulnerable resident or a poor household, else 2. The ward, groups
   and zones are conditions on one scan of the households, so each is there once; a
   polygon's ids (targeting's bounding-box query and vectorised test) are loaded first;
2. for each active phone channel, one INSERT … SELECT over residents' phones, household
   phones and the targeted groups' leaders, one row per phone with its most urgent tier:
   the same phone gets one message per channel. A second run (a channel added since) skips
   the addresses the channel already has, under a lock of the dispatch row.
No index or foreign-key trigger is kept up per row beyond the key and the three indexes the
workers read (models.Message). bench/fanout.py, on a shared 2-core machine: 100,000
messages in 0.6–0.7 s on SQLite and 1.1–1.3 s on PostgreSQL; a million on PostgreSQL in
10–11 s, where the same rows take 2–2.5 s into a bare table and 7–9 s into one with the
message table's key and indexes: these, not the query, are most of the time left.
Channels whose recipients are places (loudspeaker clusters, web addresses) get one message
per address listed in their configuration, and the ward's staff (command board, officers,
leaders of the targeted groups) one on each contact they gave for alerts: tens of rows,
written by the ORM.
"""

from collections.abc import Callable

import numpy as np
import shapely
from django.db import connection
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from taicho.channels import registry
from taicho.channels.base import RecipientField
from taicho.channels.models import ChannelConfig
from taicho.community.models import Household, Resident
from taicho.community.vulnerability import vulnerable_q
from taicho.core.models import Membership
from taicho.core.roles import Role
from taicho.dispatch.dialects import AREA, TARGET, Dialect, dialect
from taicho.dispatch.models import Dispatch, DispatchKind, Message, MessageStatus, RecipientTier
from taicho.exposure.models import HouseholdZone
from taicho.warnings.targeting import TargetSpec, contains_vectorised

ID_CHUNK = 50_000  # household ids per statement when a polygon's ids are loaded
ANALYZE_AFTER = 10_000  # messages made by one fan-out that call for fresh statistics

MESSAGE_COLUMNS = (
    "ward_id, dispatch_id, channel_id, household_id, resident_id, address, priority, status, "
    "attempts, next_attempt_at, claimed_by, claimed_until, provider_id, last_error, sent_at, "
    "delivered_at, idempotency_key, text"
)


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    sql, params = queryset.order_by().query.sql_with_params()
    return sql, tuple(params)


def fill_targets(spec: TargetSpec) -> int:
    """Write the targeted households into the temporary table; return how many."""
    sql = dialect(connection)
    households = Household.objects.filter(ward_id=spec.ward_id)
    with connection.cursor() as cursor:
        for statement in sql.prepare:
            cursor.execute(statement)
        _drop(cursor)
        if not spec.whole_ward:
            households = households.filter(_chosen(cursor, sql, spec))
        return _copy_target(cursor, households, ward_id=spec.ward_id)


def fill_target_ids(*, ward_id: int, household_ids) -> int:
    """The same for a list of households (an evacuation's): loaded in chunks, no IN (…)."""
    sql = dialect(connection)
    with connection.cursor() as cursor:
        _drop(cursor)
        _load_area(cursor, sql, np.asarray(household_ids, dtype=np.int64))
        households = Household.objects.filter(ward_id=ward_id, pk__in=_area_ids())
        return _copy_target(cursor, households, ward_id=ward_id)


def _area_ids() -> RawSQL:
    return RawSQL(f"SELECT household_id FROM {AREA}", ())  # noqa: S608, S611


def _load_area(cursor, sql: Dialect, ids: np.ndarray) -> None:
    cursor.execute(sql.create_area)
    for start in range(0, len(ids), ID_CHUNK):
        cursor.execute(sql.load_ids, [sql.ids_param(ids[start : start + ID_CHUNK])])


def _copy_target(cursor, households: QuerySet, *, ward_id: int) -> int:
    """CREATE TEMP TABLE … AS the households with their group, phones and tier; how many."""
    vulnerable = Resident.objects.filter(vulnerable_q(), ward_id=ward_id)
    tier = Case(
        When(
            Q(pk__in=vulnerable.values("household_id")) | ~Q(poverty=""),
            then=Value(int(RecipientTier.VULNERABLE)),
        ),
        default=Value(int(RecipientTier.OTHER)),
    )
    select, params = _sql(
        households.annotate(tier=tier).values("group_id", "tier", "phones", household_id=F("pk"))
    )
    cursor.execute(f"CREATE TEMP TABLE {TARGET} AS {select}", params)
    cursor.execute(f"SELECT COUNT(*) FROM {TARGET}")  # noqa: S608
    return cursor.fetchone()[0]


def _chosen(cursor, sql: Dialect, spec: TargetSpec) -> Q:
    """The households of the spec's groups, zones and polygon (none for an empty spec)."""
    chosen = Q(pk__isnull=True)
    if spec.group_ids:
        chosen |= Q(group_id__in=spec.group_ids)
    if spec.zone_ids:
        zones = HouseholdZone.objects.filter(ward_id=spec.ward_id, zone_id__in=spec.zone_ids)
        chosen |= Q(pk__in=zones.values("household_id"))
    if spec.area is not None:
        _load_area(cursor, sql, _in_area(Household.objects.filter(ward_id=spec.ward_id), spec.area))
        chosen |= Q(pk__in=_area_ids())
    return chosen


def drop_targets() -> None:
    with connection.cursor() as cursor:
        _drop(cursor)


def _drop(cursor) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {TARGET}")
    cursor.execute(f"DROP TABLE IF EXISTS {AREA}")


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
        f"(SELECT t.group_id FROM {TARGET} t)"
    )


def _phones(*, dispatch: Dispatch, channel: ChannelConfig, now) -> int:
    sql = dialect(connection)
    select = sql.one_per_address.format(candidates=_phone_candidates(sql))
    params = [
        dispatch.ward_id,
        dispatch.pk,
        channel.pk,
        dispatch.priority,
        MessageStatus.QUEUED if channel.active else MessageStatus.HELD,
        connection.ops.adapt_datetimefield_value(now),
        f"{dispatch.key}:{channel.pk}:",
    ]
    missing = ""
    # A first run has nothing to skip; testing each row against the index would cost more.
    if Message.objects.filter(dispatch=dispatch, channel=channel).exists():
        missing = (
            "WHERE NOT EXISTS (SELECT 1 FROM dispatch_message m WHERE m.dispatch_id = %s "
            "AND m.channel_id = %s AND m.address = d.address)"
        )
        params += [dispatch.pk, channel.pk]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO dispatch_message ({MESSAGE_COLUMNS}) "  # noqa: S608
            "SELECT %s, %s, %s, d.household_id, d.resident_id, d.address, %s + d.tier, %s, 0, "
            f"%s, '', NULL, '', '', NULL, NULL, %s || d.address, '' FROM ({select}) d {missing}",
            params,
        )
        return max(cursor.rowcount, 0)


def _configured(name: str) -> Callable[..., int]:
    """Channels reaching places: one message per address listed in config[name]."""

    def create(*, dispatch: Dispatch, channel: ChannelConfig, now) -> int:
        addresses = [
            str(value).strip() for value in channel.config.get(name) or [] if str(value).strip()
        ]
        return _add(dispatch=dispatch, channel=channel, now=now, addresses=addresses)

    return create


# The ward's people told of every alert and evacuation order, besides the households: the
# command board, the officers and duty officers, and the leaders of the targeted groups, on
# the contacts they gave (taicho.web.account_views) and their account's e-mail.
STAFF_ROLES = (Role.COMMAND_BOARD, Role.PCTT_OFFICER, Role.DUTY_OFFICER)
STAFF_TOLD = frozenset({DispatchKind.ALERT, DispatchKind.EVACUATION_ORDER})
STAFF_CONTACTS = {
    RecipientField.PHONE: "phone",
    RecipientField.TELEGRAM_CHAT: "telegram_chat",
    RecipientField.EMAIL: "user__email",
}


def staff_addresses(*, dispatch: Dispatch, field: str) -> list[str]:
    """The staff's contacts in `field` (the target table must exist: leaders of its groups)."""
    targeted_groups = RawSQL(f"SELECT group_id FROM {TARGET}", ())  # noqa: S608, S611
    memberships = Membership.objects.filter(
        Q(role__in=STAFF_ROLES) | Q(role=Role.GROUP_LEADER, groups__in=targeted_groups),
        ward_id=dispatch.ward_id,
        user__is_active=True,
    )
    contact = STAFF_CONTACTS[field]
    values = memberships.exclude(**{contact: ""}).values_list(contact, flat=True).distinct()
    return sorted({str(value).strip() for value in values if str(value).strip()})


def _add(*, dispatch: Dispatch, channel: ChannelConfig, now, addresses) -> int:
    """One message per address the channel does not have yet in this dispatch (ORM: few)."""
    addresses = list(dict.fromkeys(addresses))
    if not addresses:
        return 0
    existing = set(
        Message.objects.filter(dispatch=dispatch, channel=channel, address__in=addresses)
        .order_by()
        .values_list("address", flat=True)
    )
    rows = [
        Message(
            ward_id=dispatch.ward_id,
            dispatch=dispatch,
            channel=channel,
            address=address,
            priority=dispatch.priority + RecipientTier.LEADER,
            status=MessageStatus.QUEUED if channel.active else MessageStatus.HELD,
            next_attempt_at=now,
            idempotency_key=f"{dispatch.key}:{channel.pk}:{address}",
        )
        for address in addresses
        if address not in existing
    ]
    return len(Message.objects.bulk_create(rows))


def _staff(*, dispatch: Dispatch, channel: ChannelConfig, now) -> int:
    if dispatch.kind not in STAFF_TOLD:
        return 0
    field = registry.kind_class(channel.kind).recipient_field
    addresses = staff_addresses(dispatch=dispatch, field=field)
    return _add(dispatch=dispatch, channel=channel, now=now, addresses=addresses)


# How each recipient field finds its addresses. The target's households (and their groups'
# leaders), set-based, all told the dispatch's one text:
HOUSEHOLD_RECIPIENTS: dict[str, tuple[Callable[..., int], ...]] = {
    RecipientField.PHONE: (_phones,),
}
# Everyone else told of the dispatch: the staff on their contacts, and the places a channel's
# configuration lists.
OTHER_RECIPIENTS: dict[str, tuple[Callable[..., int], ...]] = {
    RecipientField.PHONE: (_staff,),
    RecipientField.EMAIL: (_staff,),
    RecipientField.TELEGRAM_CHAT: (_staff,),
    RecipientField.LOUDSPEAKER_CLUSTER: (_configured("clusters"),),
    RecipientField.URL: (_configured("urls"),),
}


def create_messages(*, dispatch: Dispatch, now, households: bool = True) -> int:
    """One message per recipient × active channel of the ward; the number created.

    The dispatch row is locked first: a second run for the same alert waits for this one to
    commit, then finds its messages and adds none of them again. `households=False` leaves
    the target's households to the caller (evacuation orders, each in its own words).
    """
    tables = (HOUSEHOLD_RECIPIENTS, OTHER_RECIPIENTS) if households else (OTHER_RECIPIENTS,)
    Dispatch.objects.select_for_update().filter(pk=dispatch.pk).exists()
    created = 0
    # A paused channel gets its messages too, held until it is resumed (a gateway whose key
    # expired during the storm still delivers the alert once the key is renewed).
    channels = ChannelConfig.objects.filter(ward_id=dispatch.ward_id).order_by("id")
    offered = registry.kinds()
    for channel in channels:
        transport_class = offered.get(channel.kind)
        if transport_class is None:
            continue
        for table in tables:
            for create in table.get(transport_class.recipient_field, ()):
                created += create(dispatch=dispatch, channel=channel, now=now)
    sql = dialect(connection)
    if created >= ANALYZE_AFTER and sql.analyze_messages:
        with connection.cursor() as cursor:
            cursor.execute(sql.analyze_messages)
    return created
