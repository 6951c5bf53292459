"""What is sent to whom: a dispatch (one alert or notice), its messages, each attempt.

Message rows are narrow on purpose: a city-wide alert makes a million of them in one
set-based INSERT … SELECT (taicho.dispatch.fanout), so the texts live once on the Dispatch,
and only the indexes the workers need exist: the claim order and the lease, both partial
(only queued, only claimed messages), and each dispatch's messages by status. No index
holds the idempotency key or a reply token (links are derived from the id: links.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taicho.channels.models import ChannelConfig
from taicho.community.models import Household, Resident
from taicho.core.models import Ward, WardOwned
from taicho.warnings.models import Alert


class DispatchKind(models.TextChoices):
    ALERT = "alert", _("Alert")
    EVACUATION_ORDER = "evacuation_order", _("Evacuation order")
    WELFARE = "welfare", _("Welfare check")
    ROUTINE = "routine", _("Routine message")


# Lower is sent first: warnings before welfare checks before routine notices.
KIND_PRIORITY = {
    DispatchKind.ALERT: 0,
    DispatchKind.EVACUATION_ORDER: 0,
    DispatchKind.WELFARE: 10,
    DispatchKind.ROUTINE: 20,
}


class RecipientTier(models.IntegerChoices):
    """Added to the dispatch's priority: who gets the message first within one dispatch."""

    LEADER = 0, _("group leaders and loudspeakers")
    VULNERABLE = 1, _("vulnerable households")
    OTHER = 2, _("other households")


class Dispatch(WardOwned):
    """One fan-out: an alert (or a notice) to its recipients on the ward's channels."""

    alert = models.OneToOneField(
        Alert,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dispatch",
        verbose_name=_("alert"),
    )
    evacuation = models.ForeignKey(
        "shelters.Evacuation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evacuation"),
    )
    welfare_check = models.OneToOneField(
        "dispatch.WelfareCheck",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dispatch",
        verbose_name=_("welfare check"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DispatchKind.choices)
    priority = models.SmallIntegerField(_("priority"), default=0)
    key = models.CharField(_("idempotency prefix"), max_length=60, unique=True)
    sms_text = models.TextField(_("SMS text"), blank=True)
    long_text = models.TextField(_("message text"), blank=True)
    spoken_script = models.TextField(_("loudspeaker script"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    households = models.PositiveIntegerField(_("households"), default=0)
    messages_created = models.PositiveIntegerField(_("messages"), default=0)

    scope_topic = "warnings"

    class Meta:
        ordering = ["ward", "-created_at", "-id"]
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")

    def __str__(self) -> str:
        return self.key

    @property
    def source(self):
        """What was sent — the alert, the welfare check or the evacuation's orders."""
        return self.alert or self.welfare_check or self.evacuation


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    # Its channel is paused: out of the claim index until the channel is resumed.
    HELD = "held", _("Waiting for its channel")
    CLAIMED = "claimed", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class Message(WardOwned):
    """One message to one address on one channel; sent at most once per idempotency key."""

    # Each index and each foreign-key check slows the million-row fan-out (on PostgreSQL a
    # check is a trigger firing per row: the dispatch's alone cost 6 s per million rows). The
    # fan-out only copies ids it has in hand or from rows it joins, so none is checked again
    # by the database (Django still cascades deletes); messages are found through the
    # (dispatch, status) index, not per ward.
    ward = models.ForeignKey(
        Ward, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    dispatch = models.ForeignKey(
        Dispatch,
        on_delete=models.CASCADE,
        related_name="messages",
        db_index=False,
        db_constraint=False,
        verbose_name=_("dispatch"),
    )
    channel = models.ForeignKey(
        ChannelConfig,
        on_delete=models.PROTECT,
        db_constraint=False,
        related_name="+",
        db_index=False,
        verbose_name=_("channel"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("household"),
    )
    resident = models.ForeignKey(
        Resident,
        on_delete=models.SET_NULL,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("resident"),
    )
    address = models.CharField(_("address"), max_length=300)
    priority = models.SmallIntegerField(_("priority"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    claimed_by = models.CharField(_("claimed by"), max_length=100, blank=True)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    provider_id = models.CharField(_("provider id"), max_length=200, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Set by the provider's delivery report, where it sends one (SMS gateways, Zalo ZNS).
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    # dispatch key : channel : address, handed to providers that drop repeats. One message per
    # dispatch × channel × address is the fan-out's doing (it dedupes, and skips what exists,
    # under a lock of the dispatch): a unique index over it, with a conflict check per row,
    # cost as much as the rest of the insert.
    idempotency_key = models.CharField(_("idempotency key"), max_length=400)
    # This recipient's own text, when it is not the dispatch's: an evacuation order names the
    # household's shelter. Empty for the set-based fan-out of alerts and welfare checks.
    text = models.TextField(_("own text"), blank=True, default="")

    scope_topic = "warnings"
    scope_group_path = "household__group"

    class Meta:
        ordering = ["priority", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            # The claim: queued messages in (priority, id) order, read straight off the index;
            # sent ones leave it, so it stays the size of the queue, not of the history.
            models.Index(
                fields=["priority", "id"],
                condition=Q(status=MessageStatus.QUEUED),
                name="dispatch_msg_claim",
            ),
            # A paused channel's waiting messages (to count and to release): usually empty.
            models.Index(
                fields=["channel"],
                condition=Q(status=MessageStatus.HELD),
                name="dispatch_msg_held",
            ),
            # Expired leases: empty while nothing is claimed, so free for the fan-out.
            models.Index(
                fields=["claimed_until"],
                condition=Q(status=MessageStatus.CLAIMED),
                name="dispatch_msg_lease",
            ),
            # Each dispatch's messages by status (its board), and — a reply naming only its
            # sender — the sent message to that address in a dispatch (answers.py). One index
            # for both: a separate index on the address cost the million-row fan-out 4-5 s.
            models.Index(
                fields=["dispatch", "status", "address"], name="dispatch_msg_progress_address"
            ),
        ]

    def __str__(self) -> str:
        return self.idempotency_key


class DeliveryResult(models.TextChoices):
    SENT = "sent", _("Sent")
    TEMPORARY = "temporary", _("Temporary failure")
    PERMANENT = "permanent", _("Permanent failure")
    CHANNEL_FAULT = "channel_fault", _("Channel at fault")


class Delivery(WardOwned):
    """One attempt to send a message, with what the channel answered (secrets masked)."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("message")
    )
    at = models.DateTimeField(_("at"))
    result = models.CharField(_("result"), max_length=15, choices=DeliveryResult.choices)
    provider_id = models.CharField(_("provider id"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    worker = models.CharField(_("worker"), max_length=100, blank=True)

    scope_topic = "warnings"

    class Meta:
        ordering = ["message", "at", "id"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self) -> str:
        return f"{self.message_id} · {self.result}"


from taicho.dispatch.answer_models import (  # noqa: E402, F401
    Answer,
    AnswerKind,
    WelfareCheck,
)
