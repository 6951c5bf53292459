"""The worker: claim a batch, send each message, record the outcome; sleep when idle.

Exactly once, and its one window: a message is marked sent in the transaction that records
its delivery, right after the channel accepted it. A worker killed between the two (the
channel has it, the database does not yet) leaves the message claimed; when its lease runs
out another worker sends it again — with the same idempotency key, which providers that take
one (webhooks' Idempotency-Key header, Zalo's tracking_id) use to drop the repeat. So the
database side is at-least-once for at most the one message each worker has in flight, and
the recipient sees it once wherever the provider dedupes by key
(taicho/dispatch/tests/test_crash.py proves it with a real SIGKILL).
"""

import logging
import time
from collections import Counter
from collections.abc import Callable

from django.conf import settings

from taicho.channels import registry
from taicho.channels.base import PERSONAL_FIELDS, TransportError
from taicho.channels.base import Message as Payload
from taicho.channels.loudspeaker_audio import render as rendering
from taicho.channels.models import ChannelConfig
from taicho.channels.sending import send
from taicho.channels.throttle import SlotBook
from taicho.dispatch import claiming, links, services
from taicho.dispatch.models import Message, MessageStatus
from taicho.dispatch.sweep import dispatch_missed

logger = logging.getLogger("taicho.dispatch")


def _with_link(text: str, link: str) -> str:
    return f"{text}\n{link}" if text and link else text


def audio_url(script: str) -> str:
    """The public address of the script read aloud, rendered now if it was not yet (once per
    script: the file is named by its digest). Without espeak-ng the loudspeakers still get
    the text, and the reason is logged."""
    if not script.strip():
        return ""
    try:
        audio = rendering.render(script)
    except TransportError as error:
        logger.warning("No audio for the loudspeakers: %s", error)
        return ""
    return settings.TAICHO_PUBLIC_URL.rstrip("/") + audio.url_path


def payload(message: Message, *, personal: bool = True) -> Payload:
    """What the channel sends. A person's message ends with their personal answer link; a
    place's (a loudspeaker cluster, another system) carries the audio of the spoken script."""
    dispatch = message.dispatch
    link = links.link_for(message.pk) if personal else ""
    return Payload(
        recipient=message.address,
        text=_with_link(message.text or dispatch.sms_text, link),
        long_text=_with_link(message.text or dispatch.long_text, link),
        spoken_script=dispatch.spoken_script,
        audio_url="" if personal else audio_url(dispatch.spoken_script),
        idempotency_key=message.idempotency_key,
        metadata={"token": links.token_for(message.pk), "dispatch": dispatch.key, "link": link},
    )


def process(
    *,
    message: Message,
    worker_id: str,
    channel: ChannelConfig | None = None,
    sleep: Callable[[float], None] = time.sleep,
    slots: SlotBook | None = None,
    lease_seconds: float = 60.0,
    verify: bool = True,
) -> str:
    """Send one claimed message and record the attempt; return its new status.

    `channel` is the message's channel as read at the start of the batch; a pause found while
    sending is set on it, so the rest of the batch waits without trying.
    """
    if channel is None:
        channel = ChannelConfig.objects.select_related("ward").get(pk=message.channel_id)
    if not channel.active:
        # Paused after this batch was claimed: not an attempt; the message waits for resume.
        services.messages_release(ids=[message.pk], worker_id=worker_id)
        services.messages_hold(channel=channel)
        return MessageStatus.HELD
    held = {message.pk}
    if verify:
        held = claiming.renew(ids=[message.pk], worker_id=worker_id, lease_seconds=lease_seconds)
    if message.pk not in held:
        # The lease ran out and another worker took it, or it was cancelled: not ours to send.
        return MessageStatus.CLAIMED
    started = time.monotonic()
    try:
        kind = registry.kinds().get(channel.kind)
        personal = kind is not None and kind.recipient_field in PERSONAL_FIELDS
        result = send(
            channel=channel,
            message=payload(message, personal=personal),
            sleep=sleep,
            slots=slots,
        )
    except TransportError as error:
        status = services.message_failed(
            message=message,
            channel=channel,
            error=error,
            worker_id=worker_id,
            duration_ms=_elapsed(started),
        )
        if error.channel_fault:
            channel.active = False
        return status
    except Exception as error:
        # What no transport foresaw (a malformed answer a library chokes on): a temporary
        # failure recorded against the message, so the worker goes on and retries count.
        logger.exception("Unexpected failure sending message %s", message.pk)
        return services.message_failed(
            message=message,
            channel=channel,
            error=TransportError(f"{type(error).__name__}: {error}"),
            worker_id=worker_id,
            duration_ms=_elapsed(started),
        )
    services.message_sent(
        message=message, result=result, worker_id=worker_id, duration_ms=_elapsed(started)
    )
    return MessageStatus.SENT


SWEEP_SECONDS = 60.0


def _sweep() -> None:
    try:
        dispatch_missed()
    except Exception:
        logger.exception("The sweep for unsent alerts failed")


def _elapsed(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def run_batch(*, worker_id: str, batch: int, lease_seconds: float, stop=lambda: False) -> int:
    """Claim and process one batch; the number of messages processed."""
    claiming.requeue_expired()
    ids = claiming.claim(worker_id=worker_id, batch=batch, lease_seconds=lease_seconds)
    messages = list(
        Message.objects.filter(pk__in=ids).select_related("dispatch").order_by("priority", "id")
    )
    channels = ChannelConfig.objects.select_related("ward").in_bulk(
        {message.channel_id for message in messages}
    )
    slots = SlotBook(Counter(message.channel_id for message in messages))
    # The claim's lease holds for its first half; then the rest of the batch is renewed at
    # once (one statement, not one per message), and what another worker took is skipped.
    held = set(ids)
    renew_at = time.monotonic() + lease_seconds / 2
    done = 0
    for index, message in enumerate(messages):
        if stop():
            break
        if time.monotonic() >= renew_at:
            rest = [pending.pk for pending in messages[index:]]
            held = claiming.renew(ids=rest, worker_id=worker_id, lease_seconds=lease_seconds)
            renew_at = time.monotonic() + lease_seconds / 2
        if message.pk in held:
            process(
                message=message,
                worker_id=worker_id,
                channel=channels[message.channel_id],
                slots=slots,
                lease_seconds=lease_seconds,
                verify=False,
            )
        done += 1
    if done < len(ids):
        services.messages_release(ids=ids, worker_id=worker_id)
    return done


def run(
    *,
    worker_id: str,
    batch: int = 50,
    lease_seconds: float = 60.0,
    once: bool = False,
    idle_seconds: float = 1.0,
    stop=lambda: False,
    between_batches=lambda: None,
) -> int:
    """Work until stopped (or, with `once`, until nothing is ready to send); the count sent.

    `between_batches` runs before each claim (the command closes stale connections there).
    """
    links.warm_up()
    total = 0
    swept_at = 0.0
    while not stop():
        between_batches()
        if time.monotonic() - swept_at >= SWEEP_SECONDS:
            _sweep()
            swept_at = time.monotonic()
        done = run_batch(worker_id=worker_id, batch=batch, lease_seconds=lease_seconds, stop=stop)
        total += done
        if not done:
            if once:
                break
            time.sleep(idle_seconds)
    return total
