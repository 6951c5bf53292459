from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    """Channel plug-ins: how a message reaches a phone, a mailbox, a chat or a loudspeaker."""

    name = "taicho.channels"
    label = "channels"
    verbose_name = _("Channels")
