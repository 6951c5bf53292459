"""Reads for check-in phones and the live board, scoped by the "checkin" rights topic.

Shelter staff (shock force) may check in any household of the ward but read no other
personal data: the rows here carry only what a shelter needs to recognise a household.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from taicho.community.models import Household, Resident
from taicho.core.access import grants_for
from taicho.core.models import ResidentialGroup, Ward
from taicho.core.vietnamese import fold
from taicho.shelters.checkin import CHECKIN, needs_display, needs_parse
from taicho.shelters.evacuation_models import (
    Evacuation,
    EvacuationHousehold,
    EvacuationStatus,
    MoveStatus,
)
from taicho.shelters.models import Shelter

SEARCH_LIMIT = 30
# The order of the board's columns.
BOARD_STATUSES = (
    MoveStatus.EVACUATED,
    MoveStatus.NOT_YET,
    MoveStatus.REFUSED,
    MoveStatus.MISSING,
    MoveStatus.LEFT,
)


def _checkin_condition(user, *, ward: Ward, write: bool) -> Q | None:
    """Which evacuation rows of `ward` the user may check in (or see): None for none at all."""
    grants = grants_for(user, topic=CHECKIN, write=write)
    if grants is None:
        return Q()
    condition = None
    for grant in grants:
        if grant.ward_id != ward.id:
            continue
        if grant.group_ids is None:
            return Q()
        groups = Q(household__group_id__in=grant.group_ids)
        condition = groups if condition is None else condition | groups
    return condition


def may_check_in(*, user, ward: Ward) -> bool:
    return _checkin_condition(user, ward=ward, write=True) is not None


def may_see_board(*, user, ward: Ward) -> bool:
    return _checkin_condition(user, ward=ward, write=False) is not None


def evacuation_rows(*, user, ward: Ward, write: bool = False) -> QuerySet[EvacuationHousehold]:
    """The evacuation rows of `ward` the user may check in (`write`) or see."""
    condition = _checkin_condition(user, ward=ward, write=write)
    rows = EvacuationHousehold.objects.filter(ward=ward)
    return rows.none() if condition is None else rows.filter(condition)


def evacuations_under_way(*, user, ward: Ward) -> QuerySet[Evacuation]:
    return Evacuation.objects.visible_to(user).filter(ward=ward, status=EvacuationStatus.STARTED)


def used_shelter_ids(*, evacuation: Evacuation) -> set[int]:
    """The shelters the evacuation sends households to, and those its plan may use."""
    ids = set(
        EvacuationHousehold.objects.filter(evacuation=evacuation)
        .exclude(shelter=None)
        .values_list("shelter_id", flat=True)
    )
    if evacuation.plan_id:
        ids |= set(evacuation.plan.shelters.values_list("pk", flat=True))
    return ids


def shelter_choices(*, user, evacuation: Evacuation) -> list[Shelter]:
    """The ward's shelters, those this evacuation sends people to first (people may turn up
    at any shelter, and none is refused)."""
    used = used_shelter_ids(evacuation=evacuation)
    shelters = Shelter.objects.visible_to(user).filter(ward_id=evacuation.ward_id)
    return sorted(shelters, key=lambda shelter: (shelter.pk not in used, shelter.code))


def _names(household_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """(full name, folded name) of every resident, per household, in registration order."""
    names: dict[int, list[tuple[str, str]]] = defaultdict(list)
    residents = (
        Resident.objects.filter(household_id__in=household_ids)
        .order_by("household_id", "pk")
        .values_list("household_id", "full_name", "search_name")
    )
    for household_id, full_name, search_name in residents:
        names[household_id].append((full_name, search_name or fold(full_name)))
    return names


def household_names(household_ids: list[int]) -> dict[int, str]:
    """The first registered resident's name per household (the head, in ward registers)."""
    return {pk: people[0][0] for pk, people in _names(household_ids).items() if people}


def _compact(rows: list[EvacuationHousehold]) -> list[dict]:
    """Rows for the phone, with short keys (the whole list travels over 3G)."""
    names = _names([row.household_id for row in rows])
    compact = []
    for row in rows:
        household = row.household
        people = names.get(row.household_id, [])
        kinds, note = needs_parse(row.needs)
        compact.append(
            {
                "c": household.code,
                "n": people[0][0] if people else "",
                "a": household.address,
                "g": household.group.name,
                "p": row.persons,
                "s": row.status,
                "sh": row.shelter_id,
                "pp": row.persons_present,
                "nk": kinds,
                "nn": note,
                # What a search without diacritics matches: code, address, every name.
                "f": " ".join(
                    [household.search_text or fold(f"{household.code} {household.address}")]
                    + [folded for _name, folded in people]
                ),
            }
        )
    return compact


def _phone_rows(*, user, evacuation: Evacuation) -> QuerySet[EvacuationHousehold]:
    ward = evacuation.ward
    return (
        evacuation_rows(user=user, ward=ward, write=True)
        .filter(evacuation=evacuation)
        .select_related("household", "household__group")
        .order_by("household__code")
    )


def phone_households(*, user, evacuation: Evacuation) -> list[dict]:
    """Every household of the evacuation the user may check in, for search on the phone."""
    return _compact(list(_phone_rows(user=user, evacuation=evacuation)))


def phone_search(*, user, evacuation: Evacuation, query: str) -> list[dict]:
    """Households matching `query` (code, address or a resident's name, without diacritics)."""
    folded = fold(query or "")
    if not folded:
        return []
    named = Resident.objects.filter(household=OuterRef("household"), search_name__contains=folded)
    rows = _phone_rows(user=user, evacuation=evacuation).filter(
        Q(household__search_text__contains=folded) | Exists(named)
    )
    return _compact(list(rows[:SEARCH_LIMIT]))


def shelter_occupancy(*, evacuation: Evacuation) -> dict[int, int]:
    """Persons present per shelter id (every household, whoever asks: counts are not names)."""
    rows = (
        EvacuationHousehold.objects.filter(evacuation=evacuation, status=MoveStatus.EVACUATED)
        .exclude(shelter=None)
        .values("shelter_id")
        .annotate(persons=Sum("persons_present"))
    )
    return {row["shelter_id"]: row["persons"] or 0 for row in rows}


# --- the live board ------------------------------------------------------------------------


@dataclass
class ShelterLine:
    shelter: Shelter
    households: int = 0
    persons: int = 0
    # Persons sent here who have not arrived yet.
    expected: int = 0

    @property
    def over(self) -> int:
        return max(0, self.persons - self.shelter.capacity)

    @property
    def percent(self) -> int:
        capacity = self.shelter.capacity
        return round(100 * self.persons / capacity) if capacity else 0


@dataclass
class GroupLine:
    group: ResidentialGroup
    counts: dict[str, int] = field(default_factory=dict)
    # The households still to come (and those marked), for the group leader: only for readers
    # of the group's households.
    waiting: list = field(default_factory=list)
    marked: list = field(default_factory=list)
    may_mark: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[tuple[str, int]]:
        return [(status, self.counts.get(status, 0)) for status in BOARD_STATUSES]


@dataclass
class Board:
    shelters: list[ShelterLine]
    groups: list[GroupLine]
    totals: dict[str, int]

    @property
    def persons_present(self) -> int:
        return sum(line.persons for line in self.shelters)

    @property
    def total_cells(self) -> list[tuple[str, str, int]]:
        return [
            (status, MoveStatus(status).label, self.totals.get(status, 0))
            for status in BOARD_STATUSES
        ]


def _shelter_lines(*, evacuation: Evacuation, shelters: list[Shelter]) -> list[ShelterLine]:
    lines = {shelter.pk: ShelterLine(shelter) for shelter in shelters}
    rows = (
        EvacuationHousehold.objects.filter(evacuation=evacuation)
        .filter(status__in=[MoveStatus.EVACUATED, MoveStatus.NOT_YET])
        .exclude(shelter=None)
        .values("shelter_id", "status")
        .annotate(households=Count("pk"), present=Sum("persons_present"), persons=Sum("persons"))
    )
    for row in rows:
        line = lines.get(row["shelter_id"])
        if line is None:
            continue
        if row["status"] == MoveStatus.EVACUATED:
            line.households += row["households"]
            line.persons += row["present"] or 0
        else:
            line.expected += row["persons"] or 0
    # Shelters this evacuation does not use would only lengthen the board.
    used = used_shelter_ids(evacuation=evacuation)
    return [line for line in lines.values() if line.households or line.shelter.pk in used]


def _waiting_rows(*, user, evacuation: Evacuation) -> dict[int, dict[str, list]]:
    """Not-yet, refused and missing households per group: only those the user may read."""
    visible = Household.objects.visible_to(user).filter(ward_id=evacuation.ward_id)
    rows = (
        EvacuationHousehold.objects.filter(
            evacuation=evacuation,
            status__in=[MoveStatus.NOT_YET, MoveStatus.REFUSED, MoveStatus.MISSING],
            household__in=visible.values("pk"),
        )
        .select_related("household", "shelter")
        .order_by("household__code")
    )
    rows = list(rows)
    names = _names([row.household_id for row in rows])
    per_group: dict[int, dict[str, list]] = defaultdict(lambda: {"waiting": [], "marked": []})
    for row in rows:
        people = names.get(row.household_id, [])
        row.head_name = people[0][0] if people else ""
        row.needs_label = needs_display(row.needs)
        bucket = "waiting" if row.status == MoveStatus.NOT_YET else "marked"
        per_group[row.household.group_id][bucket].append(row)
    return per_group


def board(*, user, evacuation: Evacuation) -> Board:
    """Occupancy per shelter, counts per group, and the lists a group leader works from."""
    ward = evacuation.ward
    shelters = list(Shelter.objects.visible_to(user).filter(ward=ward).order_by("code"))
    counts = (
        EvacuationHousehold.objects.filter(evacuation=evacuation)
        .values("household__group_id", "status")
        .annotate(households=Count("pk"))
    )
    per_group: dict[int, dict[str, int]] = defaultdict(dict)
    totals = {status: 0 for status in BOARD_STATUSES}
    for row in counts:
        per_group[row["household__group_id"]][row["status"]] = row["households"]
        totals[row["status"]] = totals.get(row["status"], 0) + row["households"]
    waiting = _waiting_rows(user=user, evacuation=evacuation)
    writable = grants_for(user, topic=CHECKIN, write=True)
    groups = []
    for group in ResidentialGroup.objects.filter(ward=ward, pk__in=list(per_group)):
        lists = waiting.get(group.pk, {"waiting": [], "marked": []})
        groups.append(
            GroupLine(
                group=group,
                counts={status: per_group[group.pk].get(status, 0) for status in BOARD_STATUSES},
                waiting=lists["waiting"],
                marked=lists["marked"],
                may_mark=_may_write_group(writable, ward=ward, group=group),
            )
        )
    return Board(
        shelters=_shelter_lines(evacuation=evacuation, shelters=shelters),
        groups=groups,
        totals=totals,
    )


def _may_write_group(grants, *, ward: Ward, group: ResidentialGroup) -> bool:
    if grants is None:
        return True
    return any(
        grant.ward_id == ward.id and (grant.group_ids is None or group.pk in grant.group_ids)
        for grant in grants
    )
