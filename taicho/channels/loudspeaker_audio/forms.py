import re

from django import forms
from django.utils.translation import gettext_lazy as _

from taicho.channels.forms import (
    AddressListField,
    ChannelConfigForm,
    HttpUrlField,
    validate_cluster,
)


class LoudspeakerAudioConfigForm(ChannelConfigForm):
    """Spoken scripts rendered to audio files by espeak-ng, for loudspeakers and download."""

    voice = forms.ChoiceField(
        label=_("Voice"),
        choices=[
            ("vi", _("Vietnamese (Northern)")),
            ("vi-vn-x-central", _("Vietnamese (Central)")),
            ("vi-vn-x-south", _("Vietnamese (Southern)")),
        ],
        required=False,
    )
    speed = forms.IntegerField(
        label=_("Speed (words per minute)"), min_value=80, max_value=300, required=False
    )
    clusters = AddressListField(
        label=_("Loudspeaker clusters"),
        item_validator=validate_cluster,
        help_text=_("One cluster name per line (letters, digits, - _ .); each gets every alert."),
    )
    public_base_url = HttpUrlField(
        label=_("Address the loudspeakers reach this server at"),
        required=False,
        help_text=_("For example http://10.0.0.5:8000; empty gives addresses without a host."),
    )
    timeout = forms.FloatField(
        label=_("Timeout (seconds)"), min_value=1, max_value=300, required=False
    )

    defaults = {"voice": "vi", "speed": 140, "timeout": 60.0, "public_base_url": ""}

    def clean_public_base_url(self):
        url = self.cleaned_data["public_base_url"]
        if url and re.search(r"[?#]", url):
            raise forms.ValidationError(_("Give the address without ? or #."))
        return url.rstrip("/")
