"""The demo ward's warning settings and response plans (synthetic, like the rest of the demo).

Storm plans for levels 3–5 and a river-flood plan, so an officer can start an evacuation
and issue an alert straight after `taicho demo`.
"""

from dataclasses import dataclass

from taicho.core.models import Ward
from taicho.hazards.models import HazardZone
from taicho.shelters.models import Shelter
from taicho.shelters.plans import plan_create
from taicho.warnings.services.alert_flow import warning_settings_save

WARNING_SETTINGS = {
    "identifier_prefix": "VN-HP-11473",
    "sender": "ubnd.bachdang.demo@example.invalid",
    "sender_name": "UBND phường Bạch Đằng (dữ liệu giả lập)",
}
COMMANDERS = (
    "Trưởng Ban Chỉ huy PCTT&TKCN phường (Chủ tịch UBND) chỉ huy chung; "
    "Chỉ huy trưởng Ban CHQS phường chỉ huy lực lượng xung kích; Trưởng Công an phường bảo đảm "
    "an ninh, giao thông."
)


@dataclass(frozen=True)
class DemoPlan:
    name: str
    hazard_type: str
    level: int
    scenario: str
    zone_codes: tuple[str, ...]
    housing: tuple[str, ...]
    vulnerable: tuple[str, ...]
    teams: str
    supplies: str


PLANS = (
    DemoPlan(
        "Phương án ứng phó bão cấp độ 3",
        "storm",
        3,
        "",
        ("SL-01", "SL-02"),
        ("makeshift",),
        ("is_bedridden",),
        "Đội xung kích tổ dân phố số 1–4 hỗ trợ di dời hộ sát bờ sông.",
        "Áo phao, đèn pin, loa cầm tay tại trụ sở UBND phường.",
    ),
    DemoPlan(
        "Phương án ứng phó bão cấp độ 4",
        "storm",
        4,
        "",
        ("SL-01", "SL-02", "VS-01", "NB-01"),
        ("makeshift", "non_solid"),
        ("is_bedridden", "is_disabled", "is_pregnant"),
        "Toàn bộ lực lượng xung kích 12 tổ dân phố; tổ y tế, tổ hậu cần trực tại điểm sơ tán.",
        "Áo phao, xuồng máy, bao cát, lương thực 3 ngày tại các điểm sơ tán.",
    ),
    DemoPlan(
        "Phương án ứng phó bão cấp độ 5",
        "storm",
        5,
        "",
        ("SL-01", "SL-02", "VS-01", "NB-01", "NU-01", "NU-02", "NU-03", "NU-04"),
        ("makeshift", "non_solid", "semi_solid"),
        ("elderly", "child", "is_bedridden", "is_disabled", "is_pregnant", "is_chronically_ill"),
        "Toàn bộ lực lượng xung kích, dân quân; đề nghị lực lượng vũ trang thành phố hỗ trợ.",
        "Huy động toàn bộ vật tư, phương tiện tại chỗ; lương thực, nước uống 5 ngày.",
    ),
    DemoPlan(
        "Phương án ứng phó lũ trên sông Bạch Đằng (BĐ3)",
        "flood",
        3,
        "BĐ3",
        ("VS-01", "NU-01", "NU-02", "NU-03", "NU-04"),
        ("makeshift",),
        ("is_bedridden", "is_disabled"),
        "Đội xung kích các tổ ven sông; tổ thông tin đi từng nhà.",
        "Xuồng, áo phao, bao cát tại các điểm canh đê.",
    ),
)


def demo_plans_create(*, ward: Ward, actor) -> int:
    """The CAP settings and the response plans of the demo ward. Returns the plan count."""
    warning_settings_save(actor=actor, ward=ward, **WARNING_SETTINGS)
    zones = {zone.code: zone for zone in HazardZone.objects.filter(ward=ward)}
    shelters = list(Shelter.objects.filter(ward=ward))
    for plan in PLANS:
        plan_create(
            actor=actor,
            ward=ward,
            name=plan.name,
            hazard_type=plan.hazard_type,
            level=plan.level,
            scenario=plan.scenario,
            evacuate_zones=[zones[code] for code in plan.zone_codes if code in zones],
            evacuate_housing_types=list(plan.housing),
            evacuate_vulnerable=list(plan.vulnerable),
            shelters=shelters,
            commanders=COMMANDERS,
            teams=plan.teams,
            supplies=plan.supplies,
            notes="Dữ liệu giả lập cho bản demo.",
        )
    return len(PLANS)
