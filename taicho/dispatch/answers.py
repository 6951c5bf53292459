"""Writes of answers: from a personal link, from a provider's webhook, from a door-to-door visit.

Who answers is known from the message: a link names it by its token, a reply by the code
written in it or by the address it came from (the latest message this channel sent there).
A reply that matches no message, or says none of the three things, is not recorded as an
answer: it is logged (without the sender's address) and counted in the webhook's response.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from taicho.channels.inbound import Inbound, Receipt
from taicho.channels.models import ChannelConfig
from taicho.core import audit
from taicho.core.access import require_write
from taicho.core.models import AuditEntry
from taicho.dispatch.answer_models import VIA_LINK, VIA_VISIT, Answer, AnswerKind
from taicho.dispatch.keywords import read_reply
from taicho.dispatch.models import Dispatch, Message, MessageStatus

logger = logging.getLogger("taicho.dispatch")

# A reply by SMS or chat answers one of the ward's recent dispatches: at most this many, of
# at most this many days ago. Older messages are answered through their personal link.
REPLY_DISPATCHES = 20
REPLY_WINDOW_DAYS = 14


def _record(*, message: Message | None, dispatch: Dispatch, **fields) -> Answer:
    return Answer.objects.create(
        ward_id=dispatch.ward_id,
        dispatch=dispatch,
        message=message,
        household_id=fields.pop("household_id", message.household_id if message else None),
        at=fields.pop("at", None) or timezone.now(),
        **fields,
    )


def answer_from_link(
    *,
    message: Message,
    kind: str,
    text: str = "",
    lat: float | None = None,
    lon: float | None = None,
) -> Answer:
    """The recipient pressed one of the three buttons on their personal page."""
    return _record(
        message=message,
        dispatch=message.dispatch,
        kind=AnswerKind(kind),
        via=VIA_LINK,
        channel_id=message.channel_id,
        text=text.strip()[:1000],
        lat=lat,
        lon=lon,
    )


def link_opened(*, message: Message) -> Answer | None:
    """Opening the personal link says the message arrived: "received", once per message."""
    with transaction.atomic():
        if Answer.objects.filter(message=message).exists():
            return None
        return _record(
            message=message,
            dispatch=message.dispatch,
            kind=AnswerKind.RECEIVED,
            via=VIA_LINK,
            channel_id=message.channel_id,
        )


@dataclass(frozen=True)
class InboundOutcome:
    recorded: int = 0
    receipts: int = 0  # delivery reports matched to a sent message
    unmatched: int = 0  # no message to this sender, or a code that names none of the ward's
    unread: int = 0  # saying none of "received", "safe", "needs help": kept to be read
    duplicates: int = 0  # delivered again by the provider: recorded the first time


def _matching_message(*, channel: ChannelConfig, item: Inbound, message_id: int | None):
    """The message a reply answers: the one its code names, else the latest sent to its
    sender on this channel among the ward's recent dispatches, newest first — each probe one
    lookup in the (dispatch, status, address) index."""
    messages = Message.objects.filter(ward_id=channel.ward_id).select_related("dispatch")
    if message_id is not None:
        return messages.filter(pk=message_id).first()
    for sent in _sent_messages(channel):
        message = (
            sent.filter(address=item.sender).select_related("dispatch").order_by("-id").first()
        )
        if message is not None:
            return message
    return None


def _sent_messages(channel: ChannelConfig):
    """The channel's sent messages in the ward's recent dispatches, one dispatch at a time,
    newest first (each query served by the (dispatch, status, address) index)."""
    since = timezone.now() - timedelta(days=REPLY_WINDOW_DAYS)
    recent = Dispatch.objects.filter(ward_id=channel.ward_id, created_at__gte=since).order_by(
        "-created_at", "-id"
    )
    for dispatch_id in recent.values_list("pk", flat=True)[:REPLY_DISPATCHES]:
        yield Message.objects.filter(
            dispatch_id=dispatch_id,
            status__in=(MessageStatus.SENT, MessageStatus.CLAIMED),
            channel=channel,
        )


def _record_receipt(*, channel: ChannelConfig, receipt: Receipt) -> bool:
    """Mark the message a delivery report names as delivered; False when none matches.

    A multi-part SMS has the ids of its parts joined by commas: any part's report counts."""
    if not receipt.provider_id or not receipt.delivered:
        return False
    # An idempotency key is "<kind>:<dispatch>:<channel>:<address>[…]": it names the address,
    # so the lookup stays in the (dispatch, status, address) index.
    address = receipt.address or _address_in_key(receipt.key)
    for messages in _sent_messages(channel):
        if address:
            messages = messages.filter(address=address)
        candidates = messages.filter(provider_id__contains=receipt.provider_id)
        for message in candidates.only("pk", "provider_id")[:10]:
            if receipt.provider_id in message.provider_id.split(","):
                Message.objects.filter(pk=message.pk, delivered_at__isnull=True).update(
                    delivered_at=timezone.now()
                )
                return True
    return False


def _address_in_key(key: str) -> str:
    parts = key.split(":")
    return parts[3] if len(parts) >= 4 else ""


def inbound_receive(*, channel: ChannelConfig, items: list[Inbound | Receipt]) -> InboundOutcome:
    """Record the answers and delivery reports a channel's webhook brought; how many."""
    recorded = unmatched = unread = duplicates = receipts = 0
    for item in items:
        if isinstance(item, Receipt):
            if _record_receipt(channel=channel, receipt=item):
                receipts += 1
            else:
                unmatched += 1
            continue
        reading = read_reply(item.text)
        message = _matching_message(channel=channel, item=item, message_id=reading.message_id)
        kind = reading.kind
        if kind is None and item.lat is not None:
            # A location shared alone, in answer to "are you safe?", is a call for help.
            kind = AnswerKind.NEEDS_HELP
        if message is None:
            unmatched += 1
            logger.info("%s: a reply matched no message (%s)", channel.kind, channel.pk)
            continue
        if (
            item.external_id
            and Answer.objects.filter(channel=channel, external_id=item.external_id[:100]).exists()
        ):
            duplicates += 1
            continue
        if kind is None:
            # Not understood, but kept: the board lists it for an officer to read.
            unread += 1
            kind = AnswerKind.OTHER
        try:
            with transaction.atomic():
                _record(
                    message=message,
                    dispatch=message.dispatch,
                    kind=kind,
                    via=channel.kind,
                    channel_id=channel.pk,
                    text=reading.note,
                    lat=item.lat,
                    lon=item.lon,
                    external_id=item.external_id[:100],
                )
        except IntegrityError:  # the same reply, delivered twice at the same moment
            duplicates += 1
            continue
        if kind != AnswerKind.OTHER:
            recorded += 1
    return InboundOutcome(
        recorded=recorded,
        unmatched=unmatched,
        unread=unread,
        duplicates=duplicates,
        receipts=receipts,
    )


def answer_by_visit(
    *, actor, dispatch: Dispatch, household_id: int, group_id: int | None, kind: str, text: str = ""
) -> Answer:
    """What a door-to-door visit found, noted by the group leader or an officer (audited)."""
    require_write(actor, ward_id=dispatch.ward_id, topic="checkin", group_id=group_id)
    with transaction.atomic():
        answer = _record(
            message=None,
            dispatch=dispatch,
            household_id=household_id,
            kind=AnswerKind(kind),
            via=VIA_VISIT,
            text=text.strip()[:1000],
            recorded_by=actor,
        )
        audit.record(
            actor=actor,
            ward_id=dispatch.ward_id,
            action=AuditEntry.Action.CREATE,
            instance=answer,
            changes={"answer": [None, answer.kind]},
        )
    return answer
