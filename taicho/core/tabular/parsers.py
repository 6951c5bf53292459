"""Cell parsers: a value from the file → the stored value, or a ValidationError."""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils.datetime import from_excel

from taicho.core.phones import normalize_phone, normalize_phones
from taicho.core.vietnamese import fold

# Excel and LibreOffice run a CSV cell starting with these as a formula: exports escape them
# (writing.py) and the text parser undoes that escape.
FORMULA_START = ("=", "+", "-", "@")


# --- matching headers and words ------------------------------------------------------------


def header_key(text) -> str:
    """How headers and words are compared: no case, no diacritics, no punctuation."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(text))).split())


@dataclass(frozen=True)
class Vocabulary:
    """The words accepted for a coded value; the first word of each code is written in files."""

    words: dict[str, tuple[str, ...]]
    _codes: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        codes = {}
        for code, words in self.words.items():
            for word in (code, *words):
                codes.setdefault(header_key(word), code)
        object.__setattr__(self, "_codes", codes)  # built once: lookups run per cell

    def label(self, code: str) -> str:
        return self.words[code][0] if code in self.words else ""

    def labels(self) -> str:
        return ", ".join(words[0] for words in self.words.values())

    def one_of(self):
        """What an import page says about a column of this vocabulary."""
        return format_lazy(gettext_lazy("One of: {values}."), values=self.labels())

    def lookup(self, raw) -> str | None:
        return self._codes.get(header_key(raw))


# --- cell parsers: value from the file → stored value, or ValidationError --------------------

Parser = Callable[[Any], Any]


def _clean_text(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a code typed as a number in Excel: 101, not 101.0
    text = str(raw).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        text = text[1:]  # undo the escape our CSV exports add
    return text


def text(max_length: int | None = None, *, multiline: bool = False) -> Parser:
    def parse(raw) -> str:
        value = _clean_text(raw)
        if not multiline:
            value = " ".join(value.split())
        if max_length is not None and len(value) > max_length:
            raise ValidationError(
                _("Too long: %(length)d characters, at most %(max)d.")
                % {"length": len(value), "max": max_length}
            )
        return value

    return parse


def _number_text(raw) -> str:
    value = _clean_text(raw).replace(" ", "")
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")  # a decimal comma, as Vietnamese Excel writes it
    return value


def number(*, minimum: float | None = None, maximum: float | None = None) -> Parser:
    def parse(raw) -> float:
        if isinstance(raw, bool | dt.date):
            raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw})
        try:
            value = float(raw) if isinstance(raw, int | float) else float(_number_text(raw))
        except ValueError:
            raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw}) from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw})
        _check_range(value, minimum, maximum)
        return value

    return parse


def _check_range(value, minimum, maximum) -> None:
    if minimum is not None and value < minimum:
        raise ValidationError(
            _("%(value)s is less than %(min)s.") % {"value": value, "min": minimum}
        )
    if maximum is not None and value > maximum:
        raise ValidationError(
            _("%(value)s is more than %(max)s.") % {"value": value, "max": maximum}
        )


def _whole(raw) -> int:
    if isinstance(raw, bool | dt.date):
        raise ValueError
    if isinstance(raw, int | float):
        if not float(raw).is_integer():
            raise ValueError
        return int(raw)
    value = _clean_text(raw).replace(" ", "")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", value):
        value = re.sub(r"[.,]", "", value)  # 1.200 written with a thousands separator
    return int(value)


def integer(*, minimum: int | None = None, maximum: int | None = None) -> Parser:
    def parse(raw) -> int:
        try:
            value = _whole(raw)
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a whole number.") % {"value": raw}
            ) from None
        _check_range(value, minimum, maximum)
        return value

    return parse


def year(*, minimum: int = 1900) -> Parser:
    """A year, not before `minimum` and not after this year."""

    def parse(raw) -> int:
        try:
            value = _whole(raw)
        except ValueError:
            raise ValidationError(_("“%(value)s” is not a year.") % {"value": raw}) from None
        this_year = timezone.localdate().year
        if value > this_year:
            raise ValidationError(_("The year %(value)d is in the future.") % {"value": value})
        if value < minimum:
            raise ValidationError(
                _("The year %(value)d is before %(min)d.") % {"value": value, "min": minimum}
            )
        return value

    return parse


YES_NO = Vocabulary(
    {
        "yes": ("có", "x", "1", "yes", "y", "c", "true", "đúng"),
        "no": ("không", "0", "no", "n", "k", "false", "sai"),
    }
)


def yes_no() -> Parser:
    def parse(raw) -> bool:
        if isinstance(raw, bool):
            return raw
        code = YES_NO.lookup(raw)
        if code is None:
            raise ValidationError(
                _("“%(value)s” is not yes or no: write “có” or “không” (or x, 1/0, yes/no).")
                % {"value": raw}
            )
        return code == "yes"

    return parse


def choice(vocabulary: Vocabulary) -> Parser:
    def parse(raw) -> str:
        code = vocabulary.lookup(raw)
        if code is None:
            raise ValidationError(
                _("Unknown value “%(value)s”; use one of: %(choices)s.")
                % {"value": raw, "choices": vocabulary.labels()}
            )
        return code

    return parse


def choices(vocabulary: Vocabulary) -> Parser:
    """Several coded values separated by commas or semicolons; duplicates dropped."""
    one = choice(vocabulary)

    def parse(raw) -> list[str]:
        codes: list[str] = []
        for item in re.split(r"[,;\n]", str(raw)):
            if item.strip():
                code = one(item.strip())
                if code not in codes:
                    codes.append(code)
        return codes

    return parse


def phone() -> Parser:
    return lambda raw: normalize_phone(_clean_text(raw))


def phones() -> Parser:
    return lambda raw: normalize_phones(_clean_text(raw))


_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


def date() -> Parser:
    """dd/mm/yyyy or yyyy-mm-dd, or a date cell of Excel."""

    def parse(raw) -> dt.date:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if isinstance(raw, int | float) and not isinstance(raw, bool) and 1 < raw < 2958466:
            return from_excel(raw).date()  # a date cell formatted as a number
        value = _clean_text(raw)
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a date, no time)
            except ValueError:
                continue
        raise ValidationError(
            _("“%(value)s” is not a date: write dd/mm/yyyy (or yyyy-mm-dd).") % {"value": raw}
        )

    return parse
