"""What every kind's configuration form shares: web addresses, secrets, timeouts.

A kind's form validates the JSON stored in ChannelConfig.config; its field names are the
configuration's keys. Secrets are password inputs that never show their value again: left
empty when editing, the stored secret is kept (taicho.channels.services).
"""

import re
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from taicho.channels.redaction import is_secret_key


class HttpUrlField(forms.URLField):
    """A web address starting with http:// or https:// (no ftp:, file:, javascript:)."""

    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {
        "invalid": _("Enter a web address starting with http:// or https://.")
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        kwargs.setdefault("max_length", 500)
        super().__init__(**kwargs)


class SecretField(forms.CharField):
    """A token, password or key: typed in a password box, never rendered back."""

    widget = forms.PasswordInput(render_value=False)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)


CLUSTER_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def validate_cluster(value: str) -> None:
    if not CLUSTER_CODE.match(value):
        raise forms.ValidationError(
            _("“%(value)s” is not a loudspeaker cluster code (letters, digits, - _ .).")
            % {"value": value}
        )


class AddressListField(forms.CharField):
    """Several addresses, one per line or separated by commas; stored as a list, repeats dropped.

    The fan-out sends one message per address listed (taicho.dispatch.fanout): the
    loudspeaker clusters of an MQTT or audio channel, the systems a webhook posts to.
    """

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *, item_validator=None, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20_000)
        super().__init__(**kwargs)
        self.item_validator = item_validator

    def to_python(self, value):
        if isinstance(value, list | tuple):
            items = [str(item) for item in value]
        else:
            items = str(value or "").replace(",", "\n").splitlines()
        addresses = list(dict.fromkeys(item.strip() for item in items if item.strip()))
        if self.item_validator is not None:
            for address in addresses:
                self.item_validator(address)
        return addresses

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value):
        return None

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value


def timeout_field(default: float = 10.0) -> forms.FloatField:
    return forms.FloatField(
        label=_("Timeout (seconds)"),
        min_value=0.05,
        max_value=120,
        initial=default,
        required=False,
        help_text=_("How long to wait for the provider before trying again later."),
    )


class ChannelConfigForm(forms.Form):
    """Base of every kind's configuration form."""

    # Values filled in when the field is left empty (the form's `initial` is for display only).
    defaults: dict[str, Any] = {}

    def to_config(self) -> dict[str, Any]:
        """The cleaned data as the JSON to store: empty optional values take their default."""
        config: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if value in (None, "") and name in self.defaults:
                value = self.defaults[name]
            config[name] = value
        return config

    @classmethod
    def secret_names(cls) -> list[str]:
        return [name for name in cls.base_fields if is_secret_key(name)]
