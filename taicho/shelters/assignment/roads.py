"""Distances by road: a ward's road network (GeoJSON lines or OSM XML) as a sparse graph,
shortest paths with scipy.sparse.csgraph, and the road segments in the scenario's flooded
zones left out.

Roads are taken as two-way (people walk or ride out; one-way rules are not what limits an
evacuation). A household walks in a straight line to the nearest road node from which a
shelter can be reached — for a household inside a flooded zone, the nearest dry road out —
and a shelter is reached from its nearest road node; those walks are part of the distance,
and a walk longer than `snap_limit_m` means "no road route". Nodes are vertices with the same
coordinates to 1e-7 degree (about 1 cm), so lines that share a vertex are joined.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from django.utils.translation import gettext as _
from lxml import etree
from scipy.sparse import csr_array
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree
from shapely.geometry import shape

from .distances import Arcs, arcs_from_matrix, haversine_m, project
from .problem import AssignmentError

# Highway values that are not a usable road today.
NOT_ROADS = frozenset(
    {"proposed", "construction", "abandoned", "disused", "razed", "platform", "raceway"}
)
_GRID = 1e7  # node key: coordinates in 1e-7 degree
_SOURCES_AT_ONCE = 16  # shelters per dijkstra call (bounds the memory of its result)


@dataclass(frozen=True)
class RoadNetwork:
    lat: np.ndarray  # per node
    lon: np.ndarray
    start: np.ndarray  # per edge (undirected, start < end, no duplicates)
    end: np.ndarray
    length_m: np.ndarray

    @classmethod
    def from_lines(cls, lines: Sequence[np.ndarray]) -> "RoadNetwork":
        """From polylines, each an (n, 2) array of (lon, lat)."""
        lines = [line for line in lines if len(line) >= 2]
        if not lines:
            raise AssignmentError(_("The road network has no roads."), code="roads_empty")
        points = np.concatenate(lines)
        keys = np.rint(points * _GRID).astype(np.int64)
        unique, node = np.unique(keys, axis=0, return_inverse=True)
        node = node.ravel()
        lengths = np.fromiter((len(line) for line in lines), np.int64, len(lines))
        last_of_line = np.cumsum(lengths) - 1
        first = np.setdiff1d(np.arange(len(points) - 1), last_of_line)
        a, b = node[first], node[first + 1]
        a, b = np.minimum(a, b), np.maximum(a, b)
        lon, lat = unique[:, 0] / _GRID, unique[:, 1] / _GRID
        length = haversine_m(lat[a], lon[a], lat[b], lon[b])
        keep = a != b
        a, b, length = a[keep], b[keep], length[keep]
        order = np.lexsort((length, b, a))
        a, b, length = a[order], b[order], length[order]
        first_of_pair = np.concatenate([[True], (a[1:] != a[:-1]) | (b[1:] != b[:-1])])
        return cls(
            lat=lat,
            lon=lon,
            start=a[first_of_pair],
            end=b[first_of_pair],
            length_m=length[first_of_pair],
        )


def _checked_line(coordinates, where: str) -> np.ndarray:
    try:
        line = np.asarray(coordinates, dtype=np.float64)
    except (TypeError, ValueError):
        line = np.zeros((0, 0))
    valid = line.ndim == 2 and line.shape[0] >= 2 and line.shape[1] >= 2
    if valid:
        line = line[:, :2]
        valid = bool(np.isfinite(line).all()) and bool(
            (np.abs(line[:, 0]) <= 180).all() and (np.abs(line[:, 1]) <= 90).all()
        )
    if not valid:
        raise AssignmentError(
            _("The road network's %(where)s has invalid coordinates.") % {"where": where},
            code="roads_bad_coordinates",
        )
    return line


def _geometries(data: dict) -> list[tuple[dict, str]]:
    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "FeatureCollection":
        return [
            (feature.get("geometry") or {}, _("feature %(number)d") % {"number": number})
            for number, feature in enumerate(data.get("features") or [], start=1)
            if isinstance(feature, dict)
        ]
    if kind == "Feature":
        return [(data.get("geometry") or {}, _("feature %(number)d") % {"number": 1})]
    if kind == "GeometryCollection":
        return [
            (geometry, _("geometry %(number)d") % {"number": number})
            for number, geometry in enumerate(data.get("geometries") or [], start=1)
        ]
    return [(data, _("geometry %(number)d") % {"number": 1})]


def load_geojson(data: dict | str | bytes) -> RoadNetwork:
    """Roads from GeoJSON: every LineString and MultiLineString; other geometries are ignored."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except ValueError as error:
            raise AssignmentError(
                _("The road file is not valid GeoJSON: %(error)s") % {"error": error},
                code="roads_bad_file",
            ) from error
    lines = []
    for geometry, where in _geometries(data):
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if kind == "LineString":
            lines.append(_checked_line(geometry.get("coordinates"), where))
        elif kind == "MultiLineString":
            lines.extend(_checked_line(part, where) for part in geometry.get("coordinates") or [])
    return RoadNetwork.from_lines(lines)


def _hardened_parser() -> etree.XMLParser:
    # No entity expansion, no DTD, no network: a road file cannot read local files or explode.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def load_osm_xml(data: bytes | str) -> RoadNetwork:
    """Roads from an OSM XML extract: the ways tagged `highway` (but not NOT_ROADS, nor areas)."""
    if isinstance(data, str):
        data = data.encode()
    try:
        root = etree.fromstring(data, _hardened_parser())
    except etree.XMLSyntaxError as error:
        raise AssignmentError(
            _("The road file is not valid OSM XML: %(error)s") % {"error": error},
            code="roads_bad_file",
        ) from error
    if root.tag != "osm":
        raise AssignmentError(
            _("The road file is not OSM XML (its root element is not <osm>)."),
            code="roads_bad_file",
        )
    nodes = {}
    for element in root.iterchildren("node"):
        try:
            lat, lon = float(element.get("lat")), float(element.get("lon"))
        except (TypeError, ValueError):
            continue
        if abs(lat) <= 90 and abs(lon) <= 180:
            nodes[element.get("id")] = (lon, lat)
    lines = []
    for way in root.iterchildren("way"):
        tags = {tag.get("k"): tag.get("v") for tag in way.iterchildren("tag")}
        if "highway" not in tags or tags["highway"] in NOT_ROADS or tags.get("area") == "yes":
            continue
        line: list[tuple[float, float]] = []
        for reference in way.iterchildren("nd"):
            point = nodes.get(reference.get("ref"))
            if point is None:  # a node outside the extract: the way is cut there
                lines.append(np.array(line))
                line = []
            else:
                line.append(point)
        lines.append(np.array(line))
    return RoadNetwork.from_lines([line for line in lines if len(line) >= 2])


def load_road_network(data: bytes | str) -> RoadNetwork:
    """GeoJSON or OSM XML, told apart by the first character."""
    text = data.lstrip()
    first = text[:1] if isinstance(text, str) else text[:1].decode(errors="replace")
    return load_osm_xml(data) if first == "<" else load_geojson(data)


def _as_geometry(area):
    if hasattr(area, "geom_type"):
        return area
    try:
        return shape(area)
    except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.GEOSException) as error:
        raise AssignmentError(
            _("A flooded zone is not a valid GeoJSON geometry."), code="flooded_bad_geometry"
        ) from error


def flooded_edges(network: RoadNetwork, flooded: Sequence) -> np.ndarray:
    """Per edge: does its segment touch a flooded zone (GeoJSON or shapely, lon/lat)?"""
    hit = np.zeros(len(network.start), bool)
    zones = [_as_geometry(area) for area in flooded]
    if not zones or not len(hit):
        return hit
    ends = np.stack(
        [
            np.column_stack([network.lon[network.start], network.lat[network.start]]),
            np.column_stack([network.lon[network.end], network.lat[network.end]]),
        ],
        axis=1,
    )
    segments = shapely.linestrings(ends)
    pairs = shapely.STRtree(segments).query(zones, predicate="intersects")
    hit[pairs[1]] = True
    return hit


def road_arcs(
    network: RoadNetwork,
    *,
    households: tuple[np.ndarray, np.ndarray],
    shelters: tuple[np.ndarray, np.ndarray],
    shelter_names: list[str],
    flooded: Sequence = (),
    k: int | None,
    snap_limit_m: float = 1_000.0,
) -> tuple[Arcs, list[str]]:
    """Candidate arcs by road distance (k nearest by road, or all when `k` is None) and the
    warnings to show (shelters inside a flooded zone or far from any usable road).
    `households` and `shelters` are (lat, lon) arrays."""
    warnings: list[str] = []
    centre = (
        float(np.concatenate([households[0], shelters[0]]).mean()),
        float(np.concatenate([households[1], shelters[1]]).mean()),
    )
    households_xy = project(*households, centre=centre)
    shelters_xy = project(*shelters, centre=centre)
    dry = ~flooded_edges(network, flooded)
    start, end, length = network.start[dry], network.end[dry], network.length_m[dry]
    node_count = len(network.lat)
    # 32-bit indices: csgraph before SciPy 1.15 accepts no other.
    rows = np.concatenate([start, end]).astype(np.int32)
    columns = np.concatenate([end, start]).astype(np.int32)
    graph = csr_array(
        (np.concatenate([length, length]), (rows, columns)), shape=(node_count, node_count)
    )
    graph.indices = graph.indices.astype(np.int32)
    graph.indptr = graph.indptr.astype(np.int32)
    on_road = np.flatnonzero(np.bincount(np.concatenate([start, end]), minlength=node_count) > 0)
    if not len(on_road):
        raise AssignmentError(
            _("Every road of the network is inside the flooded zones: no route is left."),
            code="roads_all_flooded",
        )
    _count, component = connected_components(graph, directed=False)
    nodes_xy = project(network.lat, network.lon, centre=centre)
    shelter_walk, position = cKDTree(nodes_xy[on_road]).query(shelters_xy)
    shelter_node = on_road[position]
    for index in np.flatnonzero(shelter_walk > snap_limit_m):
        warnings.append(
            _(
                "Shelter “%(shelter)s” is %(metres)d m from the nearest usable road: it "
                "cannot be reached by road."
            )
            % {"shelter": shelter_names[index], "metres": int(shelter_walk[index])}
        )
    for index in _inside(flooded, lat=shelters[0], lon=shelters[1]):
        warnings.append(
            _("Shelter “%(shelter)s” is inside a flooded zone of the scenario.")
            % {"shelter": shelter_names[index]}
        )
    reachable = on_road[
        np.isin(component[on_road], component[shelter_node[shelter_walk <= snap_limit_m]])
    ]
    if not len(reachable):
        reachable = on_road
    household_walk, position = cKDTree(nodes_xy[reachable]).query(households_xy)
    household_node = reachable[position]
    sources, source_of = np.unique(shelter_node, return_inverse=True)
    targets, target_of = np.unique(household_node, return_inverse=True)
    paths = np.empty((len(sources), len(targets)))
    for first in range(0, len(sources), _SOURCES_AT_ONCE):
        chunk = sources[first : first + _SOURCES_AT_ONCE]
        paths[first : first + len(chunk)] = dijkstra(graph, indices=chunk)[:, targets]
    by_shelter = paths[source_of.ravel()]
    shelter_extra = np.where(shelter_walk <= snap_limit_m, shelter_walk, np.inf)
    household_extra = np.where(household_walk <= snap_limit_m, household_walk, np.inf)

    def costs_of(rows: np.ndarray) -> np.ndarray:
        return (
            household_extra[rows, None] + by_shelter[:, target_of.ravel()[rows]].T + shelter_extra
        )

    arcs = arcs_from_matrix(costs_of, len(households_xy), len(shelters_xy), k=k, metric="road")
    return arcs, warnings


def _inside(flooded: Sequence, *, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Indices of the points inside any flooded zone."""
    inside = np.zeros(len(lat), bool)
    for zone in (_as_geometry(area) for area in flooded):
        inside |= shapely.contains_xy(zone, lon, lat)
    return np.flatnonzero(inside)


def route(
    network: RoadNetwork,
    *,
    start: tuple[float, float],
    end: tuple[float, float],
    closed: Sequence | None = None,
    snap_limit_m: float = 1_000.0,
) -> list[tuple[float, float]] | None:
    """The shortest road path from `start` to `end` (each (lat, lon)) as (lat, lon) points,
    from `start` itself through the road nodes to `end` itself; the roads in the `closed`
    zones (flooded zones, GeoJSON or shapely, lon/lat) are left out. Both ends are snapped as
    road_arcs does: `end` to its nearest usable node, `start` to its nearest usable node from
    which `end` can be reached (the dry road out of a flooded zone). None when either walk is
    longer than `snap_limit_m` or no road joins them."""
    dry = ~flooded_edges(network, closed or ())
    first, last, length = network.start[dry], network.end[dry], network.length_m[dry]
    node_count = len(network.lat)
    on_road = np.flatnonzero(np.bincount(np.concatenate([first, last]), minlength=node_count) > 0)
    if not len(on_road):
        return None
    # 32-bit indices: csgraph before SciPy 1.15 accepts no other.
    graph = csr_array(
        (
            np.concatenate([length, length]),
            (np.concatenate([first, last]).astype(np.int32), np.concatenate([last, first])),
        ),
        shape=(node_count, node_count),
    )
    graph.indices = graph.indices.astype(np.int32)
    graph.indptr = graph.indptr.astype(np.int32)
    centre = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    nodes_xy = project(network.lat, network.lon, centre=centre)
    end_xy, start_xy = project(
        np.array([end[0], start[0]]), np.array([end[1], start[1]]), centre=centre
    )
    end_walk, position = cKDTree(nodes_xy[on_road]).query(end_xy)
    end_node = on_road[position]
    _count, component = connected_components(graph, directed=False)
    reachable = on_road[component[on_road] == component[end_node]]
    start_walk, position = cKDTree(nodes_xy[reachable]).query(start_xy)
    start_node = reachable[position]
    if max(start_walk, end_walk) > snap_limit_m:
        return None
    distances, predecessors = dijkstra(graph, indices=start_node, return_predecessors=True)
    if not np.isfinite(distances[end_node]):
        return None
    path = [int(end_node)]
    while path[-1] != start_node:
        path.append(int(predecessors[path[-1]]))
    path.reverse()
    points = [(float(network.lat[node]), float(network.lon[node])) for node in path]
    return [tuple(start), *points, tuple(end)]
