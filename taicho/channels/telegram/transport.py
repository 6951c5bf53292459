"""Telegram Bot API: POST {api_url}/bot{token}/sendMessage with chat_id and text.

Telegram answers {"ok": true, "result": {"message_id": …}} or {"ok": false, "error_code",
"description", "parameters": {"retry_after": …}}. 429 is temporary after retry_after
seconds; 403 (the bot was blocked, kicked, or may not write first) and 400 (chat not found)
are permanent for that chat; 401 and 404 mean the bot token is wrong: the channel's fault.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.channels import http_api
from taicho.channels.base import Message, RecipientField, SendResult, Transport, TransportError
from taicho.channels.telegram import inbound
from taicho.channels.telegram.forms import API_URL, TelegramConfigForm

MAX_TEXT = 4096
_CHAT_ID = re.compile(r"^(-?\d{1,20}|@[A-Za-z0-9_]{5,32})$")


class TelegramTransport(Transport):
    kind = "telegram"
    label = gettext_lazy("Telegram bot")
    config_form = TelegramConfigForm
    recipient_field = RecipientField.TELEGRAM_CHAT
    max_text_length = MAX_TEXT
    supports_reply = True

    def read_inbound(self, request):
        return inbound.read(self.config, request)

    def deliver(self, message: Message) -> SendResult:
        chat_id = message.recipient.strip()
        if not _CHAT_ID.match(chat_id):
            raise TransportError(
                _("“%(value)s” is not a Telegram chat id.") % {"value": chat_id}, permanent=True
            )
        text = message.full_text
        if len(text) > MAX_TEXT:
            text = text[: MAX_TEXT - 1] + "…"
        payload = {"chat_id": chat_id, "text": text}
        if self.config.get("disable_preview"):
            payload["link_preview_options"] = {"is_disabled": True}
        base = (self.config.get("api_url") or API_URL).rstrip("/")
        response = http_api.request(
            f"{base}/bot{self.config['bot_token']}/sendMessage",
            body=http_api.json_body(payload),
            headers={"Content-Type": "application/json"},
            timeout=self.config.get("timeout") or 10.0,
        )
        answer = response.json()
        if not isinstance(answer, dict):
            answer = {}
        if response.ok and answer.get("ok"):
            result = answer.get("result") or {}
            return SendResult(provider_id=str(result.get("message_id") or ""))
        raise self._error(response, answer)

    def _error(self, response: http_api.HttpResponse, answer: dict) -> TransportError:
        status = int(answer.get("error_code") or response.status)
        description = answer.get("description") or response.snippet()
        text = _("Telegram refused the message (%(status)s): %(description)s") % {
            "status": status,
            "description": description,
        }
        parameters = answer.get("parameters") or {}
        if status == 429:
            retry_after = parameters.get("retry_after")
            if retry_after is None:
                retry_after = http_api.retry_after_seconds(response.header("retry-after"))
            return TransportError(text, permanent=False, retry_after=retry_after)
        if status in (401, 404):
            return TransportError(text, permanent=True, channel_fault=True)
        if status in (400, 403):
            return TransportError(text, permanent=True)
        # 200 without "ok" is not the Bot API we know: a later try may be answered properly.
        return http_api.status_error(response, detail=description) or TransportError(text)
