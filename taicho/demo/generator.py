"""The SYNTHETIC demo ward's people, made from one seed: the same seed gives the same ward.

Everything random comes from one `random.Random(seed)`, drawn in a fixed order, and ages
count from REFERENCE_YEAR rather than today, so a seed means the same rows on any machine,
any day. Households come out in chunks so 100,000 of them never sit in memory at once.
"""

import itertools
import random
from collections.abc import Iterator, Set
from dataclasses import dataclass

from taicho.demo import geography, names

REFERENCE_YEAR = 2025
CHUNK_SIZE = 5000
MALE, FEMALE = "male", "female"

# Household sizes and how often each occurs: about 3 residents per household.
_SIZES = (1, 2, 3, 4, 5, 6, 7)
_SIZE_CUM = tuple(itertools.accumulate((14, 24, 27, 21, 9, 4, 1)))

# Housing and poverty by distance to the river bank (degrees, ~100 m per 0.001): the houses
# on the eroding bank and outside the dyke are the weakest and the poorest.
_HOUSING_KINDS = ("solid", "semi_solid", "non_solid", "makeshift")
_BY_DISTANCE = (
    # (up to, housing cumulative weights, (poor, near-poor) probabilities)
    (geography.EROSION_WIDTH, (25, 60, 85, 100), (0.09, 0.12)),
    (geography.DYKE_SETBACK, (40, 75, 92, 100), (0.06, 0.09)),
    (float("inf"), (68, 95, 99, 100), (0.02, 0.04)),
)

# Demo phone numbers all read 0X99…: recognisable as made up (see PhoneBook).
_OPERATOR_DIGITS = "35789"
_PHONE_STEP = 7919  # prime, so serials map one-to-one onto six digits


@dataclass(frozen=True, slots=True)
class Person:
    full_name: str
    birth_year: int
    sex: str
    phone: str = ""
    is_disabled: bool = False
    is_pregnant: bool = False
    is_chronically_ill: bool = False
    is_bedridden: bool = False


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    code: str
    group_code: str
    address: str
    lon: float
    lat: float
    phones: tuple[str, ...]
    housing_type: str
    poverty: str
    members: tuple[Person, ...]  # the head first


@dataclass(frozen=True)
class GroupRow:
    code: str
    name: str
    leader_name: str
    leader_phone: str


class PhoneBook:
    """Unique made-up numbers: 0, an operator digit, "99", then six scrambled digits."""

    def __init__(self, rng: random.Random):
        self._rng = rng
        self._offset = rng.randrange(1_000_000)
        self._serial = 0

    def next(self) -> str:
        self._serial += 1
        digits = (self._serial * _PHONE_STEP + self._offset) % 1_000_000
        return f"0{self._rng.choice(_OPERATOR_DIGITS)}99{digits:06d}"


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainders), summing exactly."""
    scale = total / sum(weights)
    exact = [weight * scale for weight in weights]
    counts = [int(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: counts[i] - exact[i])
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts


def _cumulative(pairs) -> tuple[tuple[str, ...], tuple[float, ...]]:
    items, weights = zip(*pairs, strict=True)
    return items, tuple(itertools.accumulate(weights))


_FAMILY, _FAMILY_CUM = _cumulative(names.FAMILY_NAMES)
_MIDDLE = {
    (sex, generation): (table[0], tuple(itertools.accumulate(table[1])))
    for sex, tables in ((MALE, names.MALE_MIDDLE), (FEMALE, names.FEMALE_MIDDLE))
    for generation, table in tables.items()
}
_GIVEN = {MALE: names.MALE_GIVEN, FEMALE: names.FEMALE_GIVEN}


class DemoGenerator:
    """Draws the ward's groups, contacts and households from one seeded random stream."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.phones = PhoneBook(self.rng)

    # People ---------------------------------------------------------------------------------

    def family_name(self) -> str:
        return self.rng.choices(_FAMILY, cum_weights=_FAMILY_CUM)[0]

    def person_name(
        self, family: str, sex: str, birth_year: int, avoid: Set[str] = frozenset()
    ) -> tuple[str, str]:
        """A full name and its given name (tên), fitting the person's sex and generation."""
        rng = self.rng
        generation = "older" if birth_year < names.GENERATION_YEAR else "younger"
        middles, cum = _MIDDLE[sex, generation]
        middle = rng.choices(middles, cum_weights=cum)[0]
        given = rng.choice(_GIVEN[sex])
        if given in avoid:  # parents do not give a child their own name
            given = rng.choice(_GIVEN[sex])
        return f"{family} {middle} {given}", given

    def _person(self, family: str, sex: str, age: int, avoid: set[str]) -> Person:
        rng = self.rng
        birth_year = REFERENCE_YEAR - age
        full_name, given = self.person_name(family, sex, birth_year, avoid)
        avoid.add(given)
        has_phone = (18 <= age <= 75 and rng.random() < 0.65) or (
            15 <= age < 18 and rng.random() < 0.3
        )
        return Person(
            full_name=full_name,
            birth_year=birth_year,
            sex=sex,
            phone=self.phones.next() if has_phone else "",
            is_disabled=rng.random() < (0.04 if age >= 60 else 0.01),
            is_pregnant=sex == FEMALE and 20 <= age <= 40 and rng.random() < 0.05,
            is_chronically_ill=rng.random() < (0.15 if age >= 70 else 0.06 if age >= 50 else 0.02),
            is_bedridden=rng.random() < (0.05 if age >= 75 else 0.002),
        )

    def _members(self) -> tuple[Person, ...]:
        """One household: a lone person, a couple, or parents with children (and grandparents)."""
        rng = self.rng
        size = rng.choices(_SIZES, cum_weights=_SIZE_CUM)[0]
        used: set[str] = set()
        if size == 1:
            if rng.random() < 0.55:  # an elderly person living alone, most often a widow
                sex = FEMALE if rng.random() < 0.7 else MALE
                return (self._person(self.family_name(), sex, rng.randint(60, 92), used),)
            sex = MALE if rng.random() < 0.6 else FEMALE
            return (self._person(self.family_name(), sex, rng.randint(20, 55), used),)
        if size == 2 and rng.random() < 0.55:  # a couple, old or young
            husband = rng.randint(60, 88) if rng.random() < 0.6 else rng.randint(22, 40)
            wife = max(18, husband - rng.randint(0, 6))
            return (
                self._person(self.family_name(), MALE, husband, used),
                self._person(self.family_name(), FEMALE, wife, used),
            )
        family = self.family_name()
        father = int(rng.triangular(24, 70, 44))
        mother = max(20, father - rng.randint(0, 6))
        people = []
        if rng.random() > 0.07:  # most children live with their father
            people.append(self._person(family, MALE, father, used))
        people.append(self._person(self.family_name(), FEMALE, mother, used))
        left = size - len(people)
        if left >= 3 and father < 58 and rng.random() < 0.6:  # three generations under one roof
            grandfather = min(96, father + rng.randint(24, 34))
            grandparents = 2 if left > 3 and rng.random() < 0.5 else 1
            if grandparents == 2 or rng.random() < 0.35:  # widows outlive widowers
                people.append(self._person(family, MALE, grandfather, used))
                grandparents -= 1
            if grandparents:
                grandmother = max(60, grandfather - rng.randint(0, 5))
                people.append(self._person(self.family_name(), FEMALE, grandmother, used))
            left = size - len(people)
        low, high = max(0, mother - 40), max(0, mother - 19)
        for _ in range(left):
            sex = MALE if rng.random() < 0.51 else FEMALE
            people.append(self._person(family, sex, rng.randint(low, high), used))
        return tuple(people)

    # Places ---------------------------------------------------------------------------------

    def groups(self) -> list[GroupRow]:
        rows = []
        for place in geography.GROUPS:
            sex = MALE if self.rng.random() < 0.75 else FEMALE
            birth_year = REFERENCE_YEAR - self.rng.randint(45, 68)
            leader, _given = self.person_name(self.family_name(), sex, birth_year)
            rows.append(
                GroupRow(
                    code=place.code,
                    name=f"Tổ dân phố số {place.code}",
                    leader_name=leader,
                    leader_phone=self.phones.next(),
                )
            )
        return rows

    def contact(self) -> tuple[str, str]:
        """A made-up contact person and phone (a school principal, a caretaker…)."""
        sex = MALE if self.rng.random() < 0.5 else FEMALE
        birth_year = REFERENCE_YEAR - self.rng.randint(35, 60)
        name, _given = self.person_name(self.family_name(), sex, birth_year)
        return name, self.phones.next()

    def _position(self, place: geography.GroupPlace) -> tuple[float, float]:
        rng = self.rng
        for _ in range(50):
            lon = round(rng.gauss(place.lon, place.spread), 6)
            lat = round(rng.gauss(place.lat, place.spread), 6)
            if geography.inside_ward(lon, lat):
                return lon, lat
        return place.lon, place.lat

    def _household(self, place: geography.GroupPlace, number: int, doors: dict) -> HouseholdRow:
        rng = self.rng
        lon, lat = self._position(place)
        distance = geography.distance_to_river(lon, lat)
        housing_cum, (poor, near_poor) = next(
            (cum, poverty) for limit, cum, poverty in _BY_DISTANCE if distance <= limit
        )
        housing_type = rng.choices(_HOUSING_KINDS, cum_weights=housing_cum)[0]
        draw = rng.random()
        poverty = "poor" if draw < poor else "near_poor" if draw < poor + near_poor else ""
        members = self._members()
        phones = [person.phone for person in members if person.phone][:2]
        if not phones and rng.random() < 0.4:
            phones.append(self.phones.next())
        return HouseholdRow(
            code=f"BD-{int(place.code):02d}-{number:04d}",
            group_code=place.code,
            address=self._address(place, doors),
            lon=lon,
            lat=lat,
            phones=tuple(phones),
            housing_type=housing_type,
            poverty=poverty,
            members=members,
        )

    def _address(self, place: geography.GroupPlace, doors: dict) -> str:
        """House numbers rise along each street and lane, as they would on the ground."""
        rng = self.rng
        street = place.streets[0] if rng.random() < 0.6 else place.streets[-1]
        lane = 0 if rng.random() < 0.3 else rng.randint(1, doors["lanes"])
        number = doors.get((street, lane), 0) + rng.randint(1, 3)
        doors[street, lane] = number
        lane_part = f"ngõ {lane}, " if lane else ""
        return f"Số {number}, {lane_part}đường {street}, Tổ dân phố số {place.code}"

    def households(self, count: int) -> Iterator[list[HouseholdRow]]:
        """`count` households over the groups, in lists of at most CHUNK_SIZE."""
        chunk: list[HouseholdRow] = []
        per_group = allocate(count, [place.weight for place in geography.GROUPS])
        for place, total in zip(geography.GROUPS, per_group, strict=True):
            doors: dict = {"lanes": max(3, total // 60)}
            for number in range(1, total + 1):
                chunk.append(self._household(place, number, doors))
                if len(chunk) == CHUNK_SIZE:
                    yield chunk
                    chunk = []
        if chunk:
            yield chunk
