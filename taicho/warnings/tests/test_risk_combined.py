"""Several hazards together (QĐ 18/2021 Điều 4 k4), level names and colours (Điều 4 k3),
who commands at each level (NĐ 66/2021 Điều 7–11), and the module's own consistency."""

import ast
from pathlib import Path

import polib
import pytest

from taicho.warnings import risk
from taicho.warnings.risk import (
    FigureError,
    FloodFigures,
    Hazard,
    StormFigures,
    SurgeFigures,
    combined_level,
    command_at,
    level_info,
    risk_level,
    stated_level,
)
from taicho.warnings.risk import tables as t


def _storm(force):  # over land in the Red River Delta, as for Hải Phòng
    return risk_level(StormFigures(beaufort=force, region="land_northeast_delta_central"))


def _surge(metres):
    return risk_level(SurgeFigures(total_water_level_m=metres, segment="quang_ninh_thanh_hoa"))


def _flood(metres):
    return risk_level(FloodFigures(zone="kv2", water_level_m=metres, bd1=2.0, bd2=3.0, bd3=3.6))


def test_it_keeps_the_highest_level_unless_the_authority_raises_it():
    combined = combined_level([_storm(12), _surge(4.5)])  # 4 and 3

    assert (combined.level, combined.highest, combined.raised_by) == (4, 4, 0)
    assert combined.may_raise_by == 1
    assert combined.hazards == (Hazard.STORM, Hazard.STORM_SURGE)
    assert combined.basis == (
        "Cấp độ cao nhất của các loại thiên tai: 4 (Áp thấp nhiệt đới, bão + Nước dâng); "
        "khoản 4 Điều 4 QĐ 18/2021/QĐ-TTg: hai hay nhiều thiên tai xảy ra đồng thời hoặc "
        "liên tiếp có thể được tăng tối đa 1 cấp, cao nhất là cấp 5; không tăng cấp → cấp độ 4"
    )


def test_it_raises_one_level_for_several_hazards_when_decided():
    combined = combined_level([_storm(10), _surge(3.5), _flood(3.2)], raise_by=1)  # 3, 2, 2

    assert (combined.level, combined.raised_by) == (4, 1)
    assert "tăng 1 cấp → cấp độ 4" in combined.basis


def test_it_raises_two_levels_only_where_serious_loss_is_likely():
    hazards = [_storm(8), _surge(4.5)]  # 3 and 3

    with pytest.raises(FigureError, match="chỉ được tăng 2 cấp khi có nguy cơ") as error:
        combined_level(hazards, raise_by=2)
    assert error.value.field == "raise_by"

    combined = combined_level(hazards, raise_by=2, serious_loss_likely=True)
    assert (combined.level, combined.may_raise_by) == (5, 2)


def test_it_never_goes_above_level_5():
    combined = combined_level([_storm(12), _surge(6.5)], raise_by=2, serious_loss_likely=True)

    assert (combined.level, combined.highest, combined.raised_by) == (5, 5, 0)
    assert "tăng 2 cấp; cao nhất là cấp 5 → cấp độ 5" in combined.basis


def test_several_stations_of_one_flood_are_one_hazard_and_take_the_highest():
    stations = [_flood(2.5), _flood(3.7)]  # 1 and 2

    combined = combined_level(stations)

    assert (combined.level, combined.may_raise_by) == (2, 0)
    with pytest.raises(FigureError, match="khi có hai hay nhiều thiên tai"):
        combined_level(stations, raise_by=1)


def test_hazards_without_a_level_do_not_count():
    combined = combined_level([_storm(12), _surge(2.0)])

    assert (combined.level, combined.may_raise_by) == (4, 0)
    nothing = combined_level([_surge(2.0), _flood(1.0)])
    assert nothing.level is None
    assert nothing.basis == "Không loại thiên tai nào có cấp độ rủi ro."


@pytest.mark.parametrize("raise_by", [-1, 3, 1.5, True])
def test_it_refuses_a_raise_the_clause_does_not_know(raise_by):
    with pytest.raises(FigureError) as error:
        combined_level([_storm(12), _surge(4.5)], raise_by=raise_by, serious_loss_likely=True)

    assert error.value.field == "raise_by"


def test_it_combines_a_level_stated_by_a_bulletin():
    heat = stated_level(hazard="heat", level=2)

    assert heat.basis == (
        "Điều 47 QĐ 18/2021/QĐ-TTg: Nắng nóng, cấp độ nêu trong bản tin → cấp độ 2"
    )
    assert combined_level([heat, _flood(3.2)], raise_by=1).level == 3


@pytest.mark.parametrize(("hazard", "level"), [("fog", 3), ("strong_wind_at_sea", 1), ("x", 2)])
def test_it_refuses_a_stated_level_the_article_cannot_reach(hazard, level):
    with pytest.raises(FigureError):
        stated_level(hazard=hazard, level=level)


@pytest.mark.parametrize(
    ("level", "name", "colour"),
    [
        (1, "Cấp độ 1 – rủi ro thấp", "xanh dương nhạt"),
        (2, "Cấp độ 2 – rủi ro trung bình", "vàng nhạt"),
        (3, "Cấp độ 3 – rủi ro lớn", "da cam"),
        (4, "Cấp độ 4 – rủi ro rất lớn", "đỏ"),
        (5, "Cấp độ 5 – rủi ro ở mức thảm họa (tình trạng khẩn cấp về thiên tai)", "tím"),
    ],
)
def test_it_names_and_colours_each_level_as_article_4_does(level, name, colour):
    info = level_info(level)

    assert (str(info.name), str(info.colour)) == (name, colour)
    assert info.css_colour.startswith("#")


def test_it_refuses_a_level_outside_1_to_5():
    with pytest.raises(FigureError, match="Cấp độ rủi ro là từ 1 đến 5"):
        level_info(6)


@pytest.mark.parametrize(
    ("level", "commander", "article"),
    [
        (1, "Chủ tịch Ủy ban nhân dân cấp xã (phường) trực tiếp chỉ huy", 7),
        (2, "Chủ tịch Ủy ban nhân dân cấp tỉnh (thành phố)", 8),
        (3, "Ban Chỉ đạo quốc gia về phòng, chống thiên tai", 9),
        (4, "Thủ tướng Chính phủ", 10),
        (5, "Chủ tịch nước ban bố", 11),
    ],
)
def test_it_says_who_commands_at_each_level(level, commander, article):
    command = command_at(level)

    assert commander in str(command.commander)
    assert (command.citation.instrument, command.citation.article) == ("NĐ 66/2021/NĐ-CP", article)
    assert str(command.ward_role)


def test_every_cell_lies_within_the_levels_its_article_can_reach():
    cells = [c for row in t.STORM_ROWS for c in row.cells.values()]
    cells += [cell for bands in t.SURGE_BANDS.values() for _, cell in bands]
    cells += [cell for rows in t.SEA_WIND_ROWS.values() for _, cell in rows]
    cells += [case.cell for case in t.RAIN_CASES]
    cells += [cell for table in t.FLOOD_LEVELS.values() for cell in table.values()]
    reach = {info.citation.article: info for info in t.HAZARDS.values()}

    for cell in cells:
        info = reach[cell.citation.article]
        assert info.lowest <= cell.level <= info.highest, cell


def _source_msgids():
    ids = set()
    for source in Path(risk.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id in ("_", "gettext", "gettext_lazy"):
                ids.add((None, node.args[0].value))
            elif node.func.id in ("pgettext", "pgettext_lazy"):
                ids.add((node.args[0].value, node.args[1].value))
    return ids


def test_every_risk_string_has_a_vietnamese_translation():
    po_path = Path(risk.__file__).parents[1] / "locale/vi/LC_MESSAGES/risk.po"
    translated = {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path)) if e.msgstr}

    assert _source_msgids() - translated == set()
