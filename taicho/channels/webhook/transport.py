"""Signed JSON to other systems (the city's platform, a partner's dispatcher).

POST to the recipient's address with the message as JSON, signed (taicho.channels.webhook.
signing) and carrying the idempotency key, so a receiver can drop a retried duplicate.
2xx sent; 4xx permanent; 5xx, 429 and timeouts temporary; redirects are not followed.
"""

import time

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.channels import http_api
from taicho.channels.base import Message, RecipientField, SendResult, Transport, TransportError
from taicho.channels.webhook import signing
from taicho.channels.webhook.forms import WebhookConfigForm

_URL = URLValidator(schemes=["http", "https"])


class WebhookTransport(Transport):
    kind = "webhook"
    label = gettext_lazy("Webhook (signed JSON)")
    config_form = WebhookConfigForm
    recipient_field = RecipientField.URL
    max_text_length = None

    def payload(self, message: Message) -> dict:
        return {
            "id": message.idempotency_key,
            "text": message.text,
            "long_text": message.long_text,
            "spoken_script": message.spoken_script,
            "audio_url": message.audio_url,
            "params": dict(message.template_params),
            "metadata": dict(message.metadata),
        }

    def deliver(self, message: Message) -> SendResult:
        url = message.recipient.strip()
        try:
            _URL(url)
        except ValidationError:
            raise TransportError(
                _("“%(value)s” is not a web address starting with http:// or https://.")
                % {"value": url},
                permanent=True,
            ) from None
        body = http_api.json_body(self.payload(message))
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            signing.TIMESTAMP_HEADER: timestamp,
            signing.SIGNATURE_HEADER: signing.signature(self.config["secret"], timestamp, body),
        }
        if message.idempotency_key:
            headers["Idempotency-Key"] = message.idempotency_key
        response = http_api.request(
            url, body=body, headers=headers, timeout=self.config.get("timeout") or 10.0
        )
        http_api.raise_for_status(response)
        answer = response.json()
        provider_id = answer.get("id") if isinstance(answer, dict) else None
        return SendResult(provider_id=str(provider_id or ""), detail=f"HTTP {response.status}")
