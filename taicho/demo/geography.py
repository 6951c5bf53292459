"""The demo ward's map: SYNTHETIC. No survey data was used; nothing here is a real boundary.

Phường Bạch Đằng lies in the former Thủy Nguyên area north of Hải Phòng, with the Bạch Đằng
river along its eastern and north-eastern edge. The outline, river bank, dyke, zones and
shelter sites below are drawn by hand around that idea (centre about 20.97 N, 106.73 E) so the
demo looks and behaves like a riverside ward: the groups on the river get the erosion strips,
the groups inland get the low-lying inundation pockets, the south-east gets the storm surge.
Coordinates are (longitude, latitude), as in GeoJSON.
"""

import math
from dataclasses import dataclass

import shapely
import shapely.ops
from shapely.geometry import LineString, Point, Polygon

CENTRE_LAT, CENTRE_LON = 20.97, 106.73

# The west bank of the Bạch Đằng river, from south to north: land to the left, water right.
RIVER_BANK = LineString(
    [
        (106.7565, 20.9470),
        (106.7548, 20.9550),
        (106.7530, 20.9630),
        (106.7538, 20.9700),
        (106.7515, 20.9780),
        (106.7470, 20.9850),
        (106.7400, 20.9900),
        (106.7320, 20.9935),
        (106.7240, 20.9950),
    ]
)

# The ward's land: the river bank, then round by the north, west and south.
WARD_AREA = Polygon(
    [
        *RIVER_BANK.coords,
        (106.7160, 20.9960),
        (106.7060, 20.9920),
        (106.7020, 20.9800),
        (106.7030, 20.9650),
        (106.7060, 20.9500),
        (106.7200, 20.9455),
        (106.7400, 20.9450),
        (106.7565, 20.9470),
    ]
)
shapely.prepare(WARD_AREA)

# Degrees are used as a local metric here: 0.001° is about 104 m east-west, 111 m north-south.
DYKE_SETBACK = 0.0017  # the dyke runs about 180 m inland of the bank
EROSION_WIDTH = 0.0006  # the strip the river is eating, about 65 m

DYKE = RIVER_BANK.offset_curve(DYKE_SETBACK)
# Between the dyke and the river: the houses "ngoài đê", first to go under in a flood.
OUTSIDE_DYKE = RIVER_BANK.buffer(DYKE_SETBACK, single_sided=True, join_style="mitre")


def _bank_section(start: float, end: float) -> LineString:
    """The part of the bank between two fractions of its length (0 = south, 1 = north)."""
    return shapely.ops.substring(RIVER_BANK, start, end, normalized=True)


def _strip(start: float, end: float, width: float) -> Polygon:
    return _bank_section(start, end).buffer(width, single_sided=True, join_style="mitre")


def _blob(lon: float, lat: float, radii: tuple[float, ...]) -> Polygon:
    """An irregular low-lying pocket: one radius (degrees) per equally spaced bearing."""
    count = len(radii)
    ring = [
        (
            lon + radius * math.cos(2 * math.pi * index / count) * 1.07,
            lat + radius * math.sin(2 * math.pi * index / count),
        )
        for index, radius in enumerate(radii)
    ]
    return Polygon(ring)


@dataclass(frozen=True)
class GroupPlace:
    """Where a residential group's houses cluster, how spread out, and its streets."""

    code: str
    lon: float
    lat: float
    spread: float  # standard deviation of the houses around the centre, degrees
    weight: float  # share of the ward's households, relative
    streets: tuple[str, ...]


def _riverside(code: str, along: float, weight: float, streets: tuple[str, ...]) -> GroupPlace:
    centre = RIVER_BANK.offset_curve(0.0016).interpolate(along, normalized=True)
    return GroupPlace(code, round(centre.x, 5), round(centre.y, 5), 0.0016, weight, streets)


# Street names are invented in the local style (heroes of the Bạch Đằng battles, old village
# names of the area); any likeness to a real address is chance.
GROUPS: tuple[GroupPlace, ...] = (
    _riverside("1", 0.88, 0.9, ("Bạch Đằng", "Ven Đê")),
    _riverside("2", 0.66, 1.0, ("Bạch Đằng", "Bến Đò")),
    _riverside("3", 0.42, 1.1, ("Bạch Đằng", "Bãi Cọc")),
    _riverside("4", 0.16, 0.9, ("Bạch Đằng", "Cửa Sông")),
    GroupPlace("5", 106.7270, 20.9860, 0.0020, 0.8, ("Trần Hưng Đạo", "Yết Kiêu")),
    GroupPlace("6", 106.7170, 20.9840, 0.0024, 0.9, ("Ngô Quyền", "Dã Tượng")),
    GroupPlace("7", 106.7330, 20.9760, 0.0022, 1.1, ("Trần Hưng Đạo", "Phạm Ngũ Lão")),
    GroupPlace("8", 106.7170, 20.9710, 0.0024, 1.0, ("Ngô Quyền", "Trần Khánh Dư")),
    GroupPlace("9", 106.7310, 20.9640, 0.0022, 1.0, ("Lê Hoàn", "Đầm Sen")),
    GroupPlace("10", 106.7150, 20.9560, 0.0024, 0.9, ("Tam Hưng", "Phục Lễ")),
    GroupPlace("11", 106.7350, 20.9530, 0.0022, 1.0, ("Lập Lễ", "Lê Hoàn")),
    GroupPlace("12", 106.7090, 20.9740, 0.0020, 0.7, ("Ngũ Lão", "Mạc Đĩnh Chi")),
)
RIVERSIDE_GROUPS = ("1", "2", "3", "4")


@dataclass(frozen=True)
class ZonePlace:
    code: str
    kind: str
    name: str
    description: str
    risk_notes: str
    shape: shapely.Geometry


# Said in every zone and shelter the demo makes, where officers and residents will read it.
SYNTHETIC_NOTE = "Vị trí giả lập cho bản demo, không phải số liệu khảo sát."

ZONES: tuple[ZonePlace, ...] = (
    ZonePlace(
        "SL-01",
        "landslide",
        "Sạt lở bờ sông Bạch Đằng, đoạn Tổ dân phố số 1–2",
        "Bờ sông bị dòng chảy xói lở, mái bờ dốc, đã có vết nứt dọc bờ. " + SYNTHETIC_NOTE,
        "Khi mưa lớn kéo dài hoặc triều cường kết hợp lũ, di dời ngay các hộ sát mép bờ.",
        _strip(0.58, 0.95, EROSION_WIDTH),
    ),
    ZonePlace(
        "SL-02",
        "landslide",
        "Sạt lở bờ sông Bạch Đằng, đoạn Tổ dân phố số 3–4",
        "Đoạn bờ cong, nước xoáy mạnh khi triều rút, bãi bồi bị khoét sâu. " + SYNTHETIC_NOTE,
        "Cắm biển cảnh báo, cấm neo đậu thuyền sát bờ; kiểm tra sau mỗi đợt triều cường.",
        _strip(0.08, 0.48, EROSION_WIDTH),
    ),
    ZonePlace(
        "VS-01",
        "riverside",
        "Khu dân cư ngoài đê ven sông Bạch Đằng",
        "Các hộ ở giữa đê và sông, nhiều nhà tạm, bán kiên cố. " + SYNTHETIC_NOTE,
        "Ngập khi lũ trên sông kết hợp triều cường; sơ tán trước khi nước lên mức báo động 2.",
        OUTSIDE_DYKE,
    ),
    ZonePlace(
        "NB-01",
        "coastal",
        "Vùng ảnh hưởng nước dâng do bão phía hạ lưu",
        "Phía đông nam phường, gần cửa sông, chịu nước dâng khi bão đổ bộ. " + SYNTHETIC_NOTE,
        "Bão cấp 10 trở lên kèm triều cường: sơ tán toàn bộ hộ ngoài đê và nhà yếu.",
        WARD_AREA.intersection(
            Polygon(
                [
                    (106.7350, 20.9430),
                    (106.7620, 20.9430),
                    (106.7620, 20.9660),
                    (106.7470, 20.9625),
                    (106.7350, 20.9560),
                ]
            )
        ),
    ),
    ZonePlace(
        "NU-01",
        "inundation",
        "Khu trũng Đầm Sen (Tổ dân phố số 9)",
        "Khu ruộng cũ đã san lấp, thấp hơn mặt đường khoảng 0,5 m. " + SYNTHETIC_NOTE,
        "Mưa trên 150 mm/ngày ngập 0,3–0,6 m; khơi thông cống tiêu trước mùa mưa.",
        _blob(106.7300, 20.9625, (0.0021, 0.0017, 0.0019, 0.0023, 0.0016, 0.0020, 0.0018)),
    ),
    ZonePlace(
        "NU-02",
        "inundation",
        "Khu trũng phía tây Tổ dân phố số 8",
        "Nước từ cánh đồng phía tây dồn về, cống tiêu nhỏ. " + SYNTHETIC_NOTE,
        "Ngập cục bộ 0,2–0,5 m sau mưa lớn; chuẩn bị máy bơm dã chiến.",
        _blob(106.7150, 20.9700, (0.0016, 0.0019, 0.0015, 0.0018, 0.0020, 0.0014)),
    ),
    ZonePlace(
        "NU-03",
        "inundation",
        "Khu trũng ven kênh Tam Hưng (Tổ dân phố số 10)",
        "Dọc kênh tiêu, nền nhà thấp. " + SYNTHETIC_NOTE,
        "Ngập khi kênh tiêu đầy và triều cao chặn cống; theo dõi mực nước kênh.",
        _blob(106.7140, 20.9550, (0.0018, 0.0022, 0.0017, 0.0015, 0.0019, 0.0021, 0.0016)),
    ),
    ZonePlace(
        "NU-04",
        "inundation",
        "Khu trũng Tổ dân phố số 6",
        "Ô trũng giữa khu dân cư mới, chưa có hệ thống thoát nước hoàn chỉnh. " + SYNTHETIC_NOTE,
        "Ngập 0,2–0,4 m khi mưa lớn; ưu tiên đưa người già, trẻ em đi trước.",
        _blob(106.7180, 20.9845, (0.0014, 0.0017, 0.0015, 0.0013, 0.0016, 0.0015)),
    ),
    ZonePlace(
        "XY-01",
        "weak_point",
        "Cống Bến Đò qua đê tả sông Bạch Đằng",
        "Cống cũ, cánh cống rò nước khi triều cao, thân đê quanh cống bị thẩm lậu. "
        + SYNTHETIC_NOTE,
        "Trực canh 24/24 khi báo động 2 trở lên; chuẩn bị sẵn bao tải cát, cọc tre.",
        DYKE.interpolate(0.62, normalized=True),
    ),
    ZonePlace(
        "DE-01",
        "weak_point",
        "Đoạn đê xung yếu từ Bãi Cọc đến Bến Đò",
        "Mặt đê hẹp, mái đê phía sông bị sóng đánh, có tổ mối. " + SYNTHETIC_NOTE,
        "Khi mực nước trên báo động 2, lực lượng xung kích tuần tra đê liên tục.",
        shapely.ops.substring(DYKE, 0.40, 0.70, normalized=True),
    ),
)


@dataclass(frozen=True)
class ShelterPlace:
    code: str
    kind: str
    name: str
    address: str
    lon: float
    lat: float
    capacity: int
    facilities: str
    hazard_kinds: tuple[str, ...]
    contact_name: str = ""  # empty: a contact person is made up from the seed


_STORM_AND_FLOOD = ("inundation", "landslide", "riverside", "coastal", "weak_point")

SHELTERS: tuple[ShelterPlace, ...] = (
    ShelterPlace(
        "SH-01",
        "school",
        "Trường THCS Trần Hưng Đạo",
        "Số 20, đường Trần Hưng Đạo, Tổ dân phố số 7",
        106.7290,
        20.9765,
        600,
        "Nhà 3 tầng kiên cố, 18 phòng học, bếp ăn, nhà vệ sinh, máy phát điện.",
        _STORM_AND_FLOOD,
    ),
    ShelterPlace(
        "SH-02",
        "school",
        "Trường THCS Bạch Đằng",
        "Số 5, đường Lê Hoàn, Tổ dân phố số 11",
        106.7300,
        20.9530,
        500,
        "Nhà 3 tầng, 15 phòng học, giếng khoan, nhà vệ sinh.",
        ("landslide", "riverside", "coastal", "weak_point"),
    ),
    ShelterPlace(
        "SH-03",
        "school",
        "Trường Tiểu học Ngô Quyền",
        "Số 8, đường Ngô Quyền, Tổ dân phố số 8",
        106.7220,
        20.9740,
        400,
        "Nhà 2 tầng, 12 phòng học, sân rộng.",
        ("landslide", "riverside", "coastal", "weak_point"),
    ),
    ShelterPlace(
        "SH-04",
        "ward_office",
        "Trụ sở UBND phường Bạch Đằng",
        "Số 1, đường Trần Hưng Đạo, Tổ dân phố số 5",
        106.7270,
        20.9850,
        300,
        "Hội trường 200 chỗ, phòng họp, máy phát điện, kho vật tư PCTT.",
        _STORM_AND_FLOOD,
    ),
    ShelterPlace(
        "SH-05",
        "cultural_house",
        "Nhà văn hóa tổ dân phố số 5",
        "Ngõ 4, đường Yết Kiêu, Tổ dân phố số 5",
        106.7320,
        20.9895,
        150,
        "Nhà 1 tầng mái bằng, nền cao, bếp, nhà vệ sinh.",
        ("landslide", "riverside", "weak_point"),
    ),
    ShelterPlace(
        "SH-06",
        "cultural_house",
        "Nhà văn hóa tổ dân phố số 12",
        "Ngõ 2, đường Ngũ Lão, Tổ dân phố số 12",
        106.7080,
        20.9760,
        120,
        "Nhà 2 tầng, nền cao hơn đường 0,8 m.",
        _STORM_AND_FLOOD,
    ),
    ShelterPlace(
        "SH-07",
        "cultural_house",
        "Nhà văn hóa tổ dân phố số 9",
        "Số 40, đường Lê Hoàn, Tổ dân phố số 9",
        106.7345,
        20.9680,
        100,
        "Nhà 1 tầng, sân rộng dựng lều bạt được.",
        ("landslide", "riverside", "weak_point"),
    ),
    ShelterPlace(
        "SH-08",
        "solid_house",
        "Nhà kiên cố hộ ông Phí Văn Thịnh",
        "Số 15, ngõ 6, đường Ven Đê, Tổ dân phố số 1",
        106.7395,
        20.9845,
        100,
        "Nhà 4 tầng kiên cố, chủ nhà nhận tối đa 100 người sơ tán tại chỗ.",
        ("inundation", "riverside", "weak_point"),
        contact_name="Phí Văn Thịnh",
    ),
)


def inside_ward(lon: float, lat: float) -> bool:
    return shapely.contains_xy(WARD_AREA, lon, lat)


def distance_to_river(lon: float, lat: float) -> float:
    """Degrees from the river bank (about 100 m per 0.001)."""
    return RIVER_BANK.distance(Point(lon, lat))
