from django import forms
from django.utils.translation import gettext_lazy as _

from taicho.channels.forms import ChannelConfigForm


def _addresses(value: str) -> list[str]:
    return [item.strip() for item in value.replace(";", ",").split(",") if item.strip()]


class LocmemConfigForm(ChannelConfigForm):
    """Messages kept in memory, for tests; some recipients can be made to fail."""

    fail_permanently = forms.CharField(
        label=_("Recipients that fail for good"),
        required=False,
        max_length=2000,
        help_text=_("Comma-separated addresses whose sends fail permanently (for tests)."),
    )
    fail_temporarily = forms.CharField(
        label=_("Recipients that fail for now"),
        required=False,
        max_length=2000,
        help_text=_("Comma-separated addresses whose sends fail temporarily (for tests)."),
    )

    def clean_fail_permanently(self):
        return _addresses(self.cleaned_data["fail_permanently"])

    def clean_fail_temporarily(self):
        return _addresses(self.cleaned_data["fail_temporarily"])
