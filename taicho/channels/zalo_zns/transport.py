"""Zalo Notification Service (ZNS): template messages from the ward's Official Account.

A send is POST {api_url} with the header access_token and the JSON {phone (84…),
template_id, template_data, tracking_id}; Zalo answers {"error": 0, "data": {"msg_id"…}}
or an error code (taicho.channels.zalo_zns.errors). An expired access token (-124) is
renewed with the refresh token at {refresh_url} (header secret_key, form fields refresh_token,
app_id, grant_type=refresh_token); Zalo's refresh tokens are single-use, so the new pair is
stored at once, under the channel's row lock, and the send is tried once more.
"""

import datetime as dt
from collections.abc import Mapping
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.channels import http_api
from taicho.channels.base import Message, RecipientField, SendResult, Transport, TransportError
from taicho.channels.zalo_zns import errors, inbound
from taicho.channels.zalo_zns.forms import REFRESH_URL, ZNS_URL, ZaloZnsConfigForm
from taicho.core.phones import normalize_phone

_VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
_MORNING_HOUR = 6


def seconds_until_morning(now: dt.datetime | None = None) -> float:
    """Seconds until 06:00 in Vietnam, when Zalo again allows night-restricted templates."""
    local = (now or timezone.now()).astimezone(_VIETNAM)
    morning = local.replace(hour=_MORNING_HOUR, minute=0, second=0, microsecond=0)
    if morning <= local:
        morning += dt.timedelta(days=1)
    return (morning - local).total_seconds()


def _code(answer: Mapping) -> int:
    """Zalo's error code (0: success); sometimes sent as a string."""
    try:
        return int(answer.get("error") or 0)
    except (TypeError, ValueError):
        return errors.UNKNOWN


class ZaloZnsTransport(Transport):
    kind = "zalo_zns"
    label = gettext_lazy("Zalo ZNS (Official Account)")
    config_form = ZaloZnsConfigForm
    recipient_field = RecipientField.PHONE
    max_text_length = 400
    supports_reply = True

    def read_inbound(self, request):
        return inbound.read(self.config, request)

    def _phone(self, recipient: str) -> str:
        try:
            return "84" + normalize_phone(recipient)[1:]
        except ValidationError:
            raise TransportError(
                _("“%(value)s” is not a Vietnamese phone number.") % {"value": recipient},
                permanent=True,
            ) from None

    def _body(self, message: Message) -> dict:
        data = {key: str(value) for key, value in message.template_params.items()}
        # The personal answer link has its own parameter (a button or a line of the
        # template); the text parameter gets the text without it.
        link = message.metadata.get("link", "")
        text = message.text
        if link and text.endswith(link):
            text = text[: -len(link)].rstrip()
        if self.config.get("text_param"):
            data.setdefault(self.config["text_param"], text)
        if self.config.get("link_param") and link:
            data.setdefault(self.config["link_param"], link)
        body = {
            "phone": self._phone(message.recipient),
            "template_id": self.config["template_id"],
            "template_data": data,
            "tracking_id": message.idempotency_key,
        }
        if self.config.get("development_mode"):
            body["mode"] = "development"
        return body

    def _post(self, body: dict, access_token: str) -> Mapping:
        response = http_api.request(
            self.config.get("api_url") or ZNS_URL,
            body=http_api.json_body(body),
            headers={"Content-Type": "application/json", "access_token": access_token},
            timeout=self.config.get("timeout") or 10.0,
        )
        http_api.raise_for_status(response)
        answer = response.json()
        if not isinstance(answer, dict) or "error" not in answer:
            raise TransportError(
                _("Zalo gave an answer we do not understand: %(detail)s")
                % {"detail": response.snippet()}
            )
        return answer

    def deliver(self, message: Message) -> SendResult:
        body = self._body(message)
        token = self.config["access_token"]
        answer = self._post(body, token)
        if _code(answer) == errors.ACCESS_TOKEN_INVALID and self.config.get("refresh_token"):
            answer = self._post(body, self._renewed_token(failed=token))
        return self._result(answer)

    def _result(self, answer: Mapping) -> SendResult:
        code = _code(answer)
        if code == 0:
            data = answer.get("data") or {}
            quota = data.get("quota") or {}
            detail = ""
            if quota.get("remainingQuota") is not None:
                detail = _("%(left)s ZNS left today") % {"left": quota["remainingQuota"]}
            return SendResult(provider_id=str(data.get("msg_id") or ""), detail=detail)
        name, outcome = errors.describe(code)
        permanent, channel_fault = errors.OUTCOME_FLAGS[outcome]
        retry_after = seconds_until_morning() if code == errors.NIGHT_TIME_RESTRICTED else None
        raise TransportError(
            _("Zalo refused the message (%(code)s %(name)s): %(detail)s")
            % {"code": code, "name": name, "detail": answer.get("message") or ""},
            permanent=permanent,
            retry_after=retry_after,
            channel_fault=channel_fault,
        )

    def _renewed_token(self, *, failed: str) -> str:
        """A new access token: another worker's if it renewed meanwhile, else our own."""

        def renew(current: dict) -> dict | None:
            if current.get("access_token") and current["access_token"] != failed:
                return None
            return self._refresh(current)

        config = self.context.change_config(self.config, renew)
        return config["access_token"]

    def _refresh(self, current: Mapping) -> dict:
        response = http_api.request(
            self.config.get("refresh_url") or REFRESH_URL,
            body=urlencode(
                {
                    "refresh_token": current.get("refresh_token") or "",
                    "app_id": current.get("app_id") or "",
                    "grant_type": "refresh_token",
                }
            ).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "secret_key": current.get("app_secret") or "",
            },
            timeout=self.config.get("timeout") or 10.0,
        )
        answer = response.json() if response.ok else None
        if not isinstance(answer, dict) or not answer.get("access_token"):
            reason = ""
            if isinstance(answer, dict):
                reason = answer.get("error_description") or answer.get("error_name") or ""
            raise TransportError(
                _(
                    "The Zalo access token expired and could not be renewed (%(reason)s): "
                    "an officer must connect the Official Account again."
                )
                % {"reason": reason or response.snippet() or response.status},
                permanent=False,
                channel_fault=True,
            )
        # The new pair must be masked from here on, in this very send's log lines too.
        self.config.update(
            {"access_token": answer["access_token"], "refresh_token": answer.get("refresh_token")}
        )
        return {
            "access_token": answer["access_token"],
            "refresh_token": answer.get("refresh_token") or current.get("refresh_token"),
        }
