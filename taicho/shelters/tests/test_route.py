"""The way by road: the shortest path around closed roads, and the public lookup drawing it
on its map when the ward has loaded its roads (a straight line otherwise)."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.shelters.assignment.roads import load_geojson, route
from taicho.shelters.evacuations import evacuation_start
from taicho.shelters.roads_store import road_network_load
from taicho.shelters.tests.evacuation_data import PHONE_A1, build_world

STEP = 0.002
EAST = CENTRE_LON + 0.005


def _road(*points):
    return {"type": "Feature", "geometry": {"type": "LineString", "coordinates": list(points)}}


def _grid(size: int = 3) -> dict:
    lons = [CENTRE_LON + STEP * i for i in range(size)]
    lats = [CENTRE_LAT + STEP * i for i in range(size)]
    roads = [_road(*[[lon, lat] for lon in lons]) for lat in lats]
    roads += [_road(*[[lon, lat] for lat in lats]) for lon in lons]
    return {"type": "FeatureCollection", "features": roads}


def _u_roads() -> bytes:
    """From household A1-01 (just north of the centre) east, north and back west to the
    school (0.01° north of the centre): the only road between them is a U."""
    south, north = CENTRE_LAT + 0.001, CENTRE_LAT + 0.01
    line = [[CENTRE_LON, south], [EAST, south], [EAST, north], [CENTRE_LON, north]]
    return json.dumps({"type": "FeatureCollection", "features": [_road(*line)]}).encode()


def test_it_routes_along_the_roads_and_around_a_closed_one():
    network = load_geojson(_grid())
    start, end = (CENTRE_LAT, CENTRE_LON), (CENTRE_LAT, CENTRE_LON + 2 * STEP)
    straight = route(network, start=start, end=end)
    assert [round(lat, 6) for lat, _lon in straight] == [round(CENTRE_LAT, 6)] * 5
    # Flood the middle of the southern road: the way goes up one block and back down.
    flooded = square(CENTRE_LAT, CENTRE_LON + STEP, half=0.0003)
    around = route(network, start=start, end=end, closed=[flooded])
    assert around[0] == start and around[-1] == end
    assert max(lat for lat, _lon in around) == pytest.approx(CENTRE_LAT + STEP)
    assert (pytest.approx(CENTRE_LAT), pytest.approx(CENTRE_LON + STEP)) not in around
    assert len(around) == 7  # the two ends and five crossings: up, across, down


def test_it_finds_no_route_when_every_road_is_closed_or_the_roads_are_too_far():
    network = load_geojson(_grid())
    start, end = (CENTRE_LAT, CENTRE_LON), (CENTRE_LAT, CENTRE_LON + 2 * STEP)
    everything = square(CENTRE_LAT + STEP, CENTRE_LON + STEP, half=STEP * 2)
    assert route(network, start=start, end=end, closed=[everything]) is None
    far = (CENTRE_LAT + 0.05, CENTRE_LON)  # 5.5 km from the nearest road
    assert route(network, start=far, end=end) is None


@pytest.fixture
def world(lan, ward_a, group_a1, group_a2):
    return build_world(lan=lan, ward=ward_a, group_a1=group_a1, group_a2=group_a2)


def _map_of(client, ward) -> str:
    url = reverse("shelter_lookup", args=[ward.code])
    body = client.post(url, {"code": "A1-01", "phone": PHONE_A1}).content.decode()
    assert 'id="shelter-map"' in body and "Trường THCS Bạch Đằng" in body
    return body


@pytest.mark.django_db
def test_it_draws_the_way_by_road_on_the_lookup_map(client, lan, ward_a, world):
    road_network_load(actor=lan, ward=ward_a, data=_u_roads(), file_name="u.geojson")
    evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    body = _map_of(client, ward_a)
    found = re.search(r'data-route="([^"]*)"', body)
    points = json.loads(unescape(found.group(1)))
    # Both eastern corners of the U, in order: not the straight line north.
    corners = [
        [round(CENTRE_LAT + 0.001, 6), round(EAST, 6)],
        [round(CENTRE_LAT + 0.01, 6), round(EAST, 6)],
    ]
    assert [point for point in points if point in corners] == corners
    # About 520 m east, 1 km north and 520 m back west.
    assert "Theo đường bộ: khoảng 2,0 km" in body
    assert "không phải đường đi" not in body


@pytest.mark.django_db
def test_it_keeps_the_straight_line_without_roads(client, lan, ward_a, world):
    evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    body = _map_of(client, ward_a)
    assert "data-route" not in body and "Theo đường bộ" not in body
    assert "data-household-lat" in body and "data-shelter-lat" in body
