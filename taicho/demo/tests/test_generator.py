"""The demo generator on its own, without a database."""

import random

from taicho.core.phones import normalize_phone
from taicho.demo import generator
from taicho.demo.generator import DemoGenerator, PhoneBook, allocate


def _rows(seed: int, count: int) -> list:
    return [row for chunk in DemoGenerator(seed).households(count) for row in chunk]


def test_it_splits_households_over_the_groups_exactly():
    assert sum(allocate(3000, [0.9, 1.0, 1.1, 0.7])) == 3000
    assert allocate(10, [1, 1]) == [5, 5]
    assert sum(allocate(7, [0.3] * 12)) == 7


def test_it_never_gives_two_people_the_same_phone():
    book = PhoneBook(random.Random(213))
    phones = [book.next() for _ in range(20_000)]
    assert len(set(phones)) == len(phones)
    assert all(normalize_phone(phone) == phone and phone[2:4] == "99" for phone in phones)


def test_it_draws_the_same_households_from_the_same_seed(monkeypatch):
    monkeypatch.setattr(generator, "CHUNK_SIZE", 40)
    chunks = list(DemoGenerator(213).households(100))
    assert [len(chunk) for chunk in chunks] == [40, 40, 20]
    assert _rows(213, 100) == _rows(213, 100)
    assert _rows(213, 100) != _rows(214, 100)
    codes = [row.code for row in _rows(213, 100)]
    assert len(set(codes)) == 100 and codes[0] == "BD-01-0001"
