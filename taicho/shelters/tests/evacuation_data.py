"""A small ward for the plan and evacuation tests, built through the services.

Group 1 (Minh's) has three households in the riverside zone; group 2 has a makeshift house
outside it, a household with a bedridden grandmother, and one solid house that no plan moves.
Two shelters: the school holds 6, the cultural house 4.
"""

from dataclasses import dataclass

from taicho.community.models import Household
from taicho.community.services import household_create, resident_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.hazards.models import HazardZone
from taicho.hazards.services import hazard_zone_create
from taicho.shelters.models import ResponsePlan, Shelter
from taicho.shelters.plans import plan_create
from taicho.shelters.services import shelter_create

PHONE_A1 = "0912345678"
RESIDENT_PHONE = "0987654321"


@dataclass
class World:
    zone: HazardZone
    school: Shelter
    cultural: Shelter
    households: dict[str, Household]
    plan: ResponsePlan | None = None


def _household(actor, ward, group, code, *, dlat, dlon, residents, phones=(), **fields):
    household = household_create(
        actor=actor,
        ward=ward,
        code=code,
        address=f"Số {code} đường Bạch Đằng",
        group=group,
        lat=None if dlat is None else CENTRE_LAT + dlat,
        lon=None if dlon is None else CENTRE_LON + dlon,
        phones=list(phones),
        **fields,
    )
    for full_name, extra in residents:
        resident_create(actor=actor, household=household, full_name=full_name, **extra)
    return household


def build_world(*, lan, ward, group_a1, group_a2, with_plan: bool = True) -> World:
    zone = hazard_zone_create(
        actor=lan,
        ward=ward,
        code="VS1",
        name="Ven sông Bạch Đằng",
        kind="riverside",
        geometry=square(CENTRE_LAT, CENTRE_LON, half=0.003),
    )
    school = shelter_create(
        actor=lan,
        ward=ward,
        code="S1",
        name="Trường THCS Bạch Đằng",
        kind="school",
        address="Số 1 đường Trường Học",
        lat=CENTRE_LAT + 0.01,
        lon=CENTRE_LON,
        capacity=6,
        contact_name="Thầy Phúc",
        contact_phone="0223000111",
        hazard_kinds=["riverside", "inundation"],
    )
    cultural = shelter_create(
        actor=lan,
        ward=ward,
        code="S2",
        name="Nhà văn hóa tổ 2",
        kind="cultural_house",
        lat=CENTRE_LAT - 0.01,
        lon=CENTRE_LON,
        capacity=4,
        hazard_kinds=["riverside"],
    )
    adult = {"birth_year": 1985}
    households = {
        "A1-01": _household(
            lan,
            ward,
            group_a1,
            "A1-01",
            dlat=0.001,
            dlon=0,
            phones=[PHONE_A1],
            residents=[("Nguyễn Văn An", adult), ("Trần Thị Bình", adult)],
        ),
        "A1-02": _household(
            lan,
            ward,
            group_a1,
            "A1-02",
            dlat=0.002,
            dlon=0.001,
            residents=[
                ("Lê Văn Cường", {**adult, "phone": RESIDENT_PHONE}),
                ("Lê Thị Dung", {"birth_year": 2020}),
                ("Lê Văn Em", {"birth_year": 2022}),
            ],
        ),
        "A1-03": _household(
            lan,
            ward,
            group_a1,
            "A1-03",
            dlat=-0.002,
            dlon=-0.001,
            residents=[("Phạm Văn Giang", adult)],
        ),
        "A2-01": _household(
            lan,
            ward,
            group_a2,
            "A2-01",
            dlat=-0.006,
            dlon=0.004,
            housing_type="makeshift",
            residents=[("Hoàng Văn Hải", adult), ("Hoàng Thị Hoa", adult)],
        ),
        "A2-02": _household(
            lan,
            ward,
            group_a2,
            "A2-02",
            dlat=-0.007,
            dlon=-0.004,
            residents=[("Vũ Thị Khuê", {"birth_year": 1940, "is_bedridden": True})],
        ),
        "A2-03": _household(
            lan,
            ward,
            group_a2,
            "A2-03",
            dlat=0.008,
            dlon=0.006,
            residents=[("Đặng Văn Long", adult)],
        ),
    }
    world = World(zone=zone, school=school, cultural=cultural, households=households)
    if with_plan:
        world.plan = plan_create(
            actor=lan,
            ward=ward,
            name="Phương án bão cấp 4",
            hazard_type="storm",
            level=4,
            evacuate_zones=[zone],
            evacuate_housing_types=["makeshift", "non_solid"],
            evacuate_vulnerable=["is_bedridden"],
            shelters=[school, cultural],
            commanders="Chủ tịch UBND phường: chỉ huy chung",
            teams="Tổ xung kích tổ 1, tổ 2",
            supplies="Áo phao 50, xuồng 2",
        )
    return world
