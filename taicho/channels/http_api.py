"""HTTP for the channels that call a provider's API: the standard library, with timeouts.

One rule for every HTTP kind (a kind may read the answer's body more closely first):
2xx sent; 408, 425, 429 and 5xx temporary (429's Retry-After honoured); other 4xx permanent;
a redirect permanent (an API does not move silently; a signed request is never re-sent
elsewhere); timeouts and network errors temporary.
"""

import datetime as dt
import email.utils
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.channels.base import TransportError

USER_AGENT = "taicho-channels/1"
TEMPORARY_STATUSES = {408, 425, 429}
# Bodies are read for error messages and provider ids; an API never needs more.
_MAX_BODY = 1024 * 1024
_MAX_DETAIL = 300


@dataclass(frozen=True)
class HttpResponse:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None

    def snippet(self) -> str:
        """The start of the body, for an error message."""
        return self.body[:_MAX_DETAIL].decode("utf-8", "replace").strip()

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def request(
    url: str,
    *,
    method: str = "POST",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float,
) -> HttpResponse:
    """Make one request; any status comes back as a response, a network failure as a
    temporary TransportError."""
    all_headers = {"User-Agent": USER_AGENT, **(headers or {})}
    req = urllib.request.Request(url, data=body, headers=all_headers, method=method)  # noqa: S310
    try:
        with _opener.open(req, timeout=timeout) as answer:
            return HttpResponse(answer.status, answer.read(_MAX_BODY), _lower(answer.headers))
    except urllib.error.HTTPError as exc:
        with exc:
            return HttpResponse(exc.code, exc.read(_MAX_BODY), _lower(exc.headers))
    except TimeoutError as exc:
        raise TransportError(
            _("The provider did not answer within %(seconds)s s.") % {"seconds": timeout}
        ) from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise TransportError(
                _("The provider did not answer within %(seconds)s s.") % {"seconds": timeout}
            ) from exc
        raise TransportError(
            _("Cannot reach the provider: %(reason)s") % {"reason": reason}
        ) from exc
    except (ConnectionError, OSError) as exc:
        raise TransportError(_("Cannot reach the provider: %(reason)s") % {"reason": exc}) from exc


def _lower(headers) -> dict[str, str]:
    return {name.lower(): value for name, value in (headers or {}).items()}


def retry_after_seconds(value: str, *, now: dt.datetime | None = None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or timezone.now())).total_seconds())


def status_error(response: HttpResponse, *, detail: str = "") -> TransportError | None:
    """The TransportError the table above gives for a non-2xx answer (None for 2xx)."""
    if response.ok:
        return None
    status = response.status
    detail = detail or response.snippet()
    message = _("The provider answered HTTP %(status)s: %(detail)s") % {
        "status": status,
        "detail": detail,
    }
    if status == 429:
        return TransportError(
            message,
            permanent=False,
            retry_after=retry_after_seconds(response.header("retry-after")),
        )
    if status in TEMPORARY_STATUSES or status >= 500:
        return TransportError(message, permanent=False)
    # 401/403 on a provider's API is our credentials; 3xx a moved endpoint: both the channel's.
    channel_fault = status in (401, 403) or 300 <= status < 400
    return TransportError(message, permanent=True, channel_fault=channel_fault)


def raise_for_status(response: HttpResponse, *, detail: str = "") -> None:
    error = status_error(response, detail=detail)
    if error is not None:
        raise error


def json_body(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
