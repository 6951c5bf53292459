"""Risk level of heavy rain (QĐ 18/2021/QĐ-TTg Điều 44).

The article combines four things: the amount (100–200 mm in 24 h or 50–100 mm in 12 h;
over 200 to 400 mm; over 400 mm), how long (1–2 days; over 2 to 4; over 4), the terrain
(midlands and mountains; delta and coast) and the extent (under half of a province or
non-adjacent provinces; over half of a province; several provinces). The cases below are
copied by hand from the text; every combination not listed has no level.
"""

import pytest

from taicho.warnings.risk import FigureError, Hazard, RainExtent, RainFigures, Terrain, risk_level

A, B, C = "100-200", "200-400", "over-400"
D12, D24, D4 = "1-2 days", "2-4 days", "over-4-days"
MM, DC = Terrain.MIDLAND_MOUNTAIN, Terrain.DELTA_COASTAL
UNDER, NON_ADJ = RainExtent.UNDER_HALF_OF_PROVINCE, RainExtent.NON_ADJACENT_PROVINCES
OVER, SEVERAL = RainExtent.OVER_HALF_OF_PROVINCE, RainExtent.SEVERAL_PROVINCES

# (amount, terrain, durations, extents) → (level, clause+point)
ARTICLE_44 = [
    (A, MM, {D12}, {UNDER, NON_ADJ}, 1, "1"),
    (A, DC, {D12}, {UNDER, NON_ADJ}, 1, "1"),
    (A, MM, {D24}, {OVER}, 2, "2a"),
    (A, DC, {D24, D4}, {OVER}, 2, "2a"),
    (B, MM, {D12}, {OVER}, 2, "2b"),
    (B, DC, {D12}, {OVER}, 2, "2b"),
    (A, MM, {D4}, {SEVERAL}, 3, "3a"),
    (B, MM, {D24}, {SEVERAL}, 3, "3b"),
    (B, DC, {D24, D4}, {SEVERAL}, 3, "3b"),
    (C, MM, {D12}, {SEVERAL}, 3, "3c"),
    (C, DC, {D12, D24}, {SEVERAL}, 3, "3c"),
    (B, MM, {D4}, {SEVERAL}, 4, "4a"),
    (C, MM, {D24, D4}, {SEVERAL}, 4, "4b"),
    (C, DC, {D4}, {SEVERAL}, 4, "4b"),
]
EXPECTED = {
    (amount, terrain, duration, extent): (level, clause)
    for amount, terrain, durations, extents, level, clause in ARTICLE_44
    for duration in durations
    for extent in extents
}
MM_24H = {A: 150, B: 300, C: 500}
DAYS = {D12: 1.5, D24: 3, D4: 5}
EVERY_COMBINATION = [
    pytest.param(amount, terrain, duration, extent, id=f"{amount}-{terrain}-{duration}-{extent}")
    for amount in MM_24H
    for terrain in Terrain
    for duration in DAYS
    for extent in RainExtent
]


@pytest.mark.parametrize(("amount", "terrain", "duration", "extent"), EVERY_COMBINATION)
def test_it_gives_every_combination_of_article_44(amount, terrain, duration, extent):
    figures = RainFigures(
        mm_24h=MM_24H[amount], duration_days=DAYS[duration], terrain=terrain, extent=extent
    )

    assessment = risk_level(figures)

    level, clause = EXPECTED.get((amount, terrain, duration, extent), (None, None))
    assert assessment.level == level
    assert assessment.hazard == Hazard.HEAVY_RAIN
    if level is None:
        assert assessment.basis.endswith("Điều 44 không quy định trường hợp này")
    else:
        assert (assessment.citation.article, assessment.citation.clause) == (44, int(clause[0]))
        assert assessment.citation.point == (clause[1:] or None)


def test_it_explains_the_level_with_the_articles_words():
    figures = RainFigures(mm_24h=250, duration_days=3, terrain="delta_coastal", extent=SEVERAL)

    assert risk_level(figures).basis == (
        "Điểm b khoản 3 Điều 44 QĐ 18/2021/QĐ-TTg: mưa 250 mm trong 24 giờ (từ trên 200 mm "
        "đến 400 mm trong 24 giờ), kéo dài 3 ngày (từ trên 2 ngày đến 4 ngày); khu vực: "
        "Đồng bằng, ven biển; phạm vi: Nhiều tỉnh khác nhau → cấp độ 3"
    )


@pytest.mark.parametrize(
    ("mm_24h", "mm_12h", "level"),
    [
        (99.9, None, None),
        (100, None, 1),
        (200, None, 1),  # "từ 100 mm đến 200 mm": 200 mm is still the first band
        (90, 50, 1),  # k1: "hoặc từ 50 mm đến 100 mm trong 12 giờ"
        (90, 49.9, None),
    ],
)
def test_it_reads_the_amount_edges_and_the_12_hour_alternative(mm_24h, mm_12h, level):
    figures = RainFigures(mm_24h=mm_24h, mm_12h=mm_12h, duration_days=1, terrain=MM, extent=UNDER)

    assert risk_level(figures).level == level


@pytest.mark.parametrize(
    ("mm_24h", "days", "level"),
    [
        (200, 4, None),  # 100–200 mm for 2–4 days over several provinces: no case
        (200, 4.01, 3),  # k3a
        (200.1, 2, None),  # over 200 mm for 1–2 days over several provinces: no case
        (300, 4, 3),  # k3b
        (300, 4.01, 4),  # k4a
        (400, 3, 3),  # "đến 400 mm" is still the second band: k3b
        (400.1, 2, 3),  # k3c
        (400.1, 2.01, 4),  # k4b: "từ trên 2 ngày"
    ],
)
def test_it_reads_the_amount_and_duration_edges_in_the_mountains(mm_24h, days, level):
    figures = RainFigures(mm_24h=mm_24h, duration_days=days, terrain=MM, extent=SEVERAL)

    assert risk_level(figures).level == level


def test_it_gives_no_level_to_rain_shorter_than_a_day_and_says_why():
    figures = RainFigures(mm_24h=150, duration_days=0.5, terrain=DC, extent=UNDER)

    assessment = risk_level(figures)

    assert assessment.level is None
    assert assessment.basis.endswith("Điều 44 chỉ tính thời gian mưa kéo dài từ 1 ngày")


def test_it_gives_no_level_to_rain_below_the_lowest_amount():
    figures = RainFigures(mm_24h=80, duration_days=2, terrain=DC, extent=SEVERAL)

    assert risk_level(figures).basis.endswith(
        "thấp hơn lượng mưa thấp nhất của Điều 44 (100 mm trong 24 giờ hoặc 50 mm trong 12 giờ)"
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"mm_24h": -5}, "mm_24h"),
        ({"mm_24h": "nhiều"}, "mm_24h"),
        ({"mm_12h": 200}, "mm_12h"),
        ({"duration_days": 0}, "duration_days"),
        ({"terrain": "island"}, "terrain"),
        ({"extent": "whole_country"}, "extent"),
    ],
)
def test_it_names_the_field_of_a_bad_rain_figure(changes, field):
    values = {"mm_24h": 150, "duration_days": 1, "terrain": MM, "extent": UNDER, **changes}

    with pytest.raises(FigureError) as error:
        RainFigures(**values)

    assert error.value.field == field
