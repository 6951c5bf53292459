from django.utils.translation import gettext_lazy as _

from taicho.channels.forms import ChannelConfigForm, SecretField, timeout_field


class WebhookConfigForm(ChannelConfigForm):
    """Signed JSON posts to other systems; each recipient is the address of one system."""

    secret = SecretField(
        label=_("Signing secret"),
        min_length=16,
        help_text=_("Shared with the receiving system, which checks X-Taicho-Signature with it."),
    )
    timeout = timeout_field()

    defaults = {"timeout": 10.0}
