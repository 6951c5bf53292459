import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.geo.geojson import check_point, parse_geometry


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_it_says_it_in_vietnamese_by_default():
    with translation.override("vi"), pytest.raises(ValidationError, match="bị đảo"):
        check_point(CENTRE_LON, CENTRE_LAT)


def test_it_accepts_a_polygon_in_the_ward():
    geometry = parse_geometry(square(CENTRE_LAT, CENTRE_LON))
    assert geometry.geom_type == "Polygon"
    assert geometry.contains(geometry.centroid)


def test_it_names_swapped_coordinates():
    with pytest.raises(ValidationError, match="swapped"):
        check_point(CENTRE_LON, CENTRE_LAT)


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [(95, 106, "out of range"), (20.9, 190, "out of range"), (48.85, 2.35, "outside Vietnam")],
)
def test_it_rejects_points_out_of_range_or_outside_vietnam(lat, lon, message):
    with pytest.raises(ValidationError, match=message):
        check_point(lat, lon)


def test_it_rejects_a_self_intersecting_polygon():
    bowtie = {
        "type": "Polygon",
        "coordinates": [
            [[106.70, 20.95], [106.72, 20.97], [106.72, 20.95], [106.70, 20.97], [106.70, 20.95]]
        ],
    }
    with pytest.raises(ValidationError, match=r"crosses itself near 20\.96, 106\.71"):
        parse_geometry(bowtie)
    with translation.override("vi"), pytest.raises(ValidationError, match="tự cắt"):
        parse_geometry(bowtie)


@pytest.mark.parametrize(
    "value",
    [
        "POLYGON((0 0, 1 1))",
        {"coordinates": [1, 2]},
        {"type": "Point", "coordinates": ["a", "b"]},
        {"type": "Polygon", "coordinates": []},
        {"type": "Circle", "coordinates": [106.7, 20.9]},
    ],
)
def test_it_rejects_what_is_not_a_geojson_geometry(value):
    with pytest.raises(ValidationError):
        parse_geometry(value)


def test_it_reads_a_feature_and_a_line():
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "LineString", "coordinates": [[106.73, 20.97], [106.74, 20.98]]},
    }
    assert parse_geometry(feature).geom_type == "LineString"
