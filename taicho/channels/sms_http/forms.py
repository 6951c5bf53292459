import json
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from taicho.channels.forms import ChannelConfigForm, HttpUrlField, SecretField, timeout_field
from taicho.channels.sms_http.template import PLACEHOLDERS, render_form, render_json

_HEADER_NAME = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")
# Tricky values for the text placeholders; the numeric ones may stand outside quotes.
_NUMERIC = {"part", "parts", "unicode"}
_SAMPLE = {name: "1" if name in _NUMERIC else 'x"y\\z\n' for name in PLACEHOLDERS}


class SmsHttpConfigForm(ChannelConfigForm):
    """A brandname SMS gateway reached over HTTP, with the request shape it documents."""

    url = HttpUrlField(label=_("Gateway address"))
    method = forms.ChoiceField(
        label=_("HTTP method"), choices=[("POST", "POST"), ("GET", "GET"), ("PUT", "PUT")]
    )
    content_type = forms.ChoiceField(
        label=_("Body format"),
        choices=[("json", _("JSON")), ("form", _("Form fields (URL-encoded)"))],
    )
    body_template = forms.CharField(
        label=_("Body template"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        strip=False,
        help_text=_(
            "The request body with placeholders {phone}, {text}, {sender}, {id}, {part}, "
            "{parts}, {unicode}; values are escaped for the body format."
        ),
    )
    header_name = forms.CharField(
        label=_("Authentication header"),
        max_length=100,
        required=False,
        help_text=_(
            "For example Authorization or X-API-Key; leave empty if the key is in the body."
        ),
    )
    auth_value = SecretField(label=_("Authentication header value"), required=False)
    api_key = SecretField(
        label=_("API key in the body"),
        required=False,
        help_text=_("Put into the body where the template has {api_key}."),
    )
    sender = forms.CharField(label=_("Sender name (brandname)"), max_length=20, required=False)
    phone_format = forms.ChoiceField(
        label=_("Phone number format"),
        choices=[
            ("national", _("National (0912345678)")),
            ("international", _("International (84912345678)")),
            ("plus", _("International with + (+84912345678)")),
        ],
    )
    unaccented = forms.BooleanField(
        label=_("Send without diacritics (GSM-7)"),
        required=False,
        help_text=_("For gateways that take only unaccented text; cheaper, 160 characters a part."),
    )
    send_parts = forms.ChoiceField(
        label=_("Long messages"),
        choices=[
            ("whole", _("One request; the gateway joins the parts")),
            ("each", _("One request per part")),
        ],
    )
    max_parts = forms.IntegerField(label=_("At most this many parts"), min_value=1, max_value=10)
    success_statuses = forms.CharField(
        label=_("Success HTTP statuses"), max_length=100, required=False, initial="200,201,202"
    )
    success_json_path = forms.CharField(
        label=_("Success field in the answer"),
        max_length=100,
        required=False,
        help_text=_("Dotted path in the JSON answer, for example result.code."),
    )
    success_json_value = forms.CharField(
        label=_("Success value of that field"), max_length=100, required=False
    )
    permanent_json_values = forms.CharField(
        label=_("Values of that field that mean “do not retry”"),
        max_length=300,
        required=False,
        help_text=_("Comma-separated, for example a wrong number or a blocked subscriber."),
    )
    provider_id_path = forms.CharField(
        label=_("Message id field in the answer"), max_length=100, required=False
    )
    inbound_secret = SecretField(
        label=_("Reply secret"),
        required=False,
        min_length=16,
        help_text=_(
            "Give the gateway the reply address with this secret (X-Taicho-Secret header or "
            "?secret=…); without it replies are refused."
        ),
    )
    timeout = timeout_field()

    defaults = {
        "timeout": 10.0,
        "success_statuses": [200, 201, 202],
        "method": "POST",
        "content_type": "json",
        "phone_format": "national",
        "send_parts": "whole",
        "max_parts": 5,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("method", "content_type", "phone_format", "send_parts", "max_parts"):
            self.fields[name].required = False

    def clean_header_name(self):
        name = self.cleaned_data["header_name"].strip()
        if name and not _HEADER_NAME.match(name):
            raise forms.ValidationError(_("This is not a valid HTTP header name."))
        return name

    def clean_success_statuses(self):
        raw = self.cleaned_data["success_statuses"]
        if not raw.strip():
            return []
        try:
            statuses = [int(item) for item in raw.replace(";", ",").split(",") if item.strip()]
        except ValueError:
            raise forms.ValidationError(
                _("Give HTTP statuses as numbers, for example 200,202.")
            ) from None
        if any(not 100 <= status <= 599 for status in statuses):
            raise forms.ValidationError(_("HTTP statuses are between 100 and 599."))
        return statuses

    def clean_permanent_json_values(self):
        raw = self.cleaned_data["permanent_json_values"]
        return [item.strip() for item in raw.split(",") if item.strip()]

    def clean(self):
        cleaned = super().clean()
        template = cleaned.get("body_template")
        content_type = cleaned.get("content_type") or "json"
        if template is not None:
            missing = [name for name in ("phone", "text") if "{" + name + "}" not in template]
            if missing:
                self.add_error(
                    "body_template",
                    _("The body template needs the placeholders %(names)s.")
                    % {"names": ", ".join("{" + name + "}" for name in missing)},
                )
            elif content_type == "json":
                try:
                    json.loads(render_json(template, _SAMPLE))
                except ValueError:
                    self.add_error(
                        "body_template",
                        _(
                            "With the placeholders filled in, this is not JSON: put text "
                            'placeholders inside quotes, as in "{text}".'
                        ),
                    )
            else:
                render_form(template, _SAMPLE)
        if cleaned.get("method") == "GET" and content_type == "json":
            self.add_error("content_type", _("A GET request carries form fields, not JSON."))
        if cleaned.get("header_name") and not cleaned.get("auth_value"):
            self.add_error("auth_value", _("Give the value of the authentication header."))
        if cleaned.get("success_json_path") and not cleaned.get("success_json_value"):
            self.add_error("success_json_value", _("Give the value that means success."))
        return cleaned
