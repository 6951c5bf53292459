"""Reads of the dispatch app for pages: progress of a dispatch, channels paused by a fault."""

from django.db.models import Count, Q, QuerySet

from taicho.channels.models import ChannelConfig
from taicho.core.models import Ward
from taicho.dispatch.models import Dispatch, Message, MessageStatus


def paused_channels(*, user, ward: Ward) -> QuerySet[ChannelConfig]:
    """The ward's paused channels with why, and how many messages wait on each."""
    waiting = Message.objects.filter(status=MessageStatus.QUEUED)
    return (
        ChannelConfig.objects.visible_to(user)
        .filter(ward=ward, active=False)
        .annotate(
            waiting=Count(
                "pk",
                filter=Q(pk__in=waiting.values("channel_id")),
            )
        )
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
