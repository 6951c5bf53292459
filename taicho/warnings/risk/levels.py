"""Risk level (cấp độ rủi ro thiên tai) of one hazard from a bulletin's figures.

`risk_level(figures)` looks the figures' type up in `EVALUATORS` and reads the article's
table (tables.py). Each evaluator only finds the cell; the explanation is built the same
way for every hazard. A combination the article has no case for gives level None with the
reason, never a guessed level.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from . import tables as t
from .figures import (
    FigureError,
    FloodFigures,
    RainFigures,
    SeaWindFigures,
    StormFigures,
    SurgeFigures,
)
from .kinds import Hazard
from .wording import basis, cite, forces_phrase, metres, number, range_phrase, table_ref


@dataclass(frozen=True)
class RiskAssessment:
    """The level (None: the article gives none), in words, with the clause it comes from."""

    level: int | None
    hazard: Hazard
    basis: str
    table_ref: str
    citation: t.Citation
    figures: object = None

    @property
    def info(self) -> t.LevelInfo | None:
        return t.LEVELS.get(self.level)


@dataclass(frozen=True)
class _Outcome:
    cell: t.Cell | None
    situation: str
    reason: str = ""


@dataclass(frozen=True)
class Evaluator:
    hazard: Hazard
    article: t.Citation
    assess: Callable[..., _Outcome]


def _storm(figures: StormFigures) -> _Outcome:
    where = str(t.REGION_PHRASES[figures.region])
    row = next((r for r in t.STORM_ROWS if r.forces.holds(figures.beaufort)), None)
    if row is None:  # below force 6: not a tropical cyclone that Điều 42 knows
        situation = _("wind of force %(force)d %(where)s") % {
            "force": figures.beaufort,
            "where": where,
        }
        reason = _("below a tropical depression (force %(force)d, Article 5(6))") % {
            "force": t.STORM_ROWS[0].forces.low
        }
        return _Outcome(None, situation, reason)
    situation = _("%(kind)s of force %(force)d (forces %(row)s) %(where)s") % {
        "kind": row.kind,
        "force": figures.beaufort,
        "row": forces_phrase(row.forces),
        "where": where,
    }
    return _Outcome(row.cells[figures.region], situation)


def _sea_wind(figures: SeaWindFigures) -> _Outcome:
    rows = t.SEA_WIND_ROWS[figures.area]
    values = {"force": figures.beaufort, "where": t.SEA_AREA_PHRASES[figures.area]}
    for forces, cell in rows:
        if forces.holds(figures.beaufort):
            values["row"] = forces_phrase(forces)
            return _Outcome(cell, _("wind of force %(force)d (forces %(row)s) %(where)s") % values)
    reason = _("below force %(force)d, the lowest that has a level there") % {
        "force": rows[0][0].low
    }
    return _Outcome(None, _("wind of force %(force)d %(where)s") % values, reason)


def _surge(figures: SurgeFigures) -> _Outcome:
    bands = t.SURGE_BANDS[figures.segment]
    values = {
        "level": metres(figures.total_water_level_m),
        "segment": t.SurgeSegment(figures.segment).label,
    }
    for span, cell in bands:
        if span.holds(figures.total_water_level_m):
            values["range"] = range_phrase(span, "m")
            situation = _(
                "total water level (surge with tide) %(level)s m (%(range)s) "
                "on the coast %(segment)s"
            )
            return _Outcome(cell, situation % values)
    situation = _("total water level (surge with tide) %(level)s m on the coast %(segment)s")
    reason = _("below the lowest range of Article 43 for this coast (%(range)s)") % {
        "range": range_phrase(bands[0][0], "m")
    }
    return _Outcome(None, situation % values, reason)


def _rain_index() -> dict[tuple, t.Cell]:
    index: dict[tuple, t.Cell] = {}
    for case in t.RAIN_CASES:
        for duration in case.durations:
            for extent in case.extents:
                key = (case.amount, case.terrain, duration, extent)
                if key in index:  # two points of Điều 44 may not claim the same situation
                    raise RuntimeError(f"Điều 44 table: {key} appears twice")
                index[key] = case.cell
    return index


RAIN_INDEX = _rain_index()


def _first_holding(bands: dict, value: Decimal) -> str | None:
    return next((key for key, span in bands.items() if span.holds(value)), None)


def _rain(figures: RainFigures) -> _Outcome:
    amount = _first_holding(t.RAIN_AMOUNT_BANDS, figures.mm_24h)
    if amount is None and figures.mm_12h is not None and t.RAIN_12H_100_200.holds(figures.mm_12h):
        amount = t.RAIN_100_200
    duration = _first_holding(t.RAIN_DURATION_BANDS, figures.duration_days)
    values = {
        "mm": number(figures.mm_24h),
        "days": number(figures.duration_days),
        "terrain": figures.terrain.label,
        "extent": figures.extent.label,
    }
    situation = (
        _(
            "rain of %(mm)s mm in 24 hours lasting %(days)s day(s); area: %(terrain)s; "
            "extent: %(extent)s"
        )
        % values
    )
    if amount is None:
        reason = _(
            "less than the lowest amount of Article 44 (100 mm in 24 hours or 50 mm in 12 hours)"
        )
        return _Outcome(None, situation, reason)
    if duration is None:
        return _Outcome(None, situation, _("Article 44 counts durations from 1 day"))
    values["amount"] = t.RAIN_AMOUNT_PHRASES[amount]
    values["duration"] = t.RAIN_DURATION_PHRASES[duration]
    situation = (
        _(
            "rain of %(mm)s mm in 24 hours (%(amount)s) lasting %(days)s day(s) (%(duration)s); "
            "area: %(terrain)s; extent: %(extent)s"
        )
        % values
    )
    cell = RAIN_INDEX.get((amount, figures.terrain, duration, figures.extent))
    if cell is None:
        return _Outcome(None, situation, _("no case of Article 44 covers this combination"))
    return _Outcome(cell, situation)


def _flood_band(figures: FloodFigures, flood_peak: Decimal | None) -> t.FloodBand | None:
    """The highest band whose lower edge the water reaches; None below BĐ1."""
    anchors = {"bd1": figures.bd1, "bd2": figures.bd2, "bd3": figures.bd3, "historic": flood_peak}
    bands = t.FLOOD_BANDS[figures.zone]
    for position in range(len(bands) - 1, -1, -1):
        band = bands[position]
        anchor = anchors[band.anchor]
        if anchor is None:
            continue
        edge = anchor + band.offset
        if figures.water_level_m > edge or (band.inclusive and figures.water_level_m == edge):
            above = bands[position + 1] if position + 1 < len(bands) else None
            if above is not None and anchors[above.anchor] is None:
                # Between BĐ3 + 0.3 m and the unknown historic flood: level 4 or 5?
                raise FigureError(
                    "historic_flood_m",
                    _(
                        "At a zone 4 station from alarm level 3 + 0.3 m up, the level "
                        "depends on the station's historic (or design) flood: enter it."
                    ),
                )
            return band
    return None


def _flood(figures: FloodFigures) -> _Outcome:
    peak = figures.historic_flood_m
    if figures.design_flood_m is not None:
        peak = figures.design_flood_m
    thresholds = [
        _("alarm level %(n)d: %(m)s m") % {"n": n, "m": metres(value)}
        for n, value in ((1, figures.bd1), (2, figures.bd2), (3, figures.bd3))
    ]
    if figures.design_flood_m is not None:
        thresholds.append(_("design flood: %(m)s m") % {"m": metres(figures.design_flood_m)})
    elif figures.historic_flood_m is not None:
        thresholds.append(_("historic flood: %(m)s m") % {"m": metres(figures.historic_flood_m)})
    values = {
        "level": metres(figures.water_level_m),
        "zone": t.FLOOD_ZONE_NUMBERS[figures.zone],
        "thresholds": ", ".join(thresholds),
        "basins": _("on several river basins")
        if figures.several_basins
        else _("on one river basin"),
    }
    band = _flood_band(figures, peak)
    if band is None:
        situation = (
            _("flood level %(level)s m at a zone %(zone)d station (%(thresholds)s) %(basins)s")
            % values
        )
        return _Outcome(None, situation, _("below alarm level 1"))
    values["band"] = band.phrase
    situation = (
        _(
            "flood level %(level)s m at a zone %(zone)d station, %(band)s (%(thresholds)s) "
            "%(basins)s"
        )
        % values
    )
    if figures.design_flood_m is not None and band.key in ("bd3p03_historic", "above_historic"):
        situation += "; " + _(
            "the design flood stands for the historic flood where flood-control works exist "
            "(%(citation)s)"
        ) % {"citation": cite(t.FLOOD_DESIGN_FLOOD_RULE)}
    return _Outcome(t.FLOOD_LEVELS[(figures.several_basins, figures.zone)][band.key], situation)


# One entry per kind of figures: adding a hazard adds a line here, not a branch elsewhere.
EVALUATORS: dict[type, Evaluator] = {
    StormFigures: Evaluator(Hazard.STORM, t.STORM_ARTICLE, _storm),
    SurgeFigures: Evaluator(Hazard.STORM_SURGE, t.SURGE_ARTICLE, _surge),
    RainFigures: Evaluator(Hazard.HEAVY_RAIN, t.RAIN_ARTICLE, _rain),
    FloodFigures: Evaluator(Hazard.FLOOD, t.FLOOD_ARTICLE, _flood),
    SeaWindFigures: Evaluator(Hazard.STRONG_WIND_AT_SEA, t.SEA_WIND_ARTICLE, _sea_wind),
}


def risk_level(figures) -> RiskAssessment:
    """The risk level of one hazard as Quyết định 18/2021/QĐ-TTg sets it for these figures.

    Raises FigureError (a ValueError naming the field) when the figures cannot be assessed,
    TypeError for an object that is not one of the figures records.
    """
    evaluator = EVALUATORS.get(type(figures))
    if evaluator is None:
        kinds = ", ".join(kind.__name__ for kind in EVALUATORS)
        raise TypeError(f"risk_level() takes one of {kinds}, not {type(figures).__name__}")
    outcome = evaluator.assess(figures)
    citation = outcome.cell.citation if outcome.cell else evaluator.article
    level = outcome.cell.level if outcome.cell else None
    return RiskAssessment(
        level=level,
        hazard=evaluator.hazard,
        basis=basis(citation, outcome.situation, level, outcome.reason),
        table_ref=table_ref(evaluator.article),
        citation=citation,
        figures=figures,
    )


def stated_level(*, hazard: Hazard | str, level: int) -> RiskAssessment:
    """A level that a bulletin states for a hazard this module does not compute (heat,
    drought, …), checked against the levels that hazard's article can reach."""
    try:
        hazard = Hazard(hazard)
    except ValueError:
        raise FigureError("hazard", _("Unknown hazard %(value)r.") % {"value": hazard}) from None
    info = t.HAZARDS[hazard]
    if (
        isinstance(level, bool)
        or not isinstance(level, int)
        or not info.lowest <= level <= info.highest
    ):
        raise FigureError(
            "level",
            _("Under %(article)s the level is %(lowest)d to %(highest)d, not %(level)r.")
            % {
                "article": cite(info.citation),
                "lowest": info.lowest,
                "highest": info.highest,
                "level": level,
            },
        )
    situation = _("%(hazard)s, level stated in the bulletin") % {"hazard": hazard.label}
    return RiskAssessment(
        level=level,
        hazard=hazard,
        basis=basis(info.citation, situation, level),
        table_ref=table_ref(info.citation),
        citation=info.citation,
    )


def level_info(level: int) -> t.LevelInfo:
    if level not in t.LEVELS:
        raise FigureError("level", _("A risk level is 1 to 5, not %(level)r.") % {"level": level})
    return t.LEVELS[level]


def command_at(level: int) -> t.Command:
    """Who commands the response at a level (NĐ 66/2021/NĐ-CP Điều 7–11)."""
    level_info(level)
    return t.COMMAND[level]
