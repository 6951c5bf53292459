"""Disaster risk levels (cấp độ rủi ro thiên tai, 1–5) from a bulletin's figures.

Pure and table-driven (Quyết định 18/2021/QĐ-TTg Điều 4, 42–45, 50; NĐ 66/2021 Điều 7–11):

    risk_level(StormFigures(beaufort=12, region=Region.LAND_NORTHEAST_DELTA_CENTRAL)).level == 4

No models, no database: the tables are in `tables.py`, each cell with its clause.
"""

from .combined import CombinedAssessment, combined_level
from .figures import (
    FigureError,
    FloodFigures,
    RainFigures,
    SeaWindFigures,
    StormFigures,
    SurgeFigures,
)
from .kinds import FloodZone, Hazard, RainExtent, Region, SeaArea, SurgeSegment, Terrain
from .levels import RiskAssessment, command_at, level_info, risk_level, stated_level
from .tables import COMMAND, HAZARDS, LEVELS, Citation

__all__ = [
    "COMMAND",
    "HAZARDS",
    "LEVELS",
    "Citation",
    "CombinedAssessment",
    "FigureError",
    "FloodFigures",
    "FloodZone",
    "Hazard",
    "RainExtent",
    "RainFigures",
    "Region",
    "RiskAssessment",
    "SeaArea",
    "SeaWindFigures",
    "StormFigures",
    "SurgeFigures",
    "SurgeSegment",
    "Terrain",
    "combined_level",
    "command_at",
    "level_info",
    "risk_level",
    "stated_level",
]
