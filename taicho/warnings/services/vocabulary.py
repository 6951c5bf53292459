"""The words and codes alerts and bulletins are written in, as tables (no if-chains).

The Vietnamese words fill the templates' placeholders and the vi-VN CAP block whatever the
user's language; the English ones the optional en-US block. Keywords recognise the hazard and
the bulletin kind of an imported CAP message from its event and headline, folded (no
diacritics, lower case).
"""

import re
import unicodedata

from taicho.warnings.models import (
    OTHER_HAZARD,
    BulletinKind,
    HazardType,
    IssuerKind,
    ResponseType,
)

# hazard → (Vietnamese, English, CAP category)
HAZARDS: dict[str, tuple[str, str, str]] = {
    HazardType.STORM: ("bão", "storm", "Met"),
    HazardType.STORM_SURGE: ("nước dâng do bão", "storm surge", "Met"),
    HazardType.HEAVY_RAIN: ("mưa lớn", "heavy rain", "Met"),
    HazardType.FLOOD: ("lũ, ngập lụt", "flood", "Met"),
    HazardType.FLASH_FLOOD_LANDSLIDE: ("lũ quét, sạt lở đất", "flash flood, landslide", "Geo"),
    HazardType.HEAT: ("nắng nóng", "heatwave", "Met"),
    HazardType.DROUGHT: ("hạn hán", "drought", "Env"),
    HazardType.SALTWATER_INTRUSION: ("xâm nhập mặn", "saltwater intrusion", "Env"),
    HazardType.STRONG_WIND_AT_SEA: ("gió mạnh trên biển", "strong wind at sea", "Met"),
    HazardType.FOG: ("sương mù", "fog", "Met"),
    HazardType.WHIRLWIND_LIGHTNING_HAIL: ("lốc, sét, mưa đá", "whirlwind, lightning, hail", "Met"),
    HazardType.COLD_FROST: ("rét hại, sương muối", "damaging cold, frost", "Met"),
    HazardType.FOREST_FIRE: ("cháy rừng", "forest fire", "Fire"),
    HazardType.EARTHQUAKE: ("động đất", "earthquake", "Geo"),
    HazardType.TSUNAMI: ("sóng thần", "tsunami", "Geo"),
    OTHER_HAZARD: ("thiên tai", "hazard", "Other"),
}

# QĐ 18/2021 Điều 4: the names of the levels.
LEVEL_WORDS = {1: "nhỏ", 2: "trung bình", 3: "lớn", 4: "rất lớn", 5: "thảm họa"}

CAP_RESPONSE = {
    ResponseType.PREPARE: "Prepare",
    ResponseType.EVACUATE: "Evacuate",
    ResponseType.SHELTER: "Shelter",
    ResponseType.MONITOR: "Monitor",
    ResponseType.AVOID: "Avoid",
    ResponseType.EXECUTE: "Execute",
    ResponseType.ALL_CLEAR: "AllClear",
    ResponseType.NONE: "None",
}

# level → (urgency, severity, certainty) of the ward's CAP alerts.
CAP_GRADING = {
    1: ("Expected", "Minor", "Likely"),
    2: ("Expected", "Moderate", "Likely"),
    3: ("Expected", "Severe", "Likely"),
    4: ("Immediate", "Extreme", "Likely"),
    5: ("Immediate", "Extreme", "Likely"),
}
ALL_CLEAR_GRADING = ("Past", "Minor", "Observed")
# The parameter that carries the risk level in our CAP messages, read back on import.
LEVEL_PARAMETER = "cap_do_rui_ro"
WARD_GEOCODE = "ma_phuong_xa"

# Keywords of each hazard (lower case, with diacritics: "bão" is a storm, "báo" is not),
# most specific first (surge before storm, flash flood before flood). They match whole words;
# the first hazard one of whose keywords occurs wins.
HAZARD_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (HazardType.STORM_SURGE, ("nước dâng", "storm surge", "surge")),
    (HazardType.TSUNAMI, ("sóng thần", "tsunami")),
    (
        HazardType.FLASH_FLOOD_LANDSLIDE,
        ("lũ quét", "sạt lở", "sụt lún", "flash flood", "landslide"),
    ),
    (
        HazardType.STORM,
        ("bão", "áp thấp nhiệt đới", "atnđ", "typhoon", "tropical", "hurricane", "cyclone"),
    ),
    (HazardType.FLOOD, ("lũ", "ngập", "flood", "inundation")),
    (HazardType.HEAVY_RAIN, ("mưa lớn", "mưa to", "heavy rain", "rainfall", "rain")),
    (
        HazardType.WHIRLWIND_LIGHTNING_HAIL,
        ("lốc", "sét", "mưa đá", "thunderstorm", "tornado", "lightning", "hail"),
    ),
    (HazardType.STRONG_WIND_AT_SEA, ("gió mạnh trên biển", "gale", "strong wind")),
    (HazardType.HEAT, ("nắng nóng", "heat")),
    (HazardType.COLD_FROST, ("rét hại", "sương muối", "frost", "cold")),
    (HazardType.FOG, ("sương mù", "fog")),
    (HazardType.DROUGHT, ("hạn hán", "drought")),
    (HazardType.SALTWATER_INTRUSION, ("xâm nhập mặn", "saltwater", "salinity")),
    (HazardType.FOREST_FIRE, ("cháy rừng", "forest fire", "wildfire", "fire")),
    (HazardType.EARTHQUAKE, ("động đất", "earthquake")),
)

# Keywords of each bulletin kind (REGULATIONS §2), most specific first.
KIND_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (BulletinKind.DIRECTIVE, ("công điện",)),
    (BulletinKind.FLOOD_EMERGENCY, ("tin lũ khẩn cấp",)),
    (BulletinKind.FLOOD_WARNING, ("cảnh báo lũ",)),
    (BulletinKind.FLOOD, ("tin lũ",)),
    (BulletinKind.FINAL, ("tin cuối cùng",)),
    (BulletinKind.QUICK, ("tin nhanh",)),
    (BulletinKind.STORM_EMERGENCY, ("tin bão khẩn cấp", "tin áp thấp nhiệt đới khẩn cấp")),
    (BulletinKind.STORM_OVER_LAND, ("trên đất liền",)),
    (BulletinKind.STORM_NEAR_EAST_SEA, ("gần biển đông",)),
    (BulletinKind.STORM_ON_EAST_SEA, ("trên biển đông",)),
    (BulletinKind.FLASH_FLOOD_LANDSLIDE, ("lũ quét", "sạt lở")),
    (BulletinKind.INUNDATION, ("ngập lụt", "ngập úng")),
    (BulletinKind.HEAVY_RAIN, ("mưa lớn",)),
)


def _words(text: str) -> str:
    """Lower-case NFC words separated by single spaces, padded: for whole-word matching."""
    return " " + " ".join(re.findall(r"\w+", unicodedata.normalize("NFC", text.lower()))) + " "


def _first_match(table: tuple[tuple[str, tuple[str, ...]], ...], text: str) -> str | None:
    words = _words(text)
    for value, keywords in table:
        if any(f" {' '.join(_words(keyword).split())} " in words for keyword in keywords):
            return value
    return None


def recognise_hazard(text: str) -> str:
    return _first_match(HAZARD_KEYWORDS, text) or OTHER_HAZARD


def recognise_kind(text: str) -> str:
    return _first_match(KIND_KEYWORDS, text) or BulletinKind.OTHER


# Who may issue what with authority (REGULATIONS §2): the official forecasters, each for
# its own hazards; directives (công điện) from government bodies.
OFFICIAL_REMIT: dict[str, frozenset[str]] = {
    IssuerKind.NATIONAL_HYDROMET: frozenset(
        h
        for h in HAZARDS
        if h
        not in (HazardType.FOREST_FIRE, HazardType.EARTHQUAKE, HazardType.TSUNAMI, OTHER_HAZARD)
    ),
    IssuerKind.FORESTRY: frozenset({HazardType.FOREST_FIRE}),
    IssuerKind.GEOPHYSICS: frozenset({HazardType.EARTHQUAKE, HazardType.TSUNAMI}),
}
# The regional and provincial stations belong to the national hydro-meteorological service.
OFFICIAL_REMIT[IssuerKind.HYDROMET_STATION] = OFFICIAL_REMIT[IssuerKind.NATIONAL_HYDROMET]
DIRECTIVE_ISSUERS = frozenset({IssuerKind.GOVERNMENT})

# CAP senders known to belong to an official issuer (the end of the sender address). A
# deployment can extend or replace this with settings.TAICHO_WARNINGS_OFFICIAL_SENDERS.
OFFICIAL_SENDERS: dict[str, str] = {
    "nchmf.gov.vn": IssuerKind.NATIONAL_HYDROMET,
    "kttv.gov.vn": IssuerKind.NATIONAL_HYDROMET,
    "kiemlam.org.vn": IssuerKind.FORESTRY,
    "igp-vast.vn": IssuerKind.GEOPHYSICS,
}


def hazard_words(hazard_type: str) -> tuple[str, str, str]:
    return HAZARDS.get(hazard_type, HAZARDS[OTHER_HAZARD])


def is_authoritative(*, issuer_kind: str, hazard_type: str, kind: str) -> bool:
    if kind == BulletinKind.DIRECTIVE and issuer_kind in DIRECTIVE_ISSUERS:
        return True
    return hazard_type in OFFICIAL_REMIT.get(issuer_kind, frozenset())
