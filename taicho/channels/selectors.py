"""Reads of a ward's channels."""

from django.db.models import QuerySet

from taicho.channels.models import ChannelConfig
from taicho.core.access import can_manage
from taicho.core.models import Ward


def channels_for(*, user, ward: Ward) -> QuerySet[ChannelConfig]:
    """The ward's channels as `user` may list them: managers only (their settings are the
    ward's accounts with providers). Show `masked_config`, never `config`."""
    if not can_manage(user, ward_id=ward.id):
        return ChannelConfig.objects.none()
    return ChannelConfig.objects.visible_to(user).filter(ward=ward)


def active_channels(*, ward: Ward, kind: str | None = None) -> QuerySet[ChannelConfig]:
    """The channels the workers send on (no user: the workers act for the ward)."""
    channels = ChannelConfig.objects.filter(ward=ward, active=True).select_related("ward")
    return channels.filter(kind=kind) if kind else channels
