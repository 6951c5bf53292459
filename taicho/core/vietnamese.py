"""Vietnamese text: search without diacritics, and sorting in Vietnamese alphabetical order."""

import unicodedata

# The Vietnamese alphabet; letters outside it (f, j, w, z in foreign names) sort after their
# nearest Latin neighbour.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_KEEP_MARKS = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}


def fold(text: str) -> str:
    """Lower-case text with every diacritic removed (đ → d): what people type when searching."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(folded.split())


def _letters(word: str) -> tuple[str, str]:
    """Split a word into base letters ranked in the Vietnamese alphabet and its tone marks."""
    base: list[str] = []
    tones: list[str] = []
    for char in unicodedata.normalize("NFC", word.lower()):
        parts = unicodedata.normalize("NFD", char)
        letter, marks = parts[0], parts[1:]
        tone = 0
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _KEEP_MARKS or (letter in "ou" and mark == "\u031b"):
                letter = unicodedata.normalize("NFC", letter + mark)
        rank = _RANK.get(letter)
        base.append(chr(0x21 + rank) if rank is not None else letter)
        tones.append(str(tone))
    return "".join(base), "".join(tones)


def name_sort_key(full_name: str) -> str:
    """Sort key for a Vietnamese personal name: given name first, then the rest, then tones.

    Lists of residents are read by given name (tên), as in every ward's paper registers.
    """
    words = full_name.split()
    if not words:
        return ""
    ordered = [words[-1], *words[:-1]]
    bases, tones = zip(*(_letters(word) for word in ordered), strict=True)
    return " ".join(bases) + "|" + "".join(tones)
