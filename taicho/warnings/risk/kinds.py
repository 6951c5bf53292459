"""The named categories a bulletin's figures fall into (Quyết định 18/2021/QĐ-TTg).

TextChoices so that later model fields and forms can offer the same values; no model here.
Place names are those of the 2021 text (provinces before the 2025 mergers): a stretch of
coast keeps its meaning after the mergers, only the province names on it changed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Hazard(models.TextChoices):
    """The hazard kinds that have a risk level, one per article (Điều 42–56)."""

    STORM = "storm", _("Tropical depression, storm")
    STORM_SURGE = "storm_surge", _("Storm surge")
    HEAVY_RAIN = "heavy_rain", _("Heavy rain")
    FLOOD = "flood", _("Flood, inundation")
    FLASH_FLOOD_LANDSLIDE = (
        "flash_flood_landslide",
        _("Flash flood, landslide, land subsidence due to heavy rain, floods or flows"),
    )
    HEAT = "heat", _("Heatwave")
    DROUGHT = "drought", _("Drought, or landslide and land subsidence due to drought")
    SALTWATER_INTRUSION = "saltwater_intrusion", _("Saltwater intrusion")
    STRONG_WIND_AT_SEA = "strong_wind_at_sea", _("Strong wind at sea")
    FOG = "fog", _("Fog")
    WHIRLWIND_LIGHTNING_HAIL = "whirlwind_lightning_hail", _("Whirlwind, lightning, hail")
    COLD_FROST = "cold_frost", _("Damaging cold, frost")
    FOREST_FIRE = "forest_fire", _("Forest fire from natural causes")
    EARTHQUAKE = "earthquake", _("Earthquake")
    TSUNAMI = "tsunami", _("Tsunami")


class Region(models.TextChoices):
    """Where a tropical depression or storm is active: the five columns of Điều 42."""

    EAST_SEA = "east_sea", _("East Sea (incl. the Hoàng Sa and Trường Sa archipelagos)")
    COASTAL_WATERS = "coastal_waters", _("Coastal waters")
    LAND_NORTHEAST_DELTA_CENTRAL = (
        "land_northeast_delta_central",
        _("Land: North-East, Red River Delta, North Central and Mid-Central Coast"),
    )
    LAND_NORTHWEST_HIGHLANDS_SOUTH_CENTRAL = (
        "land_northwest_highlands_south_central",
        _("Land: North-West, Việt Bắc, South Central Coast, Central Highlands"),
    )
    LAND_SOUTH = "land_south", _("Land: Southern Vietnam (Nam Bộ)")


class SeaArea(models.TextChoices):
    """Where a strong wind at sea blows (Điều 50)."""

    COASTAL = "coastal", _("Coastal waters")
    OFFSHORE = "offshore", _("Offshore waters (incl. islands and archipelagos)")


class SurgeSegment(models.TextChoices):
    """Stretches of coast with one storm-surge scale each (Điều 43).

    The article names overlapping ranges of provinces; these are the pieces on which one
    and the same set of its points applies. Cà Mau has two coasts, hence two segments.
    """

    QUANG_NINH_THANH_HOA = "quang_ninh_thanh_hoa", _("Quảng Ninh – Thanh Hóa")
    NGHE_AN_HA_TINH = "nghe_an_ha_tinh", _("Nghệ An – Hà Tĩnh")
    QUANG_BINH_THUA_THIEN_HUE = "quang_binh_thua_thien_hue", _("Quảng Bình – Thừa Thiên Huế")
    DA_NANG_BINH_DINH = "da_nang_binh_dinh", _("Đà Nẵng – Bình Định")
    PHU_YEN_NINH_THUAN = "phu_yen_ninh_thuan", _("Phú Yên – Ninh Thuận")
    BINH_THUAN_CA_MAU = "binh_thuan_ca_mau", _("Bình Thuận – Cà Mau (east coast)")
    CA_MAU_KIEN_GIANG = "ca_mau_kien_giang", _("Cà Mau – Kiên Giang (west coast)")


class FloodZone(models.TextChoices):
    """The zone of a hydrological station (khu vực 1–4; station list in Phụ lục XIII)."""

    KV1 = "kv1", _("Zone 1")
    KV2 = "kv2", _("Zone 2")
    KV3 = "kv3", _("Zone 3")
    KV4 = "kv4", _("Zone 4")


class Terrain(models.TextChoices):
    """The two kinds of area Điều 44 gives different durations for."""

    MIDLAND_MOUNTAIN = "midland_mountain", _("Midlands, mountains")
    DELTA_COASTAL = "delta_coastal", _("Delta, coast")


class RainExtent(models.TextChoices):
    """How far a heavy rain reaches, in the words of Điều 44."""

    UNDER_HALF_OF_PROVINCE = (
        "under_half_of_province",
        _("Under half of the districts/communes of one province"),
    )
    NON_ADJACENT_PROVINCES = "non_adjacent_provinces", _("Several non-adjacent provinces")
    OVER_HALF_OF_PROVINCE = (
        "over_half_of_province",
        _("Over half of the districts/communes of one province"),
    )
    SEVERAL_PROVINCES = "several_provinces", _("Several different provinces")
