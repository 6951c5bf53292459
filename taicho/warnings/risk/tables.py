"""The risk-level tables of Quyết định 18/2021/QĐ-TTg, as data, each cell with its clause.

Transcribed from the codified text (Pháp điển 24.10, QĐ.5.4 and QĐ.5.42–5.50). Where the
article has no case for a combination, the table has no cell: the article gives no level
there, and `levels.py` says so instead of guessing.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .kinds import FloodZone, Hazard, RainExtent, Region, SeaArea, SurgeSegment, Terrain

QD_18 = "QĐ 18/2021/QĐ-TTg"
ND_66 = "NĐ 66/2021/NĐ-CP"


@dataclass(frozen=True)
class Citation:
    """Article, clause (khoản) and point (điểm) of a legal instrument."""

    article: int
    clause: int | None = None
    point: str | None = None
    instrument: str = QD_18


@dataclass(frozen=True)
class Cell:
    level: int
    citation: Citation


def _cell(level: int, article: int, clause: int, point: str | None = None) -> Cell:
    return Cell(level, Citation(article, clause, point))


# --- Levels (Điều 4 khoản 3; NĐ 66/2021 Điều 6) ------------------------------------------


@dataclass(frozen=True)
class LevelInfo:
    number: int
    name: str
    colour: str
    # A display colour for maps and badges. Phụ lục XII (the official colours) was NOT READ:
    # these only render the named colour and may be replaced by the annex's values.
    css_colour: str
    citation: Citation


LEVELS: dict[int, LevelInfo] = {
    1: LevelInfo(
        1,
        _("Level 1 – low risk"),
        pgettext_lazy("risk level colour", "light blue"),
        "#9dd3f5",
        Citation(4, 3),
    ),
    2: LevelInfo(
        2,
        _("Level 2 – medium risk"),
        pgettext_lazy("risk level colour", "light yellow"),
        "#fff3a0",
        Citation(4, 3),
    ),
    3: LevelInfo(
        3,
        _("Level 3 – high risk"),
        pgettext_lazy("risk level colour", "orange"),
        "#f39c34",
        Citation(4, 3),
    ),
    4: LevelInfo(
        4,
        _("Level 4 – very high risk"),
        pgettext_lazy("risk level colour", "red"),
        "#d7261e",
        Citation(4, 3),
    ),
    5: LevelInfo(
        5,
        _("Level 5 – catastrophe (state of emergency)"),
        pgettext_lazy("risk level colour", "purple"),
        "#7b2d8e",
        Citation(4, 3),
    ),
}

# Điều 4 khoản 4: two or more hazards at once or in succession "có thể" (may) be raised one
# level, and "có thể được xem xét" (may be considered for) two where serious loss of life
# and property is likely; never above 5. A discretion of the authority, not a rule.
COMBINED_RULE = Citation(4, 4)
COMBINED_RAISE = 1
COMBINED_RAISE_SERIOUS_LOSS = 2
HIGHEST_LEVEL = 5


# --- Hazards: article and reachable levels (Điều 42–56) ----------------------------------


@dataclass(frozen=True)
class HazardInfo:
    citation: Citation
    lowest: int
    highest: int


HAZARDS: dict[Hazard, HazardInfo] = {
    Hazard.STORM: HazardInfo(Citation(42), 3, 5),
    Hazard.STORM_SURGE: HazardInfo(Citation(43), 2, 5),
    Hazard.HEAVY_RAIN: HazardInfo(Citation(44), 1, 4),
    Hazard.FLOOD: HazardInfo(Citation(45), 1, 5),
    Hazard.FLASH_FLOOD_LANDSLIDE: HazardInfo(Citation(46), 1, 3),
    Hazard.HEAT: HazardInfo(Citation(47), 1, 4),
    Hazard.DROUGHT: HazardInfo(Citation(48), 1, 4),
    Hazard.SALTWATER_INTRUSION: HazardInfo(Citation(49), 1, 4),
    Hazard.STRONG_WIND_AT_SEA: HazardInfo(Citation(50), 2, 3),
    Hazard.FOG: HazardInfo(Citation(51), 1, 2),
    Hazard.WHIRLWIND_LIGHTNING_HAIL: HazardInfo(Citation(52), 1, 2),
    Hazard.COLD_FROST: HazardInfo(Citation(53), 1, 3),
    Hazard.FOREST_FIRE: HazardInfo(Citation(54), 1, 5),
    Hazard.EARTHQUAKE: HazardInfo(Citation(55), 1, 5),
    Hazard.TSUNAMI: HazardInfo(Citation(56), 1, 5),
}


# --- Tropical depression, storm (Điều 42; kinds by force: Điều 5 khoản 6, 7) -------------


@dataclass(frozen=True)
class Forces:
    """Beaufort forces `low` to `high` inclusive; `high` None: and above."""

    low: int
    high: int | None = None

    def holds(self, force: int) -> bool:
        return force >= self.low and (self.high is None or force <= self.high)


@dataclass(frozen=True)
class StormRow:
    forces: Forces
    kind: str  # the Điều 5 name of a cyclone of these forces
    cells: dict[Region, Cell]


STORM_ARTICLE = Citation(42)
_R = Region
STORM_ROWS: tuple[StormRow, ...] = (
    # k1a names "áp thấp nhiệt đới, bão cấp 8, cấp 9" together; a depression is force 6–7.
    StormRow(
        Forces(6, 7),
        pgettext_lazy("tropical cyclone", "tropical depression"),
        {r: _cell(3, 42, 1, "a") for r in _R},
    ),
    StormRow(
        Forces(8, 9),
        pgettext_lazy("tropical cyclone", "storm"),
        {r: _cell(3, 42, 1, "a") for r in _R},
    ),
    StormRow(
        Forces(10, 11),
        pgettext_lazy("tropical cyclone", "strong storm"),
        {
            _R.EAST_SEA: _cell(3, 42, 1, "b"),
            _R.COASTAL_WATERS: _cell(3, 42, 1, "b"),
            _R.LAND_NORTHEAST_DELTA_CENTRAL: _cell(3, 42, 1, "b"),
            _R.LAND_NORTHWEST_HIGHLANDS_SOUTH_CENTRAL: _cell(3, 42, 1, "b"),
            _R.LAND_SOUTH: _cell(4, 42, 2, "a"),
        },
    ),
    StormRow(
        Forces(12, 13),
        pgettext_lazy("tropical cyclone", "very strong storm"),
        {
            _R.EAST_SEA: _cell(3, 42, 1, "c"),
            _R.COASTAL_WATERS: _cell(4, 42, 2, "b"),
            _R.LAND_NORTHEAST_DELTA_CENTRAL: _cell(4, 42, 2, "b"),
            _R.LAND_NORTHWEST_HIGHLANDS_SOUTH_CENTRAL: _cell(4, 42, 2, "b"),
            _R.LAND_SOUTH: _cell(5, 42, 3, "a"),
        },
    ),
    StormRow(
        Forces(14, 15),
        pgettext_lazy("tropical cyclone", "very strong storm"),
        {
            _R.EAST_SEA: _cell(4, 42, 2, "d"),
            _R.COASTAL_WATERS: _cell(4, 42, 2, "c"),
            _R.LAND_NORTHEAST_DELTA_CENTRAL: _cell(4, 42, 2, "c"),
            _R.LAND_NORTHWEST_HIGHLANDS_SOUTH_CENTRAL: _cell(5, 42, 3, "b"),
            _R.LAND_SOUTH: _cell(5, 42, 3, "b"),
        },
    ),
    StormRow(
        Forces(16, None),
        pgettext_lazy("tropical cyclone", "super typhoon"),
        {
            # k2d: "từ cấp 14 trở lên" over the East Sea also covers force 16 and above.
            _R.EAST_SEA: _cell(4, 42, 2, "d"),
            _R.COASTAL_WATERS: _cell(5, 42, 3, "c"),
            _R.LAND_NORTHEAST_DELTA_CENTRAL: _cell(5, 42, 3, "c"),
            _R.LAND_NORTHWEST_HIGHLANDS_SOUTH_CENTRAL: _cell(5, 42, 3, "c"),
            _R.LAND_SOUTH: _cell(5, 42, 3, "c"),
        },
    ),
)

REGION_PHRASES: dict[Region, str] = {
    _R.EAST_SEA: _("over the East Sea (incl. the Hoàng Sa and Trường Sa archipelagos)"),
    _R.COASTAL_WATERS: _("over the coastal waters"),
    _R.LAND_NORTHEAST_DELTA_CENTRAL: _(
        "over land in the North-East, Red River Delta, North Central and Mid-Central Coast"
    ),
    _R.LAND_NORTHWEST_HIGHLANDS_SOUTH_CENTRAL: _(
        "over land in the North-West, Việt Bắc, South Central Coast, Central Highlands"
    ),
    _R.LAND_SOUTH: _("over land in Southern Vietnam (Nam Bộ)"),
}


# --- Strong wind at sea (Điều 50) ---------------------------------------------------------

SEA_WIND_ARTICLE = Citation(50)
SEA_WIND_ROWS: dict[SeaArea, tuple[tuple[Forces, Cell], ...]] = {
    SeaArea.COASTAL: (
        (Forces(6, 6), _cell(2, 50, 1, "a")),
        (Forces(7), _cell(3, 50, 2, "a")),
    ),
    # Offshore force 6 is a strong wind (Điều 5 k5) but Điều 50 gives it no level.
    SeaArea.OFFSHORE: (
        (Forces(7, 8), _cell(2, 50, 1, "b")),
        (Forces(9), _cell(3, 50, 2, "b")),
    ),
}
SEA_AREA_PHRASES: dict[SeaArea, str] = {
    SeaArea.COASTAL: _("in the coastal waters"),
    SeaArea.OFFSHORE: _("in the offshore waters (incl. islands and archipelagos)"),
}


# --- Storm surge (Điều 43): total water level (surge + tide), per stretch of coast -------


@dataclass(frozen=True)
class Range:
    """Above `low` (or from it, if `low_inclusive`) up to `high` inclusive; `high` None:
    no upper end. The article's "từ trên 3 m đến 4 m" is Range(3, False, 4)."""

    low: Decimal
    low_inclusive: bool
    high: Decimal | None

    def holds(self, value: Decimal) -> bool:
        above = value >= self.low if self.low_inclusive else value > self.low
        return above and (self.high is None or value <= self.high)


def _range(low: str, high: str | None, *, from_: bool = False) -> Range:
    return Range(Decimal(low), from_, None if high is None else Decimal(high))


def _band(low, high, level, clause, point, *, from_=False) -> tuple[Range, Cell]:
    return _range(low, high, from_=from_), _cell(level, 43, clause, point)


_S = SurgeSegment
SURGE_ARTICLE = Citation(43)
SURGE_BANDS: dict[SurgeSegment, tuple[tuple[Range, Cell], ...]] = {
    _S.QUANG_NINH_THANH_HOA: (
        _band("3", "4", 2, 1, "c"),
        _band("4", "5", 3, 2, "c"),
        _band("5", "6", 4, 3, "c"),  # k3c: Quảng Ninh to Hà Tĩnh
        _band("6", None, 5, 4, "b"),  # k4b: Quảng Ninh to Hà Tĩnh
    ),
    _S.NGHE_AN_HA_TINH: (
        _band("2", "3", 2, 1, "b"),
        _band("3", "4", 3, 2, "b"),
        _band("4", "5", 4, 3, "b"),  # k3b: Nghệ An to Thừa Thiên Huế
        _band("5", "6", 4, 3, "c"),
        _band("6", None, 5, 4, "b"),
    ),
    _S.QUANG_BINH_THUA_THIEN_HUE: (
        _band("1", "2", 2, 1, "a", from_=True),  # k1a: "từ 1 m đến 2 m", Quảng Bình to Bình Định
        _band("2", "3", 3, 2, "a"),
        _band("3", "4", 4, 3, "a"),
        _band("4", "5", 4, 3, "b"),
        _band("5", None, 5, 4, "a"),
    ),
    _S.DA_NANG_BINH_DINH: (
        _band("1", "2", 2, 1, "a", from_=True),
        _band("2", "3", 3, 2, "a"),
        _band("3", None, 4, 3, "d"),
    ),
    _S.PHU_YEN_NINH_THUAN: (
        _band("2", "3", 2, 1, "b"),  # k1b: Phú Yên to Cà Mau
        _band("3", None, 3, 2, "d"),
    ),
    _S.BINH_THUAN_CA_MAU: (
        _band("2", "3", 2, 1, "b"),
        _band("3", "4", 3, 2, "b"),
        _band("4", None, 4, 3, "đ"),
    ),
    _S.CA_MAU_KIEN_GIANG: (
        _band("1", "2", 2, 1, "a", from_=True),
        _band("2", "3", 3, 2, "a"),
        _band("3", None, 4, 3, "d"),
    ),
}


# --- Heavy rain (Điều 44) -----------------------------------------------------------------

RAIN_ARTICLE = Citation(44)
# Amount bands, by the 24-hour total (the 12-hour alternative is in levels.py).
RAIN_100_200 = "100_200"
RAIN_200_400 = "200_400"
RAIN_OVER_400 = "over_400"
RAIN_AMOUNT_BANDS: dict[str, Range] = {
    RAIN_100_200: _range("100", "200", from_=True),
    RAIN_200_400: _range("200", "400"),
    RAIN_OVER_400: _range("400", None),
}
# k1–k3 also reach the 100–200 mm band with "từ 50 mm đến 100 mm trong 12 giờ".
RAIN_12H_100_200 = _range("50", "100", from_=True)
RAIN_AMOUNT_PHRASES: dict[str, str] = {
    RAIN_100_200: _("100–200 mm in 24 hours (or 50–100 mm in 12 hours)"),
    RAIN_200_400: _("over 200 to 400 mm in 24 hours"),
    RAIN_OVER_400: _("over 400 mm in 24 hours"),
}

# Duration bands: "từ 1 ngày đến 2 ngày", "từ trên 2 ngày đến 4 ngày", "trên 4 ngày".
DAYS_1_2 = "1_2"
DAYS_2_4 = "2_4"
DAYS_OVER_4 = "over_4"
RAIN_DURATION_BANDS: dict[str, Range] = {
    DAYS_1_2: _range("1", "2", from_=True),
    DAYS_2_4: _range("2", "4"),
    DAYS_OVER_4: _range("4", None),
}
RAIN_DURATION_PHRASES: dict[str, str] = {
    DAYS_1_2: _("1 to 2 days"),
    DAYS_2_4: _("over 2 to 4 days"),
    DAYS_OVER_4: _("over 4 days"),
}


@dataclass(frozen=True)
class RainCase:
    """One case of Điều 44 for one terrain: amount band × durations × extents → level."""

    cell: Cell
    amount: str
    terrain: Terrain
    durations: frozenset
    extents: frozenset


_MM, _DC = Terrain.MIDLAND_MOUNTAIN, Terrain.DELTA_COASTAL
_SMALL = frozenset({RainExtent.UNDER_HALF_OF_PROVINCE, RainExtent.NON_ADJACENT_PROVINCES})
_PROVINCE = frozenset({RainExtent.OVER_HALF_OF_PROVINCE})
_SEVERAL = frozenset({RainExtent.SEVERAL_PROVINCES})


def _case(level, clause, point, amount, terrain, durations, extents) -> RainCase:
    return RainCase(_cell(level, 44, clause, point), amount, terrain, frozenset(durations), extents)


RAIN_CASES: tuple[RainCase, ...] = (
    _case(1, 1, None, RAIN_100_200, _MM, {DAYS_1_2}, _SMALL),
    _case(1, 1, None, RAIN_100_200, _DC, {DAYS_1_2}, _SMALL),
    # k2a: over 2 to 4 days in midlands and mountains, over 2 days in the delta and coast.
    _case(2, 2, "a", RAIN_100_200, _MM, {DAYS_2_4}, _PROVINCE),
    _case(2, 2, "a", RAIN_100_200, _DC, {DAYS_2_4, DAYS_OVER_4}, _PROVINCE),
    _case(2, 2, "b", RAIN_200_400, _MM, {DAYS_1_2}, _PROVINCE),
    _case(2, 2, "b", RAIN_200_400, _DC, {DAYS_1_2}, _PROVINCE),
    _case(3, 3, "a", RAIN_100_200, _MM, {DAYS_OVER_4}, _SEVERAL),
    _case(3, 3, "b", RAIN_200_400, _MM, {DAYS_2_4}, _SEVERAL),
    _case(3, 3, "b", RAIN_200_400, _DC, {DAYS_2_4, DAYS_OVER_4}, _SEVERAL),
    _case(3, 3, "c", RAIN_OVER_400, _MM, {DAYS_1_2}, _SEVERAL),
    _case(3, 3, "c", RAIN_OVER_400, _DC, {DAYS_1_2, DAYS_2_4}, _SEVERAL),
    _case(4, 4, "a", RAIN_200_400, _MM, {DAYS_OVER_4}, _SEVERAL),
    # k4b: "từ trên 2 ngày" in midlands and mountains; over 4 days in the delta and coast.
    _case(4, 4, "b", RAIN_OVER_400, _MM, {DAYS_2_4, DAYS_OVER_4}, _SEVERAL),
    _case(4, 4, "b", RAIN_OVER_400, _DC, {DAYS_OVER_4}, _SEVERAL),
)


# --- River flood, inundation (Điều 45) ----------------------------------------------------


@dataclass(frozen=True)
class FloodBand:
    """From `anchor` + `offset` metres (strictly above it unless `inclusive`) upwards, up to
    the next band. The anchor names a threshold of the station (bd1, bd2, bd3, historic)."""

    key: str
    anchor: str
    offset: Decimal
    inclusive: bool
    phrase: str


_ZERO, _ONE, _POINT3 = Decimal(0), Decimal("1.0"), Decimal("0.3")
_BD1_BD2 = FloodBand("bd1_bd2", "bd1", _ZERO, True, _("from alarm level 1 to below alarm level 2"))
_BD2_BD3 = FloodBand("bd2_bd3", "bd2", _ZERO, True, _("from alarm level 2 to below alarm level 3"))
_BD3_BD3P1 = FloodBand(
    "bd3_bd3p1", "bd3", _ZERO, True, _("from alarm level 3 to below alarm level 3 + 1.0 m")
)
_BD3P1_UP = FloodBand("bd3p1_up", "bd3", _ONE, True, _("alarm level 3 + 1.0 m or above"))
_BD2_BD3P03 = FloodBand(
    "bd2_bd3p03", "bd2", _ZERO, True, _("from alarm level 2 to below alarm level 3 + 0.3 m")
)
_BD3P03_HISTORIC = FloodBand(
    "bd3p03_historic", "bd3", _POINT3, True, _("from alarm level 3 + 0.3 m to the historic flood")
)
# k5: "vượt lũ lịch sử", strictly above; the historic flood itself is still level 4.
_ABOVE_HISTORIC = FloodBand(
    "above_historic", "historic", _ZERO, False, _("above the historic flood")
)

FLOOD_ARTICLE = Citation(45)
FLOOD_ZONE_NUMBERS: dict[FloodZone, int] = {
    FloodZone.KV1: 1,
    FloodZone.KV2: 2,
    FloodZone.KV3: 3,
    FloodZone.KV4: 4,
}
# Lowest band first.
FLOOD_BANDS: dict[FloodZone, tuple[FloodBand, ...]] = {
    FloodZone.KV1: (_BD1_BD2, _BD2_BD3, _BD3_BD3P1, _BD3P1_UP),
    FloodZone.KV2: (_BD1_BD2, _BD2_BD3, _BD3_BD3P1, _BD3P1_UP),
    FloodZone.KV3: (_BD1_BD2, _BD2_BD3, _BD3_BD3P1, _BD3P1_UP),
    FloodZone.KV4: (_BD1_BD2, _BD2_BD3P03, _BD3P03_HISTORIC, _ABOVE_HISTORIC),
}

_K4, _K5 = Cell(4, Citation(45, 4)), Cell(5, Citation(45, 5))
# (several river basins?, zone) → band key → cell. Points a–c of k1–k3 and k4, k5 speak of
# "một lưu vực sông" or of no basin at all; points d of k2 and k3 of "nhiều lưu vực sông".
FLOOD_LEVELS: dict[tuple[bool, FloodZone], dict[str, Cell]] = {
    (False, FloodZone.KV1): {
        "bd1_bd2": _cell(1, 45, 1, "a"),
        "bd2_bd3": _cell(1, 45, 1, "b"),
        "bd3_bd3p1": _cell(2, 45, 2, "c"),
        "bd3p1_up": _cell(3, 45, 3, "c"),
    },
    (False, FloodZone.KV2): {
        "bd1_bd2": _cell(1, 45, 1, "a"),
        "bd2_bd3": _cell(2, 45, 2, "b"),
        "bd3_bd3p1": _cell(2, 45, 2, "c"),
        "bd3p1_up": _cell(3, 45, 3, "c"),
    },
    (False, FloodZone.KV3): {
        "bd1_bd2": _cell(1, 45, 1, "a"),
        "bd2_bd3": _cell(2, 45, 2, "b"),
        "bd3_bd3p1": _cell(3, 45, 3, "b"),  # k3b: "từ báo động 3 trở lên"
        "bd3p1_up": _cell(3, 45, 3, "b"),
    },
    (False, FloodZone.KV4): {
        "bd1_bd2": _cell(2, 45, 2, "a"),
        "bd2_bd3p03": _cell(3, 45, 3, "a"),
        "bd3p03_historic": _K4,
        "above_historic": _K5,
    },
    (True, FloodZone.KV1): {
        "bd1_bd2": _cell(2, 45, 2, "d"),
        "bd2_bd3": _cell(2, 45, 2, "d"),
        "bd3_bd3p1": _cell(3, 45, 3, "d"),
        "bd3p1_up": _cell(3, 45, 3, "c"),
    },
    (True, FloodZone.KV2): {
        "bd1_bd2": _cell(2, 45, 2, "d"),
        "bd2_bd3": _cell(3, 45, 3, "d"),
        "bd3_bd3p1": _cell(3, 45, 3, "d"),
        "bd3p1_up": _cell(3, 45, 3, "c"),
    },
    (True, FloodZone.KV3): {
        "bd1_bd2": _cell(2, 45, 2, "d"),
        "bd2_bd3": _cell(3, 45, 3, "d"),
        "bd3_bd3p1": _cell(3, 45, 3, "b"),
        "bd3p1_up": _cell(3, 45, 3, "b"),
    },
    (True, FloodZone.KV4): {
        "bd1_bd2": _cell(3, 45, 3, "d"),
        "bd2_bd3p03": _cell(3, 45, 3, "a"),
        "bd3p03_historic": _K4,
        "above_historic": _K5,
    },
}
FLOOD_DESIGN_FLOOD_RULE = Citation(45, 8)


# --- Who commands at each level (NĐ 66/2021/NĐ-CP Điều 7–11) -----------------------------


@dataclass(frozen=True)
class Command:
    commander: str
    citation: Citation  # where the commander's role is set
    ward_role: str  # what the ward's chairman does at that level
    ward_citation: Citation


def _nd66(article: int, clause: int) -> Citation:
    return Citation(article, clause, None, ND_66)


_WARD_FOLLOWS = _(
    "Carries out its level-1 duties, follows the orders from above, guides and organises "
    "evacuation to safe places."
)
# The texts still say district (cấp huyện); since 1 July 2025 there is none: where a rule
# sends something to the district, the recipient is configuration (today the city).
COMMAND: dict[int, Command] = {
    1: Command(
        _("The ward/commune People's Committee chairman, directly"),
        _nd66(7, 1),
        _(
            "Commands directly and mobilises the shock force, militia, residents and local "
            "supplies and means; asks the level above for help beyond the ward's capacity."
        ),
        _nd66(7, 1),
    ),
    2: Command(
        _("Chairman of the provincial/city People's Committee"),
        _nd66(8, 1),
        _WARD_FOLLOWS,
        _nd66(8, 3),
    ),
    3: Command(
        _(
            "National Steering Committee for Natural Disaster Prevention and Control "
            "(the provincial chairman commands in the province)"
        ),
        _nd66(9, 1),
        _WARD_FOLLOWS,
        _nd66(9, 5),
    ),
    4: Command(
        _("The Prime Minister (the provincial chairman commands in the province)"),
        _nd66(10, 1),
        _WARD_FOLLOWS,
        _nd66(10, 6),
    ),
    5: Command(
        _(
            "State of emergency: the President declares it on the Prime Minister's proposal; "
            "the law on states of emergency applies"
        ),
        _nd66(11, 1),
        _("Follows the law on states of emergency and the orders from above."),
        _nd66(11, 2),
    ),
}
