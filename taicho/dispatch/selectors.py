"""Reads of the dispatch app for pages: progress of a dispatch, channels paused by a fault."""

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


def dispatch_progress(*, user, ward: Ward, dispatch_id: int) -> dict[str, int]:
    """{status: count} of one dispatch's messages."""
    dispatch = Dispatch.objects.visible_to(user).get(ward=ward, pk=dispatch_id)
    rows = (
        Message.objects.filter(dispatch=dispatch)
        .order_by()
        .values_list("status")
        .annotate(n=Count("*"))
    )
    return {status: n for status, n in rows}
