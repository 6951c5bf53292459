"""Filling an alert template's placeholders, and measuring an SMS.

Templates are written by people (the national defaults, a ward's own wording), so a
placeholder that does not exist is a clear error naming it, never a KeyError, and nothing but
a plain name may stand between the braces (no {ward.__class__}, no format specs).
"""

import string
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from taicho.warnings.services.vocabulary import LEVEL_WORDS, hazard_words

PLACEHOLDERS = (
    "ward",
    "hazard",
    "Hazard",
    "level",
    "level_name",
    "headline",
    "time",
    "issuer",
    "reason",
)

SMS_LIMIT = 160  # GSM 03.38 characters in one SMS
# GSM 03.38: the basic set counts one, the extension set two (escape + character).
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENSION = frozenset("^{}\\[~]|€\f")
# Typographic characters with a plain equivalent.
_PLAIN = str.maketrans({"đ": "d", "Đ": "D", "–": "-", "—": "-", "“": '"', "”": '"', "’": "'"})


@dataclass(frozen=True)
class Context:
    """What the placeholders stand for."""

    ward: str
    hazard_type: str
    level: int | None
    headline: str = ""
    time: datetime | None = None
    issuer: str = ""
    reason: str = ""

    def values(self) -> dict[str, str]:
        hazard = hazard_words(self.hazard_type)[0]
        return {
            "ward": self.ward,
            "hazard": hazard,
            "Hazard": hazard[:1].upper() + hazard[1:],
            "level": str(self.level or ""),
            "level_name": LEVEL_WORDS.get(self.level or 0, ""),
            "headline": self.headline,
            "time": format_time(self.time) if self.time else "",
            "issuer": self.issuer,
            "reason": self.reason,
        }


def format_time(value: datetime) -> str:
    """ "14:00 ngày 19/7/2025", in the ward's time zone."""
    local = value.astimezone(ZoneInfo(settings.TIME_ZONE))
    return f"{local:%H:%M} ngày {local.day}/{local.month}/{local.year}"


def placeholder_errors(text: str) -> list[str]:
    """What is wrong with the placeholders of `text` (empty: nothing)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return [_("A brace { or } is not closed; write {{ or }} for a brace itself.")]
    errors = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            errors.append(
                _("Unknown placeholder {%(name)s}; the placeholders are: %(known)s.")
                % {
                    "name": name
                    + (f"!{conversion}" if conversion else "")
                    + (f":{spec}" if spec else ""),
                    "known": ", ".join("{" + known + "}" for known in PLACEHOLDERS),
                }
            )
    return errors


def render(text: str, context: Context, *, field: str) -> str:
    """`text` with its placeholders filled; ValidationError on `field` if one is unknown."""
    errors = placeholder_errors(text)
    if errors:
        raise ValidationError({field: errors})
    return text.format_map(context.values()).strip()


def unaccented(text: str) -> str:
    """The text as an unaccented SMS carries it: "Bão số 3" → "Bao so 3"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_PLAIN))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def sms_length(text: str) -> int:
    """GSM characters of the unaccented text; ValueError naming a character GSM lacks."""
    length = 0
    for char in unaccented(text):
        if char in _GSM_BASIC:
            length += 1
        elif char in _GSM_EXTENSION:
            length += 2
        else:
            raise ValueError(char)
    return length


def check_sms(text: str, *, field: str = "sms_text") -> None:
    """ValidationError unless the text fits one unaccented SMS."""
    try:
        length = sms_length(text)
    except ValueError as exc:
        raise ValidationError(
            {field: _("The character “%(char)s” cannot be sent in an SMS.") % {"char": exc.args[0]}}
        ) from None
    if length > SMS_LIMIT:
        raise ValidationError(
            {
                field: _(
                    "The SMS has %(length)d characters without diacritics; one SMS holds "
                    "%(limit)d. Shorten it by %(excess)d."
                )
                % {"length": length, "limit": SMS_LIMIT, "excess": length - SMS_LIMIT}
            }
        )
