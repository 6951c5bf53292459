"""SMS text: GSM-7 or UCS-2, Vietnamese without diacritics, long texts in concatenated parts.

An SMS carries 140 bytes: 160 GSM-7 characters or 70 UCS-2 ones (3GPP TS 23.038). A longer
text goes in concatenated parts whose header takes 6 bytes, leaving 153 GSM-7 or 67 UCS-2
characters each. Vietnamese with its diacritics needs UCS-2 (ộ, ư, đ are not in GSM-7);
gateways or brandname contracts that take only GSM-7 get the text without diacritics, in its
own case ("Đê" → "De"). A part never ends inside an escape pair (GSM-7 €, [, ]…) or a
surrogate pair (UCS-2 emoji), and prefers to end after a space.
"""

import unicodedata
from dataclasses import dataclass

GSM7 = "gsm7"
UCS2 = "ucs2"

# The GSM 03.38 default alphabet (without ESC) and its extension table (two septets each).
_GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENDED = set("^{}\\[~]|€\f")

SINGLE_LIMIT = {GSM7: 160, UCS2: 70}
PART_LIMIT = {GSM7: 153, UCS2: 67}

# Punctuation that word processors put in and GSM-7 lacks, in its plain form.
_PLAIN_PUNCTUATION = {
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "‘": "'",
    "’": "'",
    "–": "-",
    "—": "-",
    "…": "...",
    "•": "-",
    "\u00a0": " ",
    "\t": " ",
}


def is_gsm7(text: str) -> bool:
    return all(ch in _GSM7_BASIC or ch in _GSM7_EXTENDED for ch in text)


def unaccent(text: str) -> str:
    """Vietnamese without diacritics, keeping case: "Đê Bạch Đằng" → "De Bach Dang"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def to_gsm7(text: str) -> str:
    """The text in GSM-7: diacritics dropped, typographic punctuation made plain, and any
    character still outside the alphabet replaced by "?"."""
    plain = "".join(_PLAIN_PUNCTUATION.get(ch, ch) for ch in unaccent(text))
    return "".join(ch if ch in _GSM7_BASIC or ch in _GSM7_EXTENDED else "?" for ch in plain)


def _gsm7_cost(ch: str) -> int:
    return 2 if ch in _GSM7_EXTENDED else 1


def _ucs2_cost(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1  # a surrogate pair


_COST = {GSM7: _gsm7_cost, UCS2: _ucs2_cost}


def length(text: str, encoding: str) -> int:
    """Length in the encoding's units: septets (GSM-7) or UTF-16 code units (UCS-2)."""
    cost = _COST[encoding]
    return sum(cost(ch) for ch in text)


def split(text: str, encoding: str) -> list[str]:
    """The parts of `text` as the network carries them; joined, they are the text again."""
    if length(text, encoding) <= SINGLE_LIMIT[encoding]:
        return [text] if text else []
    limit, cost = PART_LIMIT[encoding], _COST[encoding]
    parts: list[str] = []
    start = 0
    while start < len(text):
        used, end = 0, start
        while end < len(text) and used + cost(text[end]) <= limit:
            used += cost(text[end])
            end += 1
        if end < len(text):
            space = text.rfind(" ", start, end)
            # Cut after the last space unless that wastes more than half of the part.
            if space >= 0 and space + 1 - start > (end - start) // 2:
                end = space + 1
        parts.append(text[start:end])
        start = end
    return parts


@dataclass(frozen=True)
class SmsPlan:
    """How a text goes out: its encoding, the text as sent, and its parts."""

    encoding: str
    text: str
    parts: list[str]
    truncated: bool = False


def plan(text: str, *, unaccented: bool, max_parts: int | None = None) -> SmsPlan:
    """Choose the encoding (GSM-7 when the text allows or the gateway needs it) and split.

    With `max_parts`, a longer text is cut to that many parts, ending with "…" ("..." in
    GSM-7): an alert that arrives shortened is better than none. A last line that is a web
    address (the recipient's personal answer link) is kept whole: the body is cut instead.
    """
    text = unicodedata.normalize("NFC", text.strip())
    body, _newline, last = text.rpartition("\n")
    if body and last.startswith(("http://", "https://")) and max_parts is not None:
        whole = plan(text, unaccented=unaccented)
        if len(whole.parts) > max_parts:
            return _with_link(body, last, unaccented=unaccented, max_parts=max_parts)
    if unaccented or is_gsm7(text):
        text, encoding = to_gsm7(text), GSM7
    else:
        encoding = UCS2
    parts = split(text, encoding)
    if max_parts is None or len(parts) <= max_parts:
        return SmsPlan(encoding, text, parts)
    ellipsis = "..." if encoding == GSM7 else "…"
    budget = PART_LIMIT[encoding] * max_parts - length(ellipsis, encoding)
    while True:
        shortened = _cut(text, encoding, budget) + ellipsis
        parts = split(shortened, encoding)
        if len(parts) <= max_parts:
            return SmsPlan(encoding, shortened, parts, truncated=True)
        # Parts ending at a space leave room unused: cut a little more and try again.
        budget -= PART_LIMIT[encoding] // 4


def _with_link(body: str, link: str, *, unaccented: bool, max_parts: int) -> SmsPlan:
    """The body cut to leave room for the link on its own last line."""
    encoding = GSM7 if unaccented or is_gsm7(body + link) else UCS2
    if encoding == GSM7:
        body = to_gsm7(body)
    ellipsis = "..." if encoding == GSM7 else "…"
    budget = PART_LIMIT[encoding] * max_parts - length(ellipsis + "\n" + link, encoding)
    while budget > 0:
        shortened = f"{_cut(body, encoding, budget)}{ellipsis}\n{link}"
        parts = split(shortened, encoding)
        if len(parts) <= max_parts:
            return SmsPlan(encoding, shortened, parts, truncated=True)
        budget -= PART_LIMIT[encoding] // 4
    return plan(link, unaccented=unaccented, max_parts=max_parts)


def _cut(text: str, encoding: str, budget: int) -> str:
    cost, used = _COST[encoding], 0
    for index, ch in enumerate(text):
        used += cost(ch)
        if used > budget:
            return text[:index].rstrip()
    return text
