"""How the warnings pages show things: level badges, a bulletin's figures, an alert's areas.

Pure presentation helpers shared by the ward pages and the public pages; the figure fields
follow the risk module's records (taicho.warnings.risk.figures), so a new figure shows up
here and in the typed-bulletin form without a change elsewhere, once it has a label below.
"""

import dataclasses
import types
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.warnings.risk import LEVELS
from taicho.warnings.services.levels import FIGURE_RECORDS

# Readable text on each level's colour (light blue, light yellow, orange: dark ink).
LEVEL_INK = {1: "#1d2733", 2: "#1d2733", 3: "#1d2733", 4: "#ffffff", 5: "#ffffff"}

FIGURE_LABELS = {
    "beaufort": gettext_lazy("Strongest wind (Beaufort level)"),
    "region": gettext_lazy("Where the storm is active"),
    "area": gettext_lazy("Where at sea"),
    "total_water_level_m": gettext_lazy("Total water level, surge with tide (m)"),
    "segment": gettext_lazy("Stretch of coast"),
    "mm_24h": gettext_lazy("Rain in 24 hours (mm)"),
    "mm_12h": gettext_lazy("Rain in 12 hours (mm)"),
    "duration_days": gettext_lazy("Duration (days)"),
    "terrain": gettext_lazy("Terrain"),
    "extent": gettext_lazy("Extent"),
    "zone": gettext_lazy("Station zone (KV1–4)"),
    "water_level_m": gettext_lazy("Forecast water level at the station (m)"),
    "bd1": gettext_lazy("Alarm level BĐ1 of the station (m)"),
    "bd2": gettext_lazy("Alarm level BĐ2 of the station (m)"),
    "bd3": gettext_lazy("Alarm level BĐ3 of the station (m)"),
    "historic_flood_m": gettext_lazy("Historic flood level (m)"),
    "design_flood_m": gettext_lazy("Design flood level, where flood works exist (m)"),
    "several_basins": gettext_lazy("The forecast covers several river basins"),
}


@dataclass(frozen=True)
class Badge:
    number: int
    name: str
    colour: str
    ink: str


def level_badge(level: int | None) -> Badge | None:
    info = LEVELS.get(level)
    if info is None:
        return None
    return Badge(level, str(info.name), info.css_colour, LEVEL_INK[level])


@dataclass(frozen=True)
class FigureSpec:
    """One figure of a hazard's record: its name, base type, whether it may be left out."""

    name: str
    kind: type
    optional: bool

    @property
    def label(self) -> str:
        return str(FIGURE_LABELS.get(self.name, self.name))

    @property
    def choices(self) -> list[tuple[str, str]] | None:
        if isinstance(self.kind, type) and issubclass(self.kind, models.Choices):
            return list(self.kind.choices)
        return None


def _base(annotation) -> tuple[type, bool]:
    """(type, optional) of a field annotation such as `Decimal | None`."""
    if isinstance(annotation, types.UnionType):
        kinds = [arg for arg in annotation.__args__ if arg is not type(None)]
        return kinds[0], len(kinds) < len(annotation.__args__)
    return annotation, False


def figure_specs(hazard_type: str) -> list[FigureSpec]:
    """The figures a hazard's bulletin carries (empty: its level is stated, not computed)."""
    record = FIGURE_RECORDS.get(hazard_type)
    if record is None:
        return []
    specs = []
    for field in dataclasses.fields(record):
        kind, optional = _base(field.type)
        has_default = field.default is not dataclasses.MISSING
        specs.append(FigureSpec(field.name, kind, optional or has_default))
    return specs


def _value(spec: FigureSpec, value) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if spec.choices is not None:
        return str(dict(spec.choices).get(value, value))
    if isinstance(value, Enum):
        return str(value.value)
    if spec.kind is Decimal:
        try:
            return number_format(Decimal(str(value)))
        except ArithmeticError:
            return str(value)
    return str(value)


def figure_rows(hazard_type: str, figures: dict) -> list[tuple[str, str]]:
    """(label, value) of a bulletin's stored figures, in the record's order."""
    figures = figures or {}
    rows = [
        (spec.label, _value(spec, figures[spec.name]))
        for spec in figure_specs(hazard_type)
        if spec.name in figures
    ]
    known = {spec.name for spec in figure_specs(hazard_type)}
    rows += [(name, str(value)) for name, value in figures.items() if name not in known]
    return rows


def area_texts(alert, *, zones=None, groups=None) -> list[str]:
    """Whom an alert is for, in words: the whole ward, zone names, group names, the drawn area."""
    texts = []
    if alert.whole_ward:
        texts.append(_("the whole ward"))
    zones = list(alert.target_zones.all()) if zones is None else zones
    groups = list(alert.target_groups.all()) if groups is None else groups
    texts += [zone.name for zone in zones]
    texts += [group.name for group in groups]
    if alert.area_geometry:
        texts.append(_("an area drawn on the map"))
    return texts
