"""SMS text: GSM-7 or UCS-2, Vietnamese without diacritics, concatenated parts."""

import unicodedata

from taicho.channels.sms_http import encoding
from taicho.channels.sms_http.encoding import GSM7, UCS2

ALERT = (
    "Cảnh báo: bão số 3 đổ bộ vào Hải Phòng đêm nay. Đề nghị các hộ dân ở khu vực ven sông "
    "Bạch Đằng di chuyển đến điểm sơ tán trường THCS trước 17 giờ. Liên hệ 0225 3842 xxx."
)


def test_it_tells_gsm7_text_from_vietnamese_with_diacritics():
    assert encoding.is_gsm7("Canh bao bao so 3, di chuyen truoc 17h!")
    assert encoding.is_gsm7("Giá €5 [khẩn]") is False  # ả, ẩ are not GSM-7
    assert encoding.is_gsm7("Cảnh báo") is False


def test_it_drops_diacritics_but_keeps_case():
    assert encoding.unaccent("Đê Bạch Đằng, ĐƯỜNG Lê Lợi") == "De Bach Dang, DUONG Le Loi"
    assert encoding.unaccent("Phường Hồng Bàng") == "Phuong Hong Bang"


def test_it_makes_typographic_punctuation_plain_in_gsm7():
    assert encoding.to_gsm7("“Khẩn” – sơ tán…") == '"Khan" - so tan...'
    assert encoding.to_gsm7("Mưa ☔ to") == "Mua ? to"


def test_it_sends_a_short_text_in_one_part_each_encoding():
    assert encoding.split("a" * 160, GSM7) == ["a" * 160]
    assert encoding.split("ả" * 70, UCS2) == ["ả" * 70]


def test_it_splits_long_gsm7_text_into_153_character_parts():
    text = "a" * 161
    parts = encoding.split(text, GSM7)
    assert [len(part) for part in parts] == [153, 8]
    assert "".join(parts) == text


def test_it_splits_long_accented_text_into_67_character_ucs2_parts():
    sms = encoding.plan(ALERT, unaccented=False)
    assert sms.encoding == UCS2
    assert len(sms.parts) == 3
    assert all(encoding.length(part, UCS2) <= 67 for part in sms.parts)
    assert "".join(sms.parts) == sms.text
    # Parts end after a space where they can: a word is not cut in two.
    assert all(part.endswith(" ") for part in sms.parts[:-1])


def test_it_sends_the_unaccented_form_when_the_gateway_needs_gsm7():
    sms = encoding.plan(ALERT, unaccented=True)
    assert sms.encoding == GSM7
    assert sms.text.startswith("Canh bao: bao so 3 do bo vao Hai Phong")
    assert len(sms.parts) == 2
    assert all(encoding.length(part, GSM7) <= 153 for part in sms.parts)


def test_it_never_cuts_an_escape_pair_or_a_surrogate_pair():
    text = "a" * 152 + "€" + "b" * 20  # € takes two septets and does not fit in part 1
    parts = encoding.split(text, GSM7)
    assert parts[0] == "a" * 152
    assert parts[1].startswith("€")
    emoji = "ả" * 66 + "🌀" + "ả" * 10
    parts = encoding.split(emoji, UCS2)
    assert parts[0] == "ả" * 66
    assert parts[1].startswith("🌀")


def test_it_counts_extended_characters_twice():
    assert encoding.length("[1]", GSM7) == 5
    assert encoding.split("€" * 80, GSM7) == ["€" * 80]  # 160 septets: one SMS
    assert encoding.split("€" * 81, GSM7) == ["€" * 76, "€" * 5]


def test_it_composes_decomposed_input_before_counting():
    decomposed = unicodedata.normalize("NFD", "Cảnh báo")  # as some phones send it
    sms = encoding.plan(decomposed, unaccented=False)
    assert sms.text == "Cảnh báo"
    assert encoding.length(sms.text, UCS2) == 8


def test_it_shortens_a_text_longer_than_the_parts_allowed():
    sms = encoding.plan(ALERT * 3, unaccented=False, max_parts=2)
    assert sms.truncated
    assert len(sms.parts) <= 2
    assert sms.text.endswith("…")
    unaccented = encoding.plan(ALERT * 3, unaccented=True, max_parts=2)
    assert len(unaccented.parts) <= 2
    assert unaccented.text.endswith("...")


def test_it_keeps_the_personal_link_whole_when_a_long_text_is_cut():
    link = "https://taicho.example.vn/t/1uwkuaevsx/"
    body = "Bão số 3 đổ bộ đêm nay, gió giật cấp 12, nước dâng 2 m ven sông Cấm. " * 4
    for unaccented in (True, False):
        sms = encoding.plan(f"{body}\n{link}", unaccented=unaccented, max_parts=2)
        assert sms.truncated and len(sms.parts) <= 2
        assert sms.text.endswith("\n" + link)
        assert sms.text.startswith("Bao so 3" if unaccented else "Bão số 3")
    # A text that fits is left as it is.
    short = encoding.plan(f"Bão số 3.\n{link}", unaccented=True, max_parts=2)
    assert short.text == f"Bao so 3.\n{link}" and not short.truncated
