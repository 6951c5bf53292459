import pytest
from django.core.exceptions import ValidationError

from taicho.core.phones import mask_phone, normalize_phone, normalize_phones


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912 345 678", "0912345678"),
        ("+84 912.345.678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0225-3123-456", "02253123456"),
    ],
)
def test_it_normalizes_vietnamese_numbers(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "091234567a", "+1 415 555 0100", "0912"])
def test_it_rejects_what_is_not_a_vietnamese_number(raw):
    with pytest.raises(ValidationError) as caught:
        normalize_phone(raw)
    assert raw in caught.value.messages[0]


def test_it_splits_and_deduplicates_several_numbers():
    assert normalize_phones("0912345678; +84912345678, 0987654321") == [
        "0912345678",
        "0987654321",
    ]


def test_it_masks_the_middle_digits():
    assert mask_phone("0912345678") == "0912•••678"
