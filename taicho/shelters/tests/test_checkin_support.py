"""Test data for check-ins and the board (no tests here): an evacuation under way in ward A.

Three households go to the school (capacity 6, so 9 persons overflow it):
BD-1 (group 1, Nguyễn Văn An, 3 persons), BD-2 (group 1, Trần Thị Bình, 2) and BD-3
(group 2, Lê Văn Đức, 4). The ward office is a second shelter, unused by the plan.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.utils import timezone

from taicho.community.models import Household
from taicho.community.services import household_create, resident_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON
from taicho.shelters.evacuation_models import (
    Evacuation,
    EvacuationHousehold,
    EvacuationStatus,
)
from taicho.shelters.models import Shelter
from taicho.shelters.services import shelter_create

HOUSEHOLDS = [
    # code, group index, head, persons
    ("BD-1", 0, "Nguyễn Văn An", 3),
    ("BD-2", 0, "Trần Thị Bình", 2),
    ("BD-3", 1, "Lê Văn Đức", 4),
]


@dataclass
class Scene:
    evacuation: Evacuation
    school: Shelter
    office: Shelter
    households: dict[str, Household]

    def row(self, code: str) -> EvacuationHousehold:
        return EvacuationHousehold.objects.get(
            evacuation=self.evacuation, household=self.households[code]
        )


def make_scene(*, actor, ward, groups, status: str = EvacuationStatus.STARTED) -> Scene:
    school = shelter_create(
        actor=actor,
        ward=ward,
        code="S1",
        name="Trường THCS Bạch Đằng",
        kind="school",
        lat=CENTRE_LAT + 0.01,
        lon=CENTRE_LON,
        capacity=6,
    )
    office = shelter_create(
        actor=actor,
        ward=ward,
        code="S2",
        name="Trụ sở UBND phường",
        kind="ward_office",
        lat=CENTRE_LAT - 0.01,
        lon=CENTRE_LON,
        capacity=50,
    )
    evacuation = Evacuation.objects.create(
        ward=ward,
        name="Bão cấp độ 4 – sơ tán",
        status=status,
        started_at=timezone.now() if status != EvacuationStatus.PLANNED else None,
        created_by=actor,
    )
    households = {}
    for number, (code, group_index, head, persons) in enumerate(HOUSEHOLDS):
        household = household_create(
            actor=actor,
            ward=ward,
            code=code,
            address=f"Số {number + 1} đường Bạch Đằng",
            group=groups[group_index],
            lat=CENTRE_LAT,
            lon=CENTRE_LON,
        )
        resident_create(actor=actor, household=household, full_name=head, birth_year=1960)
        EvacuationHousehold.objects.create(
            ward=ward, evacuation=evacuation, household=household, shelter=school, persons=persons
        )
        households[code] = household
    return Scene(evacuation=evacuation, school=school, office=office, households=households)


def minutes_ago(minutes: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=minutes)


def new_id() -> str:
    return str(uuid.uuid4())
