"""A bulletin's figures, one small frozen record per hazard, checked when built.

Lengths and amounts become `Decimal` (from the number's written form), so that a level read
exactly at a threshold such as BĐ3 + 0.3 m falls in the band the article says, which binary
floats would get wrong (3.6 + 0.3 != 3.9).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum

from django.utils.translation import gettext as _

from .kinds import FloodZone, RainExtent, Region, SeaArea, SurgeSegment, Terrain
from .wording import metres

# Phụ lục III's Beaufort scale ends at force 17.
BEAUFORT_MAX = 17


class FigureError(ValueError):
    """A figure that cannot be assessed; `field` names it, for a form's error dict."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _decimal(field: str, value, *, minimum: Decimal | None = None) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise FigureError(field, _("Enter a number, not %(value)r.") % {"value": value})
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise FigureError(field, _("Enter a number, not %(value)r.") % {"value": value}) from None
    if not number.is_finite():
        raise FigureError(field, _("Enter a finite number, not %(value)s.") % {"value": value})
    if minimum is not None and number < minimum:
        raise FigureError(
            field,
            _("It cannot be below %(minimum)s (entered: %(value)s).")
            % {"minimum": minimum, "value": value},
        )
    return number


def _optional_decimal(field: str, value) -> Decimal | None:
    return None if value is None else _decimal(field, value)


def _beaufort(field: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= BEAUFORT_MAX:
        raise FigureError(
            field,
            _("Wind force must be a whole Beaufort level from 0 to %(max)d, not %(value)r.")
            % {"max": BEAUFORT_MAX, "value": value},
        )
    return value


def _choice[E: Enum](field: str, kind: type[E], value) -> E:
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(str(member.value) for member in kind)
        raise FigureError(
            field,
            _("Unknown value %(value)r; expected one of: %(choices)s.")
            % {"value": value, "choices": choices},
        ) from None


def _set(record, **values) -> None:
    # A frozen dataclass normalises its own fields once, in __post_init__.
    for name, value in values.items():
        object.__setattr__(record, name, value)


@dataclass(frozen=True)
class StormFigures:
    """A tropical depression or storm: strongest wind (Beaufort) and where it is active."""

    beaufort: int
    region: Region

    def __post_init__(self):
        _set(
            self,
            beaufort=_beaufort("beaufort", self.beaufort),
            region=_choice("region", Region, self.region),
        )


@dataclass(frozen=True)
class SurgeFigures:
    """Storm surge with the tide: the forecast total water level on a stretch of coast."""

    total_water_level_m: Decimal
    segment: SurgeSegment

    def __post_init__(self):
        _set(
            self,
            total_water_level_m=_decimal("total_water_level_m", self.total_water_level_m),
            segment=_choice("segment", SurgeSegment, self.segment),
        )


@dataclass(frozen=True)
class RainFigures:
    """Heavy rain: amount in 24 h (optionally in 12 h), how long it lasts, where, how far.

    `mm_12h` counts only for the 100–200 mm band, which Điều 44 also reaches with
    50–100 mm in 12 hours.
    """

    mm_24h: Decimal
    duration_days: Decimal
    terrain: Terrain
    extent: RainExtent
    mm_12h: Decimal | None = None

    def __post_init__(self):
        mm_24h = _decimal("mm_24h", self.mm_24h, minimum=Decimal(0))
        mm_12h = None
        if self.mm_12h is not None:
            mm_12h = _decimal("mm_12h", self.mm_12h, minimum=Decimal(0))
            if mm_12h > mm_24h:
                raise FigureError(
                    "mm_12h",
                    _("The 12-hour amount (%(mm_12h)s mm) cannot exceed the 24-hour amount.")
                    % {"mm_12h": self.mm_12h},
                )
        duration = _decimal("duration_days", self.duration_days, minimum=Decimal(0))
        if duration == 0:
            raise FigureError("duration_days", _("The duration must be more than zero days."))
        _set(
            self,
            mm_24h=mm_24h,
            mm_12h=mm_12h,
            duration_days=duration,
            terrain=_choice("terrain", Terrain, self.terrain),
            extent=_choice("extent", RainExtent, self.extent),
        )


@dataclass(frozen=True)
class FloodFigures:
    """A forecast flood peak at a hydrological station, with that station's thresholds.

    `several_basins`: the forecast covers several river basins (points d of Điều 45 k2, k3).
    `design_flood_m`: where flood-control works exist, the design flood replaces the
    historic flood (Điều 45 k8).
    """

    zone: FloodZone
    water_level_m: Decimal
    bd1: Decimal
    bd2: Decimal
    bd3: Decimal
    historic_flood_m: Decimal | None = None
    design_flood_m: Decimal | None = None
    several_basins: bool = False

    def __post_init__(self):
        bd1, bd2, bd3 = (_decimal(name, getattr(self, name)) for name in ("bd1", "bd2", "bd3"))
        if not bd1 < bd2 < bd3:
            raise FigureError(
                "bd2" if bd2 <= bd1 else "bd3",
                _("Alarm levels must rise: BĐ1 (%(bd1)s m) < BĐ2 (%(bd2)s m) < BĐ3 (%(bd3)s m).")
                % {"bd1": metres(bd1), "bd2": metres(bd2), "bd3": metres(bd3)},
            )
        if not isinstance(self.several_basins, bool):
            raise FigureError("several_basins", _("Answer yes or no."))
        _set(
            self,
            zone=_choice("zone", FloodZone, self.zone),
            water_level_m=_decimal("water_level_m", self.water_level_m),
            bd1=bd1,
            bd2=bd2,
            bd3=bd3,
            historic_flood_m=_optional_decimal("historic_flood_m", self.historic_flood_m),
            design_flood_m=_optional_decimal("design_flood_m", self.design_flood_m),
        )


@dataclass(frozen=True)
class SeaWindFigures:
    """A strong wind at sea: Beaufort force and whether coastal or offshore."""

    beaufort: int
    area: SeaArea

    def __post_init__(self):
        _set(
            self,
            beaufort=_beaufort("beaufort", self.beaufort),
            area=_choice("area", SeaArea, self.area),
        )
