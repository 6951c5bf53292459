"""Distances by road: GeoJSON and OSM XML road networks, and routes around flooded zones."""

import json

import pytest
import shapely

from taicho.shelters.assignment import (
    AssignmentError,
    Household,
    Options,
    Shelter,
    assign_households,
    load_geojson,
    load_osm_xml,
    load_road_network,
)
from taicho.shelters.assignment.distances import haversine_m

LAT, LON = 20.86, 106.68
STEP = 0.002  # degrees between the grid's roads (about 210 m north–south)

# A ladder of roads: the direct road along LAT from the household (west) to the shelter
# (east) through the middle node, and a detour one step north.
WEST, MIDDLE, EAST = (LON, LAT), (LON + STEP, LAT), (LON + 2 * STEP, LAT)
WEST_N, EAST_N = (LON, LAT + STEP), (LON + 2 * STEP, LAT + STEP)


def metres(a, b):
    return float(haversine_m(a[1], a[0], b[1], b[0]))


def ladder():
    def road(*points):
        return {
            "type": "Feature",
            "properties": {"name": "đường"},
            "geometry": {"type": "LineString", "coordinates": [list(p) for p in points]},
        }

    return {
        "type": "FeatureCollection",
        "features": [
            road(WEST, MIDDLE, EAST),
            road(WEST, WEST_N),
            {
                "type": "Feature",
                "geometry": {
                    "type": "MultiLineString",
                    "coordinates": [[list(WEST_N), list(EAST_N)], [list(EAST_N), list(EAST)]],
                },
            },
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(MIDDLE)}},
        ],
    }


def flood_over_middle():
    return shapely.box(MIDDLE[0] - 0.0004, LAT - 0.0004, MIDDLE[0] + 0.0004, LAT + 0.0004)


def plan(**kwargs):
    return assign_households(
        households=[Household(id="hộ 1", persons=4, lat=WEST[1], lon=WEST[0])],
        shelters=[Shelter(id="trường", capacity=50, lat=EAST[1], lon=EAST[0])],
        **kwargs,
    )


def test_it_measures_the_route_along_the_roads():
    result = plan(roads=load_geojson(ladder()))
    direct = metres(WEST, MIDDLE) + metres(MIDDLE, EAST)
    assert result.metric == "road"
    assert result.by_household()["hộ 1"].distance_m == round(direct)
    assert result.total_distance_m == 4 * round(direct)


def test_it_goes_around_a_flooded_road():
    shapely_zone = flood_over_middle()
    geojson_zone = json.loads(shapely.to_geojson(shapely_zone))
    detour = metres(WEST, WEST_N) + metres(WEST_N, EAST_N) + metres(EAST_N, EAST)
    for zone in (shapely_zone, geojson_zone):
        result = plan(roads=load_geojson(json.dumps(ladder())), flooded=[zone])
        assert result.by_household()["hộ 1"].distance_m == round(detour)
    assert detour > metres(WEST, EAST) * 1.5  # the detour really is longer


def test_it_sends_households_to_the_shelter_nearest_by_road_not_as_the_crow_flies():
    # The east shelter is nearer in a straight line than the north one, but with the middle
    # flooded the road to it is the long way round.
    north = (LON, LAT + 2 * STEP)
    roads = ladder()
    roads["features"].append(
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [WEST_N, north]}}
    )
    households = [Household(id="hộ", persons=2, lat=WEST[1], lon=WEST[0])]
    shelters = [
        Shelter(id="đông", capacity=10, lat=EAST[1], lon=EAST[0]),
        Shelter(id="bắc", capacity=10, lat=north[1], lon=north[0]),
    ]
    straight = assign_households(households=households, shelters=shelters)
    dry = assign_households(households=households, shelters=shelters, roads=load_geojson(roads))
    flooded = assign_households(
        households=households,
        shelters=shelters,
        roads=load_geojson(roads),
        flooded=[flood_over_middle()],
    )
    assert straight.by_household()["hộ"].shelter_id == "đông"
    assert dry.by_household()["hộ"].shelter_id == "đông"
    assert flooded.by_household()["hộ"].shelter_id == "bắc"
    assert flooded.by_household()["hộ"].distance_m == round(metres(WEST, north))


def test_it_reports_households_and_shelters_that_no_road_reaches():
    households = [
        Household(id="gần", persons=2, lat=WEST[1], lon=WEST[0]),
        Household(id="xa", persons=3, lat=LAT + 0.05, lon=LON, group="tổ 9"),
    ]
    shelters = [
        Shelter(id="trường", capacity=10, lat=EAST[1], lon=EAST[0]),
        Shelter(id="đình", capacity=10, lat=LAT - 0.05, lon=LON),
    ]
    result = assign_households(
        households=households,
        shelters=shelters,
        roads=load_geojson(ladder()),
        options=Options(road_snap_limit_m=300),
    )
    assert result.by_household()["gần"].shelter_id == "trường"
    far = result.by_household()["xa"]
    assert (far.shelter_id, far.reason) == (None, "no_route")
    text = " ".join(result.warnings)
    assert "Điểm sơ tán “đình” cách tuyến đường đi được gần nhất" in text
    assert "1 hộ (3 người) không thể đến điểm sơ tán nào bằng đường bộ." in text
    assert [(g.group, g.persons) for g in result.unassigned_by_group] == [("tổ 9", 3)]


def test_it_warns_about_a_shelter_inside_a_flooded_zone():
    result = assign_households(
        households=[Household(id="hộ", persons=1, lat=WEST[1], lon=WEST[0])],
        shelters=[Shelter(id="chợ", capacity=5, lat=MIDDLE[1], lon=MIDDLE[0])],
        roads=load_geojson(ladder()),
        flooded=[flood_over_middle()],
    )
    assert "Điểm sơ tán “chợ” nằm trong vùng ngập của kịch bản." in result.warnings


OSM = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="20.860" lon="106.680"/>
  <node id="2" lat="20.860" lon="106.682"/>
  <node id="3" lat="20.860" lon="106.684"/>
  <node id="4" lat="20.862" lon="106.680"/>
  <node id="5" lat="20.862" lon="106.684"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
  <way id="11"><nd ref="1"/><nd ref="4"/><nd ref="5"/><nd ref="3"/>
    <tag k="highway" v="tertiary"/><tag k="name" v="Đường Bạch Đằng"/></way>
  <way id="12"><nd ref="4"/><nd ref="2"/><tag k="highway" v="construction"/></way>
  <way id="13"><nd ref="4"/><nd ref="5"/><nd ref="3"/><nd ref="4"/><tag k="building" v="yes"/></way>
  <way id="14"><nd ref="2"/><nd ref="99"/><tag k="highway" v="footway"/></way>
</osm>
""".encode()


def test_it_reads_the_roads_of_an_osm_extract():
    network = load_osm_xml(OSM)
    # Ways 10 and 11 only: the one under construction, the building and the way whose
    # second node is outside the extract add nothing.
    assert len(network.lat) == 5
    assert len(network.start) == 5
    assert load_road_network(OSM.decode()).length_m.sum() == pytest.approx(network.length_m.sum())
    result = plan(roads=network, flooded=[flood_over_middle()])
    detour = metres(WEST, WEST_N) + metres(WEST_N, EAST_N) + metres(EAST_N, EAST)
    assert result.by_household()["hộ 1"].distance_m == round(detour)


def test_it_does_not_expand_entities_in_an_osm_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do-not-read")
    hostile = f"""<?xml version="1.0"?>
<!DOCTYPE osm [<!ENTITY leak SYSTEM "file://{secret}">]>
<osm version="0.6">
  <node id="1" lat="20.860" lon="106.680"/>
  <node id="2" lat="20.860" lon="106.682"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/>
    <tag k="note" v="x"/>&leak;</way>
</osm>""".encode()
    network = load_osm_xml(hostile)
    assert len(network.start) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body/></html>", "Tệp đường không phải OSM XML"),
        (b"<osm><node", "Tệp đường không phải OSM XML hợp lệ"),
        (b"{not json", "Tệp đường không phải GeoJSON hợp lệ"),
        (b'{"type": "FeatureCollection", "features": []}', "Mạng lưới đường không có tuyến"),
        (
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
            b'{"type": "LineString", "coordinates": [[106.68, 20.86], [200, 20.86]]}}]}',
            "Mạng lưới đường: đối tượng thứ 1 có toạ độ không hợp lệ.",
        ),
    ],
)
def test_it_explains_a_bad_road_file(data, message):
    with pytest.raises(AssignmentError) as caught:
        load_road_network(data)
    assert message in str(caught.value)


def test_it_refuses_a_network_whose_every_road_is_flooded():
    everything = shapely.box(LON - 0.01, LAT - 0.01, LON + 0.01, LAT + 0.01)
    with pytest.raises(AssignmentError) as caught:
        plan(roads=load_geojson(ladder()), flooded=[everything])
    assert str(caught.value) == "Mọi tuyến đường đều nằm trong vùng ngập: không còn đường đi nào."


def test_it_explains_a_bad_flooded_zone():
    with pytest.raises(AssignmentError) as caught:
        plan(roads=load_geojson(ladder()), flooded=[{"type": "Polygon", "coordinates": "x"}])
    assert str(caught.value) == "Một vùng ngập không phải hình học GeoJSON hợp lệ."
