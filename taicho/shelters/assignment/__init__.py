"""Shelter assignment: every evacuating household, whole, to a shelter within its capacity, at
the least total distance (straight line, or by road around the flooded zones). A pure engine:
dataclasses and numpy in, an AssignmentResult out; no models, no database."""

from .problem import AssignmentError, Household, Options, Shelter
from .result import AssignmentResult, GroupShortfall, Placement, ShelterLoad
from .roads import RoadNetwork, load_geojson, load_osm_xml, load_road_network
from .solver import assign_households

__all__ = [
    "AssignmentError",
    "AssignmentResult",
    "GroupShortfall",
    "Household",
    "Options",
    "Placement",
    "RoadNetwork",
    "Shelter",
    "ShelterLoad",
    "assign_households",
    "load_geojson",
    "load_osm_xml",
    "load_road_network",
]
