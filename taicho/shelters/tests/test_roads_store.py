"""The ward's road network: loading it (service, command, page), refusing bad files, and
evacuations measuring distances along it once it is loaded."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.urls import reverse

from taicho.conftest import CENTRE_LAT, CENTRE_LON
from taicho.core.models import AuditEntry
from taicho.shelters.assignment.distances import haversine_m
from taicho.shelters.evacuations import evacuation_reassign, evacuation_start
from taicho.shelters.models import EvacuationHousehold, RoadNetwork
from taicho.shelters.roads_store import (
    road_network_clear,
    road_network_load,
    road_network_status,
    ward_road_network,
)
from taicho.shelters.tests.evacuation_data import build_world

pytestmark = pytest.mark.django_db
STEP = 0.002


def _road(*points):
    return {"type": "Feature", "geometry": {"type": "LineString", "coordinates": list(points)}}


def grid_geojson(size: int = 3) -> bytes:
    """size × size crossings: 2·size roads, size² nodes, 2·size·(size − 1) segments."""
    lons = [CENTRE_LON + STEP * i for i in range(size)]
    lats = [CENTRE_LAT + STEP * i for i in range(size)]
    roads = [_road(*[[lon, lat] for lon in lons]) for lat in lats]
    roads += [_road(*[[lon, lat] for lat in lats]) for lon in lons]
    return json.dumps({"type": "FeatureCollection", "features": roads}).encode()


def detour_geojson() -> bytes:
    """From household A1-01 (just north of the centre) east, north and back west to the
    school (0.01° north of the centre): the only road between them is a U."""
    south, north = CENTRE_LAT + 0.001, CENTRE_LAT + 0.01
    east = CENTRE_LON + 0.005
    line = [[CENTRE_LON, south], [east, south], [east, north], [CENTRE_LON, north]]
    return json.dumps({"type": "FeatureCollection", "features": [_road(*line)]}).encode()


OSM_WITH_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE osm [<!ENTITY road "primary">]>
<osm version="0.6">
  <node id="1" lat="20.97" lon="106.73"/><node id="2" lat="20.98" lon="106.73"/>
  <way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="&road;"/></way>
</osm>"""
OSM_GOOD = OSM_WITH_ENTITY.replace(b'<!DOCTYPE osm [<!ENTITY road "primary">]>\n', b"").replace(
    b"&road;", b"primary"
)
POINTS_ONLY = json.dumps(
    {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}}],
    }
).encode()


@pytest.fixture
def world(lan, ward_a, group_a1, group_a2):
    return build_world(lan=lan, ward=ward_a, group_a1=group_a1, group_a2=group_a2)


# --- the service ------------------------------------------------------------------------------


def test_it_loads_a_grid_counts_it_and_replaces_it_on_the_next_upload(lan, ward_a):
    row = road_network_load(actor=lan, ward=ward_a, data=grid_geojson(), file_name="luoi.geojson")
    assert (row.format, row.nodes, row.segments) == ("geojson", 9, 12)
    assert ward_road_network(ward=ward_a).start.size == 12
    row = road_network_load(actor=lan, ward=ward_a, data=OSM_GOOD, file_name="duong.osm")
    assert RoadNetwork.objects.filter(ward=ward_a).count() == 1
    status = road_network_status(ward=ward_a)
    assert (status.file_name, status.format, status.nodes, status.segments) == (
        "duong.osm",
        "osm",
        2,
        1,
    )
    assert ward_road_network(ward=ward_a).start.size == 1  # the new upload, not the cached one
    actions = AuditEntry.objects.filter(
        ward=ward_a, object_type="shelters.roadnetwork"
    ).values_list("action", flat=True)
    assert sorted(actions) == ["create", "update"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"this is not json", "GeoJSON"),
        (POINTS_ONLY, "không có tuyến đường"),
        (OSM_WITH_ENTITY, "DOCTYPE"),
        ("Đường".encode("utf-16"), "UTF-8"),
        (b"   ", "trống"),
        (b"[" * 100_000, "GeoJSON"),
    ],
    ids=["not-json", "no-lines", "osm-entity", "not-utf8", "empty", "deep-json"],
)
def test_it_refuses_a_bad_file_and_keeps_the_network_it_had(lan, ward_a, data, expected):
    road_network_load(actor=lan, ward=ward_a, data=grid_geojson(), file_name="cu.geojson")
    with pytest.raises(ValidationError) as refused:
        road_network_load(actor=lan, ward=ward_a, data=data, file_name="moi.geojson")
    assert expected in " ".join(refused.value.message_dict["file"])
    assert road_network_status(ward=ward_a).file_name == "cu.geojson"
    assert AuditEntry.objects.filter(object_type="shelters.roadnetwork").count() == 1


def test_it_refuses_a_file_over_the_size_limit_and_stores_nothing(lan, ward_a, settings):
    settings.TAICHO_IMPORT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as refused:
        road_network_load(actor=lan, ward=ward_a, data=grid_geojson(6), file_name="to.geojson")
    assert "quá lớn" in refused.value.message_dict["file"][0]
    assert road_network_status(ward=ward_a) is None


def test_it_lets_only_the_wards_managers_load_or_clear(lan, hung, minh, duc, binh, ward_a):
    for outsider in (minh, duc, binh):
        with pytest.raises(PermissionDenied):
            road_network_load(actor=outsider, ward=ward_a, data=grid_geojson(), file_name="x")
    road_network_load(actor=hung, ward=ward_a, data=grid_geojson(), file_name="x")
    with pytest.raises(PermissionDenied):
        road_network_clear(actor=minh, ward=ward_a)
    assert road_network_clear(actor=lan, ward=ward_a) is True
    assert ward_road_network(ward=ward_a) is None
    assert road_network_clear(actor=lan, ward=ward_a) is False


# --- evacuations use it -------------------------------------------------------------------------


def _straight_m(household, shelter) -> float:
    return float(haversine_m(household.lat, household.lon, shelter.lat, shelter.lon))


def test_it_measures_evacuations_along_the_loaded_roads(lan, ward_a, world):
    household, school = world.households["A1-01"], world.school
    start = {"actor": lan, "ward": ward_a, "household_ids": [household.pk], "shelters": [school]}
    straight = evacuation_start(**start)
    assert straight.distance_mode == "straight"
    road_network_load(actor=lan, ward=ward_a, data=detour_geojson(), file_name="u.geojson")
    by_road = evacuation_start(**start)
    row = EvacuationHousehold.objects.get(evacuation=by_road)
    assert by_road.distance_mode == "road"
    assert row.shelter == school
    # Around the U: about 520 m east, 1 km north, 520 m back west.
    assert row.distance_m > 1.8 * _straight_m(household, school)
    road_network_clear(actor=lan, ward=ward_a)
    again = evacuation_reassign(actor=lan, evacuation=by_road)
    assert again.distance_mode == "straight"


def test_it_reruns_a_plans_evacuation_by_road_once_the_roads_are_loaded(lan, ward_a, world):
    evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    assert evacuation.distance_mode == "straight"
    road_network_load(actor=lan, ward=ward_a, data=grid_geojson(8), file_name="luoi.geojson")
    assert evacuation_reassign(actor=lan, evacuation=evacuation).distance_mode == "road"


# --- the command --------------------------------------------------------------------------------


def test_it_loads_and_clears_from_the_command_line(ward_a, tmp_path, capsys):
    good, bad = tmp_path / "luoi.geojson", tmp_path / "sai.osm"
    good.write_bytes(grid_geojson())
    bad.write_bytes(OSM_WITH_ENTITY)
    call_command("roads", str(good), ward=ward_a.code)
    assert "9 nút, 12 đoạn đường" in capsys.readouterr().out
    with pytest.raises(CommandError, match="DOCTYPE") as failed:
        call_command("roads", str(bad), ward=ward_a.code)
    assert failed.value.returncode == 1
    assert road_network_status(ward=ward_a).file_name == "luoi.geojson"
    call_command("roads", ward=ward_a.code, clear=True)
    assert "Đã xóa mạng đường" in capsys.readouterr().out
    assert road_network_status(ward=ward_a) is None


# --- the page -----------------------------------------------------------------------------------


def _page(ward):
    return reverse("road_network", args=[ward.code])


def test_it_uploads_shows_and_clears_on_the_page(client, lan, ward_a):
    client.force_login(lan)
    assert "chưa có — khoảng cách theo đường chim bay" in client.get(_page(ward_a)).text
    refused = client.post(_page(ward_a), {"file": _file(b"not json", "sai.geojson")})
    assert refused.status_code == 400
    assert "Không dùng được tệp đường" in refused.text
    response = client.post(
        _page(ward_a), {"file": _file(grid_geojson(), "luoi.geojson")}, follow=True
    )
    assert "Đã nạp mạng đường: 9 nút, 12 đoạn đường" in response.text
    assert "đã nạp: 9 nút / 12 đoạn đường" in response.text
    response = client.post(_page(ward_a), {"clear": "1"}, follow=True)
    assert "Đã xóa mạng đường" in response.text
    assert road_network_status(ward=ward_a) is None


def test_it_keeps_the_page_to_the_wards_managers(client, hung, minh, duc, binh, thao, ward_a):
    client.force_login(hung)
    assert client.get(_page(ward_a)).status_code == 200
    for user in (minh, duc, thao):
        client.force_login(user)
        assert client.get(_page(ward_a)).status_code == 403
        assert (
            client.post(_page(ward_a), {"file": _file(grid_geojson(), "luoi.geojson")}).status_code
            == 403
        )
    client.force_login(binh)
    assert client.get(_page(ward_a)).status_code == 404
    assert road_network_status(ward=ward_a) is None


def test_it_gives_the_plan_list_a_link_with_the_status(lan, ward_a):
    link = "shelters/roads/_plan_list_link.html"
    assert "chưa có" in render_to_string(link, {"ward": ward_a, "road_network": None})
    road_network_load(actor=lan, ward=ward_a, data=grid_geojson(), file_name="luoi.geojson")
    html = render_to_string(
        link, {"ward": ward_a, "road_network": road_network_status(ward=ward_a)}
    )
    assert f'href="{_page(ward_a)}">Mạng đường</a>' in html
    assert "đã nạp: 9 nút / 12 đoạn đường" in html


def _file(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)
