"""What a reply means: "đã nhận" (received), "an toàn" (safe), "cần giúp" (needs help).

People answer in many ways — with or without diacritics, in capitals, with the number the
message offered, "KHONG AN TOAN" meaning the opposite of "an toàn" — so the text is folded
(no diacritics, lower case) and its first words are matched against the phrases below,
longest first. What follows the phrase is kept as the note ("cần giúp nhà ngập 1m, có cụ
già"). A personal code copied into the reply names the message it answers.
"""

import re
from dataclasses import dataclass

from taicho.core.vietnamese import fold
from taicho.dispatch import links
from taicho.dispatch.answer_models import AnswerKind

# Folded phrases → meaning. The numbers match the choices the messages offer (1, 2, 3).
PHRASES: dict[str, str] = {
    "khong an toan": AnswerKind.NEEDS_HELP,
    "chua an toan": AnswerKind.NEEDS_HELP,
    "can giup do": AnswerKind.NEEDS_HELP,
    "can giup": AnswerKind.NEEDS_HELP,
    "can cuu": AnswerKind.NEEDS_HELP,
    "cuu": AnswerKind.NEEDS_HELP,
    "giup": AnswerKind.NEEDS_HELP,
    "cg": AnswerKind.NEEDS_HELP,
    "sos": AnswerKind.NEEDS_HELP,
    "help": AnswerKind.NEEDS_HELP,
    "3": AnswerKind.NEEDS_HELP,
    "an toan": AnswerKind.SAFE,
    "at": AnswerKind.SAFE,
    "safe": AnswerKind.SAFE,
    "2": AnswerKind.SAFE,
    "da nhan": AnswerKind.RECEIVED,
    "da biet": AnswerKind.RECEIVED,
    "nhan": AnswerKind.RECEIVED,
    "dn": AnswerKind.RECEIVED,
    "ok": AnswerKind.RECEIVED,
    "received": AnswerKind.RECEIVED,
    "1": AnswerKind.RECEIVED,
}
_ORDERED = sorted(PHRASES, key=lambda phrase: (-len(phrase.split()), -len(phrase)))
_WORD = re.compile(r"[0-9a-z]+")
_CODE = re.compile(r"\b[0-9a-z]{9,20}\b")


@dataclass(frozen=True)
class Reading:
    kind: str | None  # None: the text says none of the three
    note: str = ""
    message_id: int | None = None  # named by a personal code in the text


def read_reply(text: str) -> Reading:
    original = (text or "").strip()
    folded = fold(original).lower()
    message_id = None
    for candidate in _CODE.findall(folded):
        message_id = links.message_id_of(candidate)
        if message_id is not None:
            folded = folded.replace(candidate, " ")
            original = re.sub(re.escape(candidate), " ", original, flags=re.IGNORECASE).strip()
            break
    words = _WORD.findall(folded)
    for phrase in _ORDERED:
        size = len(phrase.split())
        if words[:size] == phrase.split():
            return Reading(kind=PHRASES[phrase], note=_note(original, size), message_id=message_id)
    return Reading(kind=None, note=original[:1000], message_id=message_id)


def _note(original: str, phrase_words: int) -> str:
    """The reply after its first `phrase_words` words, as written (diacritics kept)."""
    parts = re.split(r"[\s,.:;!?-]+", original, maxsplit=phrase_words)
    rest = parts[phrase_words] if len(parts) > phrase_words else ""
    return rest.strip(" ,.:;!?-")[:1000]
