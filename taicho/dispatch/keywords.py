"""What a reply means: "đã nhận" (received), "an toàn" (safe), "cần giúp" (needs help).

People answer in many ways — with or without diacritics, in capitals, with the number the
message offered, "KHONG AN TOAN" meaning the opposite of "an toàn" — so the text is folded
(no diacritics, lower case) and its first words are searched for the phrases below,
longest first; when several meanings appear, the most urgent wins. A reply that opens with
its answer keeps the rest as the note ("cần giúp nhà ngập 1m, có cụ già"), any other keeps
all of it. A personal code copied into the reply names the message it answers. A reply that
says none of the three is still kept, for an officer to read (answers.py).
"""

import re
from dataclasses import dataclass

from taicho.core.vietnamese import fold
from taicho.dispatch import links
from taicho.dispatch.answer_models import AnswerKind

# Folded phrases → meaning. The numbers match the choices the messages offer (1, 2, 3) and
# count only as the reply's first word; the phrases count anywhere in its first words.
PHRASES: dict[str, str] = {
    "khong an toan": AnswerKind.NEEDS_HELP,
    "ko an toan": AnswerKind.NEEDS_HELP,
    "k an toan": AnswerKind.NEEDS_HELP,
    "chua an toan": AnswerKind.NEEDS_HELP,
    "can giup do": AnswerKind.NEEDS_HELP,
    "can giup": AnswerKind.NEEDS_HELP,
    "can cuu": AnswerKind.NEEDS_HELP,
    "cuu": AnswerKind.NEEDS_HELP,
    "giup": AnswerKind.NEEDS_HELP,
    "cg": AnswerKind.NEEDS_HELP,
    "sos": AnswerKind.NEEDS_HELP,
    "help": AnswerKind.NEEDS_HELP,
    "an toan": AnswerKind.SAFE,
    "khong sao": AnswerKind.SAFE,
    "at": AnswerKind.SAFE,
    "safe": AnswerKind.SAFE,
    "da nhan": AnswerKind.RECEIVED,
    "da biet": AnswerKind.RECEIVED,
    "nhan": AnswerKind.RECEIVED,
    "dn": AnswerKind.RECEIVED,
    "ok": AnswerKind.RECEIVED,
    "received": AnswerKind.RECEIVED,
}
FIRST_WORD = {"3": AnswerKind.NEEDS_HELP, "2": AnswerKind.SAFE, "1": AnswerKind.RECEIVED}
# When a reply says several things ("OK, an toàn"; "an toàn nhưng cần giúp"), the most
# urgent wins; a phrase is looked for in the first words only, where people put the answer.
URGENCY = (AnswerKind.NEEDS_HELP, AnswerKind.SAFE, AnswerKind.RECEIVED)
LOOK_WORDS = 8
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
    found = _phrases(words[:LOOK_WORDS])
    if words and words[0] in FIRST_WORD:
        found.setdefault(FIRST_WORD[words[0]], (0, 1))
    for kind in URGENCY:
        if kind in found:
            start, size = found[kind]
            # An answer that opens the reply leaves the rest as its note; else all of it.
            note = _note(original, size) if start == 0 else original[:1000]
            return Reading(kind=kind, note=note, message_id=message_id)
    return Reading(kind=None, note=original[:1000], message_id=message_id)


def _phrases(words: list[str]) -> dict[str, tuple[int, int]]:
    """{meaning: (word position, phrase length)} of the first phrase of each meaning."""
    found: dict[str, tuple[int, int]] = {}
    position = 0
    while position < len(words):
        for phrase in _ORDERED:
            size = len(phrase.split())
            if words[position : position + size] == phrase.split():
                found.setdefault(PHRASES[phrase], (position, size))
                position += size - 1
                break
        position += 1
    return found


def _note(original: str, phrase_words: int) -> str:
    """The reply after its first `phrase_words` words, as written (diacritics kept)."""
    parts = re.split(r"[\s,.:;!?-]+", original, maxsplit=phrase_words)
    rest = parts[phrase_words] if len(parts) > phrase_words else ""
    return rest.strip(" ,.:;!?-")[:1000]
