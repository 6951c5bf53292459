"""Vietnamese phone numbers, in the one form we store: 0 followed by 9 or 10 digits."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_SEPARATORS = re.compile(r"[\s.\-()]")
_NATIONAL = re.compile(r"^0\d{9,10}$")


def normalize_phone(raw: str) -> str:
    """Return the national form of a Vietnamese phone number, or raise ValidationError."""
    text = _SEPARATORS.sub("", str(raw or ""))
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("84") and len(text) in (11, 12):
        text = "0" + text[2:]
    if not _NATIONAL.match(text):
        raise ValidationError(
            _("“%(value)s” is not a Vietnamese phone number (10 digits starting with 0).")
            % {"value": raw},
            code="phone",
        )
    return text


def normalize_phones(raw: str | list[str]) -> list[str]:
    """Several numbers separated by commas, semicolons or slashes; duplicates dropped."""
    items = raw if isinstance(raw, list) else re.split(r"[,;/\n]", str(raw or ""))
    phones: list[str] = []
    for item in items:
        if str(item).strip():
            phone = normalize_phone(item)
            if phone not in phones:
                phones.append(phone)
    return phones


def mask_phone(phone: str) -> str:
    """0912 345 678 → 0912•••678: enough to recognise, not enough to call."""
    if len(phone) < 7:
        return "•" * len(phone)
    return phone[:4] + "•••" + phone[-3:]
