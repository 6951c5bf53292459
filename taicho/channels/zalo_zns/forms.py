from django import forms
from django.utils.translation import gettext_lazy as _

from taicho.channels.forms import ChannelConfigForm, HttpUrlField, SecretField, timeout_field

ZNS_URL = "https://business.openapi.zalo.me/message/template"
REFRESH_URL = "https://oauth.zaloapp.com/v4/oa/access_token"


class ZaloZnsConfigForm(ChannelConfigForm):
    """A Zalo Official Account sending ZNS notifications from one approved template."""

    template_id = forms.CharField(label=_("ZNS template id"), max_length=50)
    text_param = forms.CharField(
        label=_("Template parameter for the message text"),
        max_length=50,
        required=False,
        help_text=_("The template's parameter that receives the alert text, if it has one."),
    )
    link_param = forms.CharField(
        label=_("Template parameter for the personal answer link"),
        max_length=50,
        required=False,
        help_text=_(
            "The parameter (a button's address, or a line) that receives each recipient's "
            "own answer link: Zalo replies come from a Zalo id, not a phone, so the link is "
            "how a household answers."
        ),
    )
    access_token = SecretField(label=_("OA access token"))
    refresh_token = SecretField(
        label=_("OA refresh token"),
        required=False,
        help_text=_("Lets taicho renew the access token by itself when it expires."),
    )
    app_id = forms.CharField(label=_("Zalo app id"), max_length=50, required=False)
    app_secret = SecretField(label=_("Zalo app secret key"), required=False)
    oa_secret_key = SecretField(
        label=_("OA secret key (webhook)"),
        required=False,
        help_text=_(
            "Checks the signature of the OA's webhook events; without it replies are refused."
        ),
    )
    development_mode = forms.BooleanField(
        label=_("Development mode"),
        required=False,
        help_text=_("Zalo then delivers only to the OA's administrators, for trying a template."),
    )
    api_url = HttpUrlField(label=_("ZNS send address"), required=False, initial=ZNS_URL)
    refresh_url = HttpUrlField(
        label=_("Token renewal address"), required=False, initial=REFRESH_URL
    )
    timeout = timeout_field()

    defaults = {"timeout": 10.0, "api_url": ZNS_URL, "refresh_url": REFRESH_URL}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("refresh_token"):
            for name in ("app_id", "app_secret"):
                if not cleaned.get(name):
                    self.add_error(name, _("Needed to renew the access token."))
        return cleaned
