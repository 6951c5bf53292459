from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from taicho.channels.forms import AddressListField, ChannelConfigForm, SecretField, timeout_field


class WebhookConfigForm(ChannelConfigForm):
    """Signed JSON posts to other systems; each recipient is the address of one system."""

    secret = SecretField(
        label=_("Signing secret"),
        min_length=16,
        help_text=_("Shared with the receiving system, which checks X-Taicho-Signature with it."),
    )
    urls = AddressListField(
        label=_("Addresses to post to"),
        item_validator=URLValidator(schemes=["http", "https"]),
        help_text=_("One web address per line; each receives every alert."),
    )
    timeout = timeout_field()

    defaults = {"timeout": 10.0}
