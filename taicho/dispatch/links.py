"""Each message's personal link, derived from its id: nothing stored, nothing to index.

A token is the message id in base 36 followed by an 8-character HMAC of it (keyed by the
site's SECRET_KEY): short enough for an SMS, and not guessable — one cannot reach another
household's answer page by changing a digit. Rotating SECRET_KEY invalidates old links.
"""

import base64
import hmac
from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac

_SALT = "taicho.dispatch.links"
_SIGNATURE_LENGTH = 8
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(number: int) -> str:
    digits = []
    while True:
        number, remainder = divmod(number, 36)
        digits.append(_DIGITS[remainder])
        if not number:
            return "".join(reversed(digits))


def _signature(message_id: int) -> str:
    digest = salted_hmac(_SALT, str(message_id), algorithm="sha256").digest()
    return base64.b32encode(digest).decode("ascii").lower()[:_SIGNATURE_LENGTH]


def token_for(message_id: int) -> str:
    return _base36(message_id) + _signature(message_id)


def message_id_of(token: str) -> int | None:
    """The message id a token names, or None when it was not made here."""
    token = (token or "").strip().lower()
    if len(token) <= _SIGNATURE_LENGTH or len(token) > 20:
        return None
    number, signature = token[:-_SIGNATURE_LENGTH], token[-_SIGNATURE_LENGTH:]
    if any(char not in _DIGITS for char in number):
        return None
    message_id = int(number, 36)
    if not hmac.compare_digest(signature, _signature(message_id)):
        return None
    return message_id


def link_for(message_id: int) -> str:
    """The absolute address a recipient opens (TAICHO_PUBLIC_URL + the answer page)."""
    return settings.TAICHO_PUBLIC_URL.rstrip("/") + _answer_path().format(token_for(message_id))


@cache
def _answer_path() -> str:
    # Resolved once per process: reversing a URL per message repeats the same work, and the
    # first reverse imports the whole URLconf (the worker calls warm_up() at its start).
    return reverse("dispatch_answer", args=["TOKEN"]).replace("TOKEN", "{}")


def warm_up() -> None:
    _answer_path()
