"""Evacuation orders: each household of a started evacuation is told where to go, in its own
words (its shelter, how far, who to call), on every phone channel of the ward.

The shelters app says who goes where (`evacuation_orders()`) and announces new or changed
orders with its `evacuation_ordered` signal after the commit; this module turns them into
messages. An evacuation's orders are few — hundreds or thousands of households, not a
million — and each differs, so they are written by the ORM with their own text rather than
by the set-based fan-out. One dispatch per evacuation: a household whose order changes (a
new shelter) gets the new order as a new message; one whose order is the same gets nothing.
The staff and the loudspeaker clusters are told as for an alert (fanout.OTHER_RECIPIENTS).
"""

import hashlib

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from taicho.channels import registry
from taicho.channels.base import RecipientField
from taicho.channels.models import ChannelConfig
from taicho.community.models import Household, Resident
from taicho.community.vulnerability import vulnerable_q
from taicho.core.models import ResidentialGroup
from taicho.dispatch import fanout
from taicho.dispatch.models import (
    KIND_PRIORITY,
    Dispatch,
    DispatchKind,
    Message,
    MessageStatus,
    RecipientTier,
)
from taicho.shelters.evacuation_selectors import Order, evacuation_orders
from taicho.shelters.models import Evacuation

BATCH = 1000
CHUNK = 900  # ids per IN (…): below every database's limit on query parameters


def _texts(evacuation: Evacuation) -> dict[str, str]:
    general = _(
        "[%(ward)s] Evacuation order (%(name)s): leave for your shelter now; your group "
        "leader will guide you."
    ) % {"ward": evacuation.ward.name, "name": evacuation.name}
    return {"sms_text": general, "long_text": general, "spoken_script": general}


def _key(dispatch: Dispatch, channel: ChannelConfig, address: str, text: str) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    return f"{dispatch.key}:{channel.pk}:{address}:{digest}"


def _household_messages(*, dispatch, channel, orders: list[Order], tiers, now) -> list[Message]:
    return [
        Message(
            ward_id=dispatch.ward_id,
            dispatch=dispatch,
            channel=channel,
            household_id=order.household_id,
            address=phone,
            priority=dispatch.priority + tiers.get(order.household_id, RecipientTier.OTHER),
            status=_waiting_status(channel),
            next_attempt_at=now,
            idempotency_key=_key(dispatch, channel, phone, order.text),
            text=order.text,
        )
        for order in orders
        for phone in order.phones
    ]


def _chunks(ids: list[int]):
    """Slices small enough for any database's limit on query parameters."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _tiers(household_ids: list[int]) -> dict[int, int]:
    vulnerable: set[int] = set()
    for chunk in _chunks(household_ids):
        vulnerable |= set(
            Resident.objects.filter(vulnerable_q(), household_id__in=chunk).values_list(
                "household_id", flat=True
            )
        )
        vulnerable |= set(
            Household.objects.filter(pk__in=chunk).exclude(poverty="").values_list("pk", flat=True)
        )
    return {household_id: RecipientTier.VULNERABLE for household_id in vulnerable}


def dispatch_evacuation_orders(
    *, evacuation: Evacuation, household_ids: list[int] | None = None, actor=None
) -> Dispatch:
    """Queue the orders of these households (all by default); what is queued already is not
    queued again. Their groups' leaders and the staff are told too."""
    now = timezone.now()
    # Residents read the ward's language, whatever the officer's browser asks for.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        orders = evacuation_orders(evacuation, household_ids=household_ids)
        dispatch, _created = Dispatch.objects.get_or_create(
            key=f"evacuation:{evacuation.pk}",
            defaults={
                "ward_id": evacuation.ward_id,
                "evacuation": evacuation,
                "kind": DispatchKind.EVACUATION_ORDER,
                "priority": KIND_PRIORITY[DispatchKind.EVACUATION_ORDER],
                "created_by": actor or evacuation.created_by,
                **_texts(evacuation),
            },
        )
        Dispatch.objects.select_for_update().filter(pk=dispatch.pk).exists()
        ids = [order.household_id for order in orders]
        tiers = _tiers(ids)
        made = 0
        for channel in _phone_channels(evacuation.ward_id):
            made += _queue_orders(dispatch, channel, orders, tiers, now)
            made += _queue_leaders(dispatch, channel, ids, now)
        fanout.fill_target_ids(ward_id=evacuation.ward_id, household_ids=ids)
        try:
            made += fanout.create_messages(dispatch=dispatch, now=now, households=False)
        finally:
            fanout.drop_targets()
        Dispatch.objects.filter(pk=dispatch.pk).update(
            households=len({*ids, *_already(dispatch)}),
            messages_created=F("messages_created") + made,
        )
        dispatch.refresh_from_db()
    return dispatch


def _waiting_status(channel: ChannelConfig) -> str:
    """Queued, or held until a paused channel is resumed."""
    return MessageStatus.QUEUED if channel.active else MessageStatus.HELD


def _phone_channels(ward_id: int) -> list[ChannelConfig]:
    kinds = registry.kinds()
    return [
        channel
        for channel in ChannelConfig.objects.filter(ward_id=ward_id).order_by("id")
        if channel.kind in kinds and kinds[channel.kind].recipient_field == RecipientField.PHONE
    ]


def _already(dispatch: Dispatch) -> set[int]:
    return set(
        Message.objects.filter(dispatch=dispatch, household_id__isnull=False)
        .values_list("household_id", flat=True)
        .distinct()
    )


def _queue_orders(dispatch, channel, orders, tiers, now) -> int:
    # A household whose order changed must not receive the old one after the new one.
    fresh = {
        _key(dispatch, channel, phone, order.text) for order in orders for phone in order.phones
    }
    unsent = Message.objects.filter(
        dispatch=dispatch,
        channel=channel,
        status__in=(MessageStatus.QUEUED, MessageStatus.HELD, MessageStatus.CLAIMED),
    )
    stale = [
        pk
        for chunk in _chunks([order.household_id for order in orders])
        for pk, key in unsent.filter(household_id__in=chunk).values_list("pk", "idempotency_key")
        if key not in fresh
    ]
    for chunk in _chunks(stale):
        unsent.filter(pk__in=chunk).update(
            status=MessageStatus.CANCELLED, claimed_by="", claimed_until=None
        )
    existing = set(
        Message.objects.filter(dispatch=dispatch, channel=channel).values_list(
            "idempotency_key", flat=True
        )
    )
    rows = [
        message
        for message in _household_messages(
            dispatch=dispatch, channel=channel, orders=orders, tiers=tiers, now=now
        )
        if message.idempotency_key not in existing
    ]
    # One phone listed on two households of the order gets both orders: each names its home.
    return len(Message.objects.bulk_create(rows, batch_size=BATCH))


def _queue_leaders(dispatch, channel, household_ids: list[int], now) -> int:
    """Each concerned group's leader: how many of their households move (the list is theirs
    on the evacuation's pages)."""
    group_ids: set[int] = set()
    for chunk in _chunks(household_ids):
        group_ids |= set(Household.objects.filter(pk__in=chunk).values_list("group_id", flat=True))
    groups = ResidentialGroup.objects.filter(ward_id=dispatch.ward_id, pk__in=group_ids)
    made = 0
    for group in groups.exclude(leader_phone=""):
        text = _(
            "[%(ward)s] Evacuation order (%(name)s): households of %(group)s must leave now; "
            "see the list of your group in taicho."
        ) % {
            "ward": dispatch.evacuation.ward.name,
            "name": dispatch.evacuation.name,
            "group": group.name,
        }
        key = _key(dispatch, channel, group.leader_phone, text)
        if Message.objects.filter(dispatch=dispatch, channel=channel, idempotency_key=key).exists():
            continue
        Message.objects.create(
            ward_id=dispatch.ward_id,
            dispatch=dispatch,
            channel=channel,
            address=group.leader_phone,
            priority=dispatch.priority + RecipientTier.LEADER,
            status=_waiting_status(channel),
            next_attempt_at=now,
            idempotency_key=key,
            text=text,
        )
        made += 1
    return made
