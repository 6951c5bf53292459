"""Every write of the dispatch app: the fan-out, and what a worker records of each attempt."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from taicho.channels.base import SendResult, TransportError
from taicho.channels.models import ChannelConfig
from taicho.channels.redaction import redact_text
from taicho.channels.services import (
    channel_config_pause,
    channel_config_pause_by_system,
    channel_config_resume,
)
from taicho.core import audit
from taicho.core.models import AuditEntry
from taicho.dispatch import fanout
from taicho.dispatch.models import (
    KIND_PRIORITY,
    Delivery,
    DeliveryResult,
    Dispatch,
    DispatchKind,
    Message,
    MessageStatus,
)
from taicho.warnings.models import Alert
from taicho.warnings.targeting import spec_of


def _setting(name: str, default: float) -> float:
    return getattr(settings, name, default)


def dispatch_alert(*, alert: Alert, actor=None) -> Dispatch:
    """Queue the alert's messages: one per recipient × active channel, in one transaction.

    Running it again for the same alert adds only what is missing (a channel added since):
    every message's idempotency key is alert × channel × address.
    """
    return fan_out(
        source_field="alert",
        source=alert,
        kind=DispatchKind.ALERT,
        key=f"alert:{alert.pk}",
        texts={
            "sms_text": alert.sms_text,
            "long_text": alert.long_text,
            "spoken_script": alert.spoken_script,
        },
        actor=actor,
    )


def fan_out(*, source_field: str, source, kind: str, key: str, texts: dict, actor=None) -> Dispatch:
    """The dispatch of `source` (an alert, a welfare check) and its messages, in one transaction.

    `source` has a target (spec_of reads it); `source_field` is its field on Dispatch.
    """
    now = timezone.now()
    with transaction.atomic():
        dispatch, created = Dispatch.objects.get_or_create(
            **{source_field: source},
            defaults={
                "ward_id": source.ward_id,
                "kind": kind,
                "priority": KIND_PRIORITY[kind],
                "key": key,
                "created_by": actor,
                **texts,
            },
        )
        try:
            households = fanout.fill_targets(spec_of(source))
            made = fanout.create_messages(dispatch=dispatch, now=now)
        finally:
            fanout.drop_targets()
        Dispatch.objects.filter(pk=dispatch.pk).update(
            households=households, messages_created=F("messages_created") + made
        )
        dispatch.refresh_from_db()
        audit.record(
            actor=actor,
            ward_id=dispatch.ward_id,
            action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
            instance=dispatch,
            changes={"households": [None, households], "messages": [None, made]},
        )
    return dispatch


def _backoff(attempts: int, retry_after: float | None) -> float:
    base = _setting("TAICHO_DISPATCH_BACKOFF_SECONDS", 30.0)
    cap = _setting("TAICHO_DISPATCH_BACKOFF_CAP_SECONDS", 3600.0)
    delay = min(cap, base * 2 ** max(attempts - 1, 0))
    return max(delay, retry_after or 0.0)


def _deliver(message: Message, *, result: str, worker_id: str, at, duration_ms: int, **fields):
    Delivery.objects.create(
        ward_id=message.ward_id,
        message_id=message.pk,
        at=at,
        result=result,
        provider_id=fields.get("provider_id", ""),
        error=fields.get("error", ""),
        duration_ms=duration_ms,
        worker=worker_id,
    )


def message_sent(*, message: Message, result: SendResult, worker_id: str, duration_ms: int) -> None:
    """Record the send right after the transport accepted it: sent, and its delivery row."""
    now = timezone.now()
    with transaction.atomic():
        Message.objects.filter(
            pk=message.pk, status=MessageStatus.CLAIMED, claimed_by=worker_id
        ).update(
            status=MessageStatus.SENT,
            sent_at=now,
            provider_id=result.provider_id[:200],
            attempts=F("attempts") + 1,
            claimed_until=None,
            last_error="",
        )
        _deliver(
            message,
            result=DeliveryResult.SENT,
            worker_id=worker_id,
            at=now,
            duration_ms=duration_ms,
            provider_id=result.provider_id[:200],
        )


def message_failed(
    *,
    message: Message,
    channel: ChannelConfig,
    error: TransportError,
    worker_id: str,
    duration_ms: int,
) -> str:
    """Record a failed attempt and decide what follows; return the message's new status.

    Temporary: back in the queue after an exponential backoff (capped), or failed after the
    last allowed attempt. Permanent: failed. The channel at fault: the channel is paused (the
    officer sees it among the paused channels) and the message waits, its attempt not counted.
    """
    now = timezone.now()
    text = redact_text(str(error), channel.config)[:2000]
    attempts = message.attempts + (0 if error.channel_fault else 1)
    fields = {"attempts": attempts, "last_error": text, "claimed_until": None, "claimed_by": ""}
    if error.channel_fault:
        result, status = DeliveryResult.CHANNEL_FAULT, MessageStatus.HELD
        fields["next_attempt_at"] = now
    elif error.permanent:
        result, status = DeliveryResult.PERMANENT, MessageStatus.FAILED
    elif attempts >= _setting("TAICHO_DISPATCH_MAX_ATTEMPTS", 8):
        result, status = DeliveryResult.TEMPORARY, MessageStatus.FAILED
    else:
        result, status = DeliveryResult.TEMPORARY, MessageStatus.QUEUED
        fields["next_attempt_at"] = now + timedelta(seconds=_backoff(attempts, error.retry_after))
    with transaction.atomic():
        Message.objects.filter(
            pk=message.pk, status=MessageStatus.CLAIMED, claimed_by=worker_id
        ).update(status=status, **fields)
        _deliver(
            message,
            result=result,
            worker_id=worker_id,
            at=now,
            duration_ms=duration_ms,
            error=text,
        )
    if error.channel_fault and ChannelConfig.objects.filter(pk=channel.pk, active=True).exists():
        with transaction.atomic():
            channel_config_pause_by_system(channel=channel, reason=text)
            messages_hold(channel=channel)
    return status


def messages_release(*, ids: list[int], worker_id: str) -> int:
    """Give back messages claimed but not tried (a worker stopping): others may take them."""
    return Message.objects.filter(
        pk__in=ids, status=MessageStatus.CLAIMED, claimed_by=worker_id
    ).update(status=MessageStatus.QUEUED, claimed_by="", claimed_until=None)


def messages_cancel(*, dispatch: Dispatch, household_ids: list[int] | None = None) -> int:
    """Stop what is not sent yet: queued messages, and claimed ones (their worker finds them
    no longer its own just before sending: claiming.renew). All of the dispatch's, or those
    of some households (an evacuation order replaced by a newer one). How many."""
    messages = Message.objects.filter(
        dispatch=dispatch,
        status__in=(MessageStatus.QUEUED, MessageStatus.HELD, MessageStatus.CLAIMED),
    )
    if household_ids is not None:
        messages = messages.filter(household_id__in=household_ids)
    return messages.update(status=MessageStatus.CANCELLED, claimed_by="", claimed_until=None)


def messages_hold(*, channel: ChannelConfig) -> int:
    """A paused channel's queued messages wait aside, out of every claim's way; how many."""
    return Message.objects.filter(channel=channel, status=MessageStatus.QUEUED).update(
        status=MessageStatus.HELD
    )


def messages_unhold(*, channel: ChannelConfig) -> int:
    """A resumed channel's waiting messages go back to the queue, due now; how many."""
    return Message.objects.filter(channel=channel, status=MessageStatus.HELD).update(
        status=MessageStatus.QUEUED, next_attempt_at=timezone.now()
    )


def channel_pause(*, actor, channel: ChannelConfig, reason: str) -> ChannelConfig:
    """An officer pauses a channel: its waiting messages are held with it, in one transaction."""
    with transaction.atomic():
        channel = channel_config_pause(actor=actor, channel=channel, reason=reason)
        messages_hold(channel=channel)
    return channel


def channel_resume(*, actor, channel: ChannelConfig) -> ChannelConfig:
    """The channel sends again: what it held goes back to the queue, in one transaction."""
    with transaction.atomic():
        channel = channel_config_resume(actor=actor, channel=channel)
        messages_unhold(channel=channel)
    return channel
