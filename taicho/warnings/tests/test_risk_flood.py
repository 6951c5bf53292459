"""Risk level of a river flood or inundation (QĐ 18/2021/QĐ-TTg Điều 45).

Expected levels copied by hand from the legal text. The station used throughout has
BĐ1 2.0 m, BĐ2 3.0 m, BĐ3 3.6 m (so BĐ3 + 0.3 m = 3.9 m, where binary floats err) and a
historic flood of 5.25 m.
"""

import pytest

from taicho.warnings.risk import FigureError, FloodFigures, FloodZone, Hazard, risk_level

STATION = {"bd1": 2.0, "bd2": 3.0, "bd3": 3.6, "historic_flood_m": 5.25}

# Bands, lowest first. Zones 1–3: BĐ1–<BĐ2, BĐ2–<BĐ3, BĐ3–<BĐ3+1 m, ≥BĐ3+1 m.
# Zone 4: BĐ1–<BĐ2, BĐ2–<BĐ3+0.3 m, BĐ3+0.3 m–historic flood, above the historic flood.
ONE_BASIN = {  # points a–c of k1–k3, k4, k5
    FloodZone.KV1: (1, 1, 2, 3),
    FloodZone.KV2: (1, 2, 2, 3),
    FloodZone.KV3: (1, 2, 3, 3),
    FloodZone.KV4: (2, 3, 4, 5),
}
SEVERAL_BASINS = {  # k2d, k3d, and the points without a basin condition
    FloodZone.KV1: (2, 2, 3, 3),
    FloodZone.KV2: (2, 3, 3, 3),
    FloodZone.KV3: (2, 3, 3, 3),
    FloodZone.KV4: (3, 3, 4, 5),
}
# (water level, band index or None below BĐ1): inside each band, on each edge, just below it.
POINTS_KV123 = [
    (1.99, None),
    (2.0, 0),
    (2.5, 0),
    (2.99, 0),
    (3.0, 1),
    (3.3, 1),
    (3.59, 1),
    (3.6, 2),
    (4.1, 2),
    (4.59, 2),
    (4.6, 3),
    (7.0, 3),
]
POINTS_KV4 = [
    (1.99, None),
    (2.0, 0),
    (2.99, 0),
    (3.0, 1),
    (3.6, 1),  # BĐ3 itself is still below BĐ3 + 0.3 m
    (3.89, 1),
    (3.9, 2),
    (4.5, 2),
    (5.25, 2),  # "đến lũ lịch sử": the historic flood itself is level 4
    (5.26, 3),  # "vượt lũ lịch sử"
]


def _cases(table, several_basins):
    for zone, levels in table.items():
        points = POINTS_KV4 if zone == FloodZone.KV4 else POINTS_KV123
        for water, band in points:
            level = None if band is None else levels[band]
            name = f"{zone.value}-{'several' if several_basins else 'one'}-{water}m"
            yield pytest.param(zone, several_basins, water, level, id=name)


CASES = [*_cases(ONE_BASIN, False), *_cases(SEVERAL_BASINS, True)]


@pytest.mark.parametrize(("zone", "several_basins", "water", "level"), CASES)
def test_it_gives_every_cell_of_the_flood_table_with_its_band_edges(
    zone, several_basins, water, level
):
    figures = FloodFigures(zone=zone, water_level_m=water, several_basins=several_basins, **STATION)

    assessment = risk_level(figures)

    assert assessment.level == level
    assert assessment.hazard == Hazard.FLOOD
    assert assessment.table_ref == "QĐ 18/2021/QĐ-TTg, Điều 45"


@pytest.mark.parametrize(
    ("zone", "several", "water", "citation"),
    [
        (FloodZone.KV1, False, 3.3, (1, "b")),
        (FloodZone.KV2, False, 4.0, (2, "c")),
        (FloodZone.KV3, False, 3.6, (3, "b")),
        (FloodZone.KV1, False, 4.6, (3, "c")),
        (FloodZone.KV4, False, 3.0, (3, "a")),
        (FloodZone.KV4, False, 4.0, (4, None)),
        (FloodZone.KV4, False, 6.0, (5, None)),
        (FloodZone.KV1, True, 2.5, (2, "d")),
        (FloodZone.KV2, True, 4.0, (3, "d")),
        (FloodZone.KV4, True, 2.5, (3, "d")),
    ],
)
def test_it_cites_the_clause_the_level_comes_from(zone, several, water, citation):
    assessment = risk_level(
        FloodFigures(zone=zone, water_level_m=water, several_basins=several, **STATION)
    )

    assert (assessment.citation.clause, assessment.citation.point) == citation


def test_it_explains_a_zone_4_flood_in_vietnamese():
    assessment = risk_level(FloodFigures(zone="kv4", water_level_m=3.9, **STATION))

    assert assessment.basis == (
        "Khoản 4 Điều 45 QĐ 18/2021/QĐ-TTg: mực nước lũ 3,90 m tại trạm thủy văn thuộc "
        "khu vực 4, từ báo động 3 cộng 0,3 m đến lũ lịch sử (báo động 1: 2,00 m, "
        "báo động 2: 3,00 m, báo động 3: 3,60 m, lũ lịch sử: 5,25 m), trên một lưu vực sông "
        "→ cấp độ 4"
    )


def test_it_gives_no_level_below_alarm_level_1_and_says_why():
    assessment = risk_level(FloodFigures(zone="kv2", water_level_m=1.5, **STATION))

    assert assessment.level is None
    assert assessment.basis.endswith("→ không có cấp độ rủi ro: dưới báo động 1")


def test_it_uses_the_design_flood_where_flood_control_works_exist():
    figures = FloodFigures(
        zone="kv4", water_level_m=5.5, bd1=2.0, bd2=3.0, bd3=3.6,
        historic_flood_m=5.25, design_flood_m=6.0,
    )  # fmt: skip

    assessment = risk_level(figures)

    assert assessment.level == 4  # above the historic flood, but under the design flood
    assert "lũ thiết kế: 6,00 m" in assessment.basis
    assert "mức lũ thiết kế thay cho mức lũ lịch sử" in assessment.basis
    assert "khoản 8 Điều 45" in assessment.basis


def test_it_needs_the_historic_flood_only_to_tell_level_4_from_5():
    below = FloodFigures(zone="kv4", water_level_m=3.8, bd1=2.0, bd2=3.0, bd3=3.6)
    above = FloodFigures(zone="kv4", water_level_m=3.9, bd1=2.0, bd2=3.0, bd3=3.6)

    assert risk_level(below).level == 3
    with pytest.raises(FigureError) as error:
        risk_level(above)
    assert error.value.field == "historic_flood_m"
    assert "mức lũ lịch sử (hoặc lũ thiết kế)" in str(error.value)


def test_zones_1_to_3_need_no_historic_flood():
    figures = FloodFigures(zone="kv1", water_level_m=9.0, bd1=2.0, bd2=3.0, bd3=3.6)

    assert risk_level(figures).level == 3


def test_it_takes_levels_written_with_a_decimal_comma():
    figures = FloodFigures(zone="kv2", water_level_m="3,0", bd1="2", bd2="3,0", bd3="3,6")

    assert risk_level(figures).level == 2


@pytest.mark.parametrize(
    ("thresholds", "field"),
    [
        ({"bd1": 3.0, "bd2": 2.0, "bd3": 4.0}, "bd2"),
        ({"bd1": 2.0, "bd2": 3.0, "bd3": 3.0}, "bd3"),
    ],
)
def test_it_refuses_alarm_levels_out_of_order(thresholds, field):
    with pytest.raises(FigureError, match="Các mức báo động phải tăng dần") as error:
        FloodFigures(zone="kv1", water_level_m=2.5, **thresholds)

    assert error.value.field == field


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"zone": "kv5"}, "zone", "Giá trị không hợp lệ 'kv5'"),
        ({"water_level_m": "cao"}, "water_level_m", "Hãy nhập một số"),
        ({"water_level_m": float("nan")}, "water_level_m", "số hữu hạn"),
        ({"historic_flood_m": "?"}, "historic_flood_m", "Hãy nhập một số"),
        ({"several_basins": "yes"}, "several_basins", "có hoặc không"),
    ],
)
def test_it_names_the_field_of_a_bad_figure(changes, field, message):
    values = {"zone": "kv1", "water_level_m": 2.5, **STATION, **changes}

    with pytest.raises(FigureError, match=message) as error:
        FloodFigures(**values)

    assert error.value.field == field
