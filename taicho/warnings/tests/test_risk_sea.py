"""Risk level of storm surge (Điều 43) and of strong wind at sea (Điều 50), QĐ 18/2021.

Expected levels copied by hand from the legal text. "từ 1 m đến 2 m" includes 1 m;
"từ trên 3 m đến 4 m" excludes 3 m and includes 4 m; "trên 6 m" excludes 6 m.
"""

import pytest

from taicho.warnings.risk import (
    FigureError,
    Hazard,
    SeaArea,
    SeaWindFigures,
    SurgeFigures,
    SurgeSegment,
    risk_level,
)

S = SurgeSegment
SURGE = {
    # Hải Phòng's coast: k1c, k2c, k3c (Quảng Ninh–Hà Tĩnh), k4b (Quảng Ninh–Hà Tĩnh)
    S.QUANG_NINH_THANH_HOA: [
        (2.0, None), (3.0, None), (3.01, 2), (4.0, 2), (4.01, 3), (5.0, 3),
        (5.01, 4), (6.0, 4), (6.01, 5), (9.0, 5),
    ],
    # k1b, k2b, k3b (Nghệ An–TT Huế), k3c, k4b
    S.NGHE_AN_HA_TINH: [
        (2.0, None), (2.01, 2), (3.0, 2), (3.01, 3), (4.0, 3), (4.01, 4), (5.0, 4),
        (5.5, 4), (6.0, 4), (6.01, 5),
    ],
    # k1a (Quảng Bình–Bình Định), k2a, k3a, k3b, k4a
    S.QUANG_BINH_THUA_THIEN_HUE: [
        (0.99, None), (1.0, 2), (2.0, 2), (2.01, 3), (3.0, 3), (3.01, 4), (4.5, 4),
        (5.0, 4), (5.01, 5),
    ],
    # k1a, k2a, k3d (Đà Nẵng–Bình Định)
    S.DA_NANG_BINH_DINH: [
        (0.99, None), (1.0, 2), (2.0, 2), (2.01, 3), (3.0, 3), (3.01, 4), (7.0, 4),
    ],
    # k1b (Phú Yên–Cà Mau), k2d (Phú Yên–Ninh Thuận)
    S.PHU_YEN_NINH_THUAN: [(1.5, None), (2.0, None), (2.01, 2), (3.0, 2), (3.01, 3), (8.0, 3)],
    # k1b, k2b (Bình Thuận–Cà Mau), k3đ
    S.BINH_THUAN_CA_MAU: [
        (2.0, None), (2.01, 2), (3.0, 2), (3.01, 3), (4.0, 3), (4.01, 4), (8.0, 4),
    ],
    # k1a (Cà Mau–Kiên Giang), k2a, k3d
    S.CA_MAU_KIEN_GIANG: [(0.99, None), (1.0, 2), (2.0, 2), (2.01, 3), (3.0, 3), (3.01, 4)],
}  # fmt: skip
SURGE_CASES = [
    pytest.param(segment, water, level, id=f"{segment.value}-{water}m")
    for segment, points in SURGE.items()
    for water, level in points
]


@pytest.mark.parametrize(("segment", "water", "level"), SURGE_CASES)
def test_it_gives_the_storm_surge_level_of_each_coast(segment, water, level):
    assessment = risk_level(SurgeFigures(total_water_level_m=water, segment=segment))

    assert assessment.level == level
    assert assessment.hazard == Hazard.STORM_SURGE


@pytest.mark.parametrize(
    ("water", "clause", "range_words"),
    [
        (3.5, (1, "c"), "từ trên 3 m đến 4 m"),
        (4.2, (2, "c"), "từ trên 4 m đến 5 m"),
        (5.8, (3, "c"), "từ trên 5 m đến 6 m"),
        (6.5, (4, "b"), "trên 6 m"),
    ],
)
def test_it_explains_a_surge_on_hai_phongs_coast(water, clause, range_words):
    assessment = risk_level(SurgeFigures(total_water_level_m=water, segment="quang_ninh_thanh_hoa"))

    assert (assessment.citation.clause, assessment.citation.point) == clause
    assert f"({range_words}) ở khu vực ven biển Quảng Ninh – Thanh Hóa" in assessment.basis
    assert "mực nước tổng cộng (nước dâng kết hợp với thủy triều)" in assessment.basis


def test_it_cites_point_dj_for_the_south_east_coast_above_4_m():
    assessment = risk_level(SurgeFigures(total_water_level_m=4.5, segment=S.BINH_THUAN_CA_MAU))

    assert assessment.basis.startswith("Điểm đ khoản 3 Điều 43 QĐ 18/2021/QĐ-TTg")
    assert assessment.level == 4


def test_it_says_why_a_low_surge_has_no_level():
    assessment = risk_level(SurgeFigures(total_water_level_m=3, segment="quang_ninh_thanh_hoa"))

    assert assessment.level is None
    assert assessment.basis.endswith(
        "không có cấp độ rủi ro: dưới khoảng thấp nhất mà Điều 43 quy định cho khu vực ven "
        "biển này (từ trên 3 m đến 4 m)"
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"segment": "hai_phong"}, "segment"),
        ({"total_water_level_m": "bốn mét"}, "total_water_level_m"),
        ({"total_water_level_m": float("inf")}, "total_water_level_m"),
        ({"total_water_level_m": None}, "total_water_level_m"),
    ],
)
def test_it_names_the_field_of_a_bad_surge_figure(changes, field):
    values = {"total_water_level_m": 4.0, "segment": "quang_ninh_thanh_hoa", **changes}

    with pytest.raises(FigureError) as error:
        SurgeFigures(**values)

    assert error.value.field == field


SEA_WIND = [
    (SeaArea.COASTAL, 5, None, None),
    (SeaArea.COASTAL, 6, 2, (1, "a")),
    (SeaArea.COASTAL, 7, 3, (2, "a")),
    (SeaArea.COASTAL, 12, 3, (2, "a")),
    (SeaArea.OFFSHORE, 6, None, None),  # a strong wind, but Điều 50 gives it no level
    (SeaArea.OFFSHORE, 7, 2, (1, "b")),
    (SeaArea.OFFSHORE, 8, 2, (1, "b")),
    (SeaArea.OFFSHORE, 9, 3, (2, "b")),
    (SeaArea.OFFSHORE, 17, 3, (2, "b")),
]


@pytest.mark.parametrize(("area", "force", "level", "clause"), SEA_WIND)
def test_it_gives_the_level_of_a_strong_wind_at_sea(area, force, level, clause):
    assessment = risk_level(SeaWindFigures(beaufort=force, area=area))

    assert assessment.level == level
    assert assessment.hazard == Hazard.STRONG_WIND_AT_SEA
    if clause:
        assert (assessment.citation.article, assessment.citation.clause) == (50, clause[0])
        assert assessment.citation.point == clause[1]


def test_it_explains_a_strong_wind_offshore():
    assessment = risk_level(SeaWindFigures(beaufort=8, area="offshore"))

    assert assessment.basis == (
        "Điểm b khoản 1 Điều 50 QĐ 18/2021/QĐ-TTg: gió mạnh cấp 8 (nhóm cấp 7–8) trên vùng "
        "biển ngoài khơi (bao gồm cả các đảo, quần đảo) → cấp độ 2"
    )


def test_it_says_why_a_force_6_offshore_has_no_level():
    assessment = risk_level(SeaWindFigures(beaufort=6, area="offshore"))

    assert "dưới cấp 7, cấp thấp nhất có cấp độ rủi ro ở vùng biển này" in assessment.basis


@pytest.mark.parametrize(
    ("changes", "field"), [({"beaufort": -2}, "beaufort"), ({"area": "river"}, "area")]
)
def test_it_names_the_field_of_a_bad_sea_wind_figure(changes, field):
    with pytest.raises(FigureError) as error:
        SeaWindFigures(**{"beaufort": 7, "area": "coastal", **changes})

    assert error.value.field == field
