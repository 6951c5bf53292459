import re

from django import forms
from django.utils.translation import gettext_lazy as _

from taicho.channels.forms import (
    AddressListField,
    ChannelConfigForm,
    SecretField,
    timeout_field,
    validate_cluster,
)

TOPIC_TEMPLATE = "taicho/{ward}/loa/{cluster}"
_TOPIC_PLACEHOLDERS = re.compile(r"\{(\w+)\}")


class MqttConfigForm(ChannelConfigForm):
    """The ward's IP loudspeakers and sirens, reached through an MQTT broker."""

    host = forms.CharField(label=_("Broker host"), max_length=255, initial="127.0.0.1")
    port = forms.IntegerField(
        label=_("Broker port"), min_value=1, max_value=65535, initial=1883, required=False
    )
    username = forms.CharField(label=_("User name"), max_length=255, required=False)
    password = SecretField(label=_("Password"), required=False)
    tls = forms.BooleanField(label=_("Use TLS"), required=False)
    topic_template = forms.CharField(
        label=_("Topic"),
        max_length=200,
        initial=TOPIC_TEMPLATE,
        required=False,
        help_text=_("{ward} is the ward's code and {cluster} the loudspeaker cluster."),
    )
    clusters = AddressListField(
        label=_("Loudspeaker clusters"),
        item_validator=validate_cluster,
        help_text=_("One cluster name per line (letters, digits, - _ .); each gets every alert."),
    )
    timeout = timeout_field(default=5.0)

    defaults = {"timeout": 5.0, "port": 1883, "topic_template": TOPIC_TEMPLATE}

    def clean_host(self):
        host = self.cleaned_data["host"].strip()
        if not re.match(r"^[A-Za-z0-9.\-:\[\]]+$", host):
            raise forms.ValidationError(_("Give a host name or an IP address."))
        return host

    def clean_topic_template(self):
        template = self.cleaned_data["topic_template"].strip()
        if not template:
            return template
        unknown = set(_TOPIC_PLACEHOLDERS.findall(template)) - {"ward", "cluster"}
        if unknown:
            raise forms.ValidationError(
                _("Unknown placeholders: %(names)s.") % {"names": ", ".join(sorted(unknown))}
            )
        if "{cluster}" not in template:
            raise forms.ValidationError(_("The topic needs {cluster}: one topic per cluster."))
        if "+" in template or "#" in template:
            raise forms.ValidationError(_("A topic to publish to has no wildcards (+ or #)."))
        return template
