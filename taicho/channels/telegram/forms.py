import re

from django import forms
from django.utils.translation import gettext_lazy as _

from taicho.channels.forms import ChannelConfigForm, HttpUrlField, SecretField, timeout_field

API_URL = "https://api.telegram.org"
_BOT_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")


class TelegramConfigForm(ChannelConfigForm):
    """A Telegram bot that posts to people's or groups' chats."""

    bot_token = SecretField(
        label=_("Bot token"), help_text=_("From @BotFather, in the form 123456:ABC-DEF…")
    )
    api_url = HttpUrlField(label=_("Bot API address"), required=False, initial=API_URL)
    webhook_secret = SecretField(
        label=_("Webhook secret"),
        required=False,
        min_length=16,
        help_text=_(
            "The secret_token given to Telegram's setWebhook; without it replies are refused."
        ),
    )
    disable_preview = forms.BooleanField(label=_("No link previews"), required=False)
    timeout = timeout_field()

    defaults = {"timeout": 10.0, "api_url": API_URL}

    def clean_bot_token(self):
        token = self.cleaned_data["bot_token"]
        if not _BOT_TOKEN.match(token):
            raise forms.ValidationError(_("This does not look like a bot token (123456:ABC-DEF…)."))
        return token
