"""Reads of the dispatch app for pages: the ward's channels and what it sent (the board's
reads are in board.py)."""

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from taicho.channels.models import ChannelConfig
from taicho.core.models import Ward
from taicho.dispatch.models import Dispatch, Message, MessageStatus


def _waiting():
    """The number of the channel's messages waiting to be sent (queued, or held while it is
    paused), found through the partial claim and held indexes."""
    counts = (
        Message.objects.filter(
            status__in=(MessageStatus.QUEUED, MessageStatus.HELD), channel_id=OuterRef("pk")
        )
        .order_by()
        .values("channel_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counts), 0)


def ward_channels(*, user, ward: Ward) -> QuerySet[ChannelConfig]:
    """Every channel of the ward, paused ones first, with how many messages wait on each."""
    return (
        ChannelConfig.objects.visible_to(user)
        .filter(ward=ward)
        .annotate(waiting=_waiting())
        .order_by("active", "name")
    )


def paused_channels(*, user, ward: Ward) -> QuerySet[ChannelConfig]:
    """The ward's paused channels with why, and how many messages wait on each."""
    return (
        ChannelConfig.objects.visible_to(user)
        .filter(ward=ward, active=False)
        .annotate(waiting=_waiting())
        .order_by("name")
    )


def ward_dispatches(*, user, ward: Ward, kind: str | None = None, limit: int = 100):
    """The ward's dispatches, newest first (of one kind, or all), with what they sent."""
    dispatches = (
        Dispatch.objects.visible_to(user)
        .filter(ward=ward)
        .select_related("alert", "welfare_check", "evacuation")
        .order_by("-created_at", "-id")
    )
    if kind is not None:
        dispatches = dispatches.filter(kind=kind)
    return dispatches[:limit]
