from django import forms
from django.utils.translation import gettext_lazy as _

from taicho.channels.forms import ChannelConfigForm, SecretField, timeout_field


class EmailConfigForm(ChannelConfigForm):
    """Email through the site's own mail settings, or through this channel's SMTP server."""

    MODES = [
        ("site", _("The site's mail settings")),
        ("smtp", _("This channel's SMTP server")),
    ]

    mode = forms.ChoiceField(label=_("How to send"), choices=MODES, initial="site")
    from_email = forms.EmailField(label=_("Sender address"), max_length=254)
    subject_prefix = forms.CharField(
        label=_("Subject prefix"), max_length=60, required=False, strip=False
    )
    host = forms.CharField(label=_("SMTP server"), max_length=255, required=False)
    port = forms.IntegerField(label=_("SMTP port"), min_value=1, max_value=65535, required=False)
    username = forms.CharField(label=_("SMTP user name"), max_length=255, required=False)
    password = SecretField(label=_("SMTP password"), required=False)
    security = forms.ChoiceField(
        label=_("Encryption"),
        choices=[
            ("none", _("None")),
            ("starttls", _("STARTTLS (usually port 587)")),
            ("ssl", _("SSL/TLS (usually port 465)")),
        ],
        initial="starttls",
        required=False,
    )
    timeout = timeout_field()

    defaults = {"timeout": 10.0, "security": "starttls", "subject_prefix": ""}
    _SECURITY_PORTS = {"none": 25, "starttls": 587, "ssl": 465}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mode") == "smtp":
            if not cleaned.get("host"):
                self.add_error("host", _("Give the SMTP server for this channel."))
            if not cleaned.get("port"):
                cleaned["port"] = self._SECURITY_PORTS[cleaned.get("security") or "starttls"]
        return cleaned
