from django import forms
from django.utils.translation import gettext_lazy as _

from taicho.channels.forms import ChannelConfigForm


class ConsoleConfigForm(ChannelConfigForm):
    """The console channel prints messages for a developer; it has one option."""

    prefix = forms.CharField(
        label=_("Line prefix"),
        max_length=40,
        required=False,
        help_text=_("Printed before each message, to tell several console channels apart."),
    )
