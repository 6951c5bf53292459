"""SMS through a brandname gateway's HTTP API, with the request shape in the configuration.

Vietnamese gateways differ in URL, body and answer, not in what they do; so the request
(method, JSON or form body from a template, an authentication header) and the success rule
(HTTP statuses, and optionally a field of the JSON answer) are settings. The text goes with
its diacritics (UCS-2) unless the gateway needs GSM-7, and long texts in concatenated parts.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.channels import http_api
from taicho.channels.base import Message, RecipientField, SendResult, Transport, TransportError
from taicho.channels.sms_http import encoding, inbound
from taicho.channels.sms_http.forms import SmsHttpConfigForm
from taicho.channels.sms_http.template import render_form, render_json
from taicho.core.phones import normalize_phone

_PHONE_FORMATS = {
    "national": lambda phone: phone,
    "international": lambda phone: "84" + phone[1:],
    "plus": lambda phone: "+84" + phone[1:],
}
_CONTENT_TYPES = {
    "json": ("application/json; charset=utf-8", render_json),
    "form": ("application/x-www-form-urlencoded; charset=utf-8", render_form),
}


def json_path(data: Any, path: str) -> Any:
    """The value at a dotted path ("result.code", "messages.0.id") of a JSON answer."""
    for key in path.split("."):
        if isinstance(data, list) and key.isdecimal() and int(key) < len(data):
            data = data[int(key)]
        elif isinstance(data, dict) and key in data:
            data = data[key]
        else:
            return None
    return data


class SmsHttpTransport(Transport):
    kind = "sms_http"
    label = gettext_lazy("SMS through an HTTP gateway")
    config_form = SmsHttpConfigForm
    recipient_field = RecipientField.PHONE
    # Two GSM-7 parts; with diacritics the same text takes five UCS-2 parts.
    max_text_length = 306
    supports_reply = True

    def read_inbound(self, request):
        return inbound.read(self.config, request)

    def _phone(self, recipient: str) -> str:
        try:
            phone = normalize_phone(recipient)
        except ValidationError:
            raise TransportError(
                _("“%(value)s” is not a Vietnamese phone number.") % {"value": recipient},
                permanent=True,
            ) from None
        return _PHONE_FORMATS[self.config.get("phone_format") or "national"](phone)

    def deliver(self, message: Message) -> SendResult:
        phone = self._phone(message.recipient)
        sms = encoding.plan(
            message.text,
            unaccented=bool(self.config.get("unaccented")),
            max_parts=self.config.get("max_parts") or 5,
        )
        if sms.truncated:
            self.log.warning("sms_http: text cut to %s parts", len(sms.parts))
        # "whole": the gateway joins the parts itself; "each": one request per part.
        each = (self.config.get("send_parts") or "whole") == "each"
        chunks = sms.parts if each else [sms.text]
        provider_ids = []
        for number, chunk in enumerate(chunks, start=1):
            key = message.idempotency_key
            if len(chunks) > 1 and key:
                key = f"{key}-{number}"
            values = {
                "phone": phone,
                "text": chunk,
                "sender": self.config.get("sender") or "",
                "id": key,
                "part": str(number),
                "parts": str(len(chunks)),
                "unicode": "1" if sms.encoding == encoding.UCS2 else "0",
                "api_key": self.config.get("api_key") or "",
            }
            try:
                provider_ids.append(self._request(values))
            except TransportError as exc:
                if number > 1:
                    exc.message = _("Part %(number)s of %(count)s: %(error)s") % {
                        "number": number,
                        "count": len(chunks),
                        "error": exc.message,
                    }
                raise
        detail = _("%(parts)s part(s), %(encoding)s") % {
            "parts": len(sms.parts),
            "encoding": "GSM-7" if sms.encoding == encoding.GSM7 else "UCS-2",
        }
        return SendResult(provider_id=",".join(filter(None, provider_ids)), detail=detail)

    def _request(self, values: dict[str, str]) -> str:
        content_type, render = _CONTENT_TYPES[self.config.get("content_type") or "json"]
        body = render(self.config["body_template"], values)
        method = self.config.get("method") or "POST"
        headers = {"Accept": "application/json"}
        if self.config.get("header_name"):
            headers[self.config["header_name"]] = self.config.get("auth_value") or ""
        url = self.config["url"]
        if method == "GET":
            url = f"{url}{'&' if '?' in url else '?'}{body}"
            data = None
        else:
            headers["Content-Type"] = content_type
            data = body.encode("utf-8")
        response = http_api.request(
            url,
            method=method,
            body=data,
            headers=headers,
            timeout=self.config.get("timeout") or 10.0,
        )
        return self._check(response)

    def _check(self, response: http_api.HttpResponse) -> str:
        """The provider's message id if the answer means success; TransportError otherwise."""
        statuses = self.config.get("success_statuses") or [200, 201, 202]
        if response.status not in statuses:
            http_api.raise_for_status(response)
            raise TransportError(
                _("The gateway answered HTTP %(status)s, which is not a success here.")
                % {"status": response.status}
            )
        data = response.json()
        path = self.config.get("success_json_path")
        if path:
            found = json_path(data, path)
            if str(found) != str(self.config.get("success_json_value")):
                permanent = str(found) in (self.config.get("permanent_json_values") or [])
                raise TransportError(
                    _("The gateway refused the message (%(path)s = %(value)s): %(detail)s")
                    % {"path": path, "value": found, "detail": response.snippet()},
                    permanent=permanent,
                )
        id_path = self.config.get("provider_id_path")
        if id_path:
            found = json_path(data, id_path)
            return "" if found is None else str(found)
        return ""
