"""Risk level of a tropical depression or storm (QĐ 18/2021/QĐ-TTg Điều 42).

The matrix below is copied by hand from the legal text (Pháp điển 24.10, QĐ.5.42), not read
from the module, so a slip in either shows up here.
"""

import pytest
from django.utils import translation

from taicho.warnings.risk import FigureError, Hazard, Region, StormFigures, risk_level

COLUMNS = (
    Region.EAST_SEA,
    Region.COASTAL_WATERS,
    Region.LAND_NORTHEAST_DELTA_CENTRAL,
    Region.LAND_NORTHWEST_HIGHLANDS_SOUTH_CENTRAL,
    Region.LAND_SOUTH,
)
# Forces → (level, "clause+point") per column: East Sea, coastal waters, land (Đông Bắc Bộ,
# ĐB Bắc Bộ, Bắc/Trung Trung Bộ), land (Tây Bắc, Việt Bắc, Nam Trung Bộ, Tây Nguyên),
# land (Nam Bộ).
MATRIX = {
    (6, 7): ((3, "1a"), (3, "1a"), (3, "1a"), (3, "1a"), (3, "1a")),
    (8, 9): ((3, "1a"), (3, "1a"), (3, "1a"), (3, "1a"), (3, "1a")),
    (10, 11): ((3, "1b"), (3, "1b"), (3, "1b"), (3, "1b"), (4, "2a")),
    (12, 13): ((3, "1c"), (4, "2b"), (4, "2b"), (4, "2b"), (5, "3a")),
    (14, 15): ((4, "2d"), (4, "2c"), (4, "2c"), (5, "3b"), (5, "3b")),
    (16, 17): ((4, "2d"), (5, "3c"), (5, "3c"), (5, "3c"), (5, "3c")),
}
CELLS = [
    pytest.param(force, region, level, clause, id=f"force{force}-{region.value}")
    for (low, high), row in MATRIX.items()
    for force in range(low, high + 1)
    for region, (level, clause) in zip(COLUMNS, row, strict=True)
]


@pytest.mark.parametrize(("force", "region", "level", "clause"), CELLS)
def test_it_gives_every_cell_of_the_storm_matrix(force, region, level, clause):
    assessment = risk_level(StormFigures(beaufort=force, region=region))

    assert assessment.level == level
    assert assessment.hazard == Hazard.STORM
    assert (assessment.citation.article, assessment.citation.clause) == (42, int(clause[0]))
    assert assessment.citation.point == clause[1]
    assert assessment.table_ref == "QĐ 18/2021/QĐ-TTg, Điều 42"


def test_it_explains_the_level_in_vietnamese_with_the_clause():
    assessment = risk_level(StormFigures(beaufort=12, region=Region.LAND_NORTHEAST_DELTA_CENTRAL))

    assert assessment.basis == (
        "Điểm b khoản 2 Điều 42 QĐ 18/2021/QĐ-TTg: bão rất mạnh cấp 12 (nhóm cấp 12–13) "
        "hoạt động trên đất liền khu vực Đông Bắc Bộ, đồng bằng Bắc Bộ, Bắc Trung Bộ, "
        "Trung Trung Bộ → cấp độ 4"
    )
    assert assessment.info.name == "Cấp độ 4 – rủi ro rất lớn"


def test_it_names_the_cyclone_by_its_strength():
    depression = risk_level(StormFigures(beaufort=7, region=Region.COASTAL_WATERS))
    super_typhoon = risk_level(StormFigures(beaufort=17, region=Region.EAST_SEA))

    assert "áp thấp nhiệt đới cấp 7" in depression.basis
    assert "trên vùng biển ven bờ" in depression.basis
    assert "siêu bão cấp 17 (nhóm cấp từ 16 trở lên)" in super_typhoon.basis
    assert super_typhoon.basis.startswith("Điểm d khoản 2 Điều 42")


def test_it_speaks_english_when_asked():
    with translation.override("en"):
        assessment = risk_level(StormFigures(beaufort=10, region="land_south"))

    assert assessment.basis.startswith("Article 42(2)(a) of QĐ 18/2021/QĐ-TTg: strong storm")
    assert assessment.basis.endswith("→ level 4")


@pytest.mark.parametrize("force", [0, 3, 5])
def test_it_gives_no_level_below_a_tropical_depression_and_says_why(force):
    assessment = risk_level(StormFigures(beaufort=force, region=Region.EAST_SEA))

    assert assessment.level is None
    assert assessment.info is None
    assert "không có cấp độ rủi ro: dưới mức áp thấp nhiệt đới (cấp 6" in assessment.basis
    assert assessment.basis.startswith("Điều 42 QĐ 18/2021/QĐ-TTg")


@pytest.mark.parametrize("force", [-1, 18, 8.5, "12", True, None])
def test_it_refuses_a_wind_force_off_the_beaufort_scale(force):
    with pytest.raises(FigureError) as error:
        StormFigures(beaufort=force, region=Region.EAST_SEA)

    assert error.value.field == "beaufort"
    assert "cấp gió Bô-pho nguyên từ 0 đến 17" in str(error.value)
    assert isinstance(error.value, ValueError)


def test_it_refuses_an_unknown_region_and_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"region: Giá trị không hợp lệ 'hai_phong'") as error:
        StormFigures(beaufort=12, region="hai_phong")

    assert "east_sea, coastal_waters" in str(error.value)


def test_it_accepts_a_region_by_its_stored_value():
    assessment = risk_level(
        StormFigures(beaufort=14, region="land_northwest_highlands_south_central")
    )

    assert assessment.level == 5


def test_it_refuses_what_is_not_a_bulletins_figures():
    with pytest.raises(TypeError, match="StormFigures"):
        risk_level({"beaufort": 12})
