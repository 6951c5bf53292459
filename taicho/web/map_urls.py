"""The ward map under /w/<ward_code>/map/: the page, its layer data, and zone drawing."""

from django.urls import path

from taicho.web import map_views

urlpatterns = [
    path("", map_views.ward_map, name="ward_map"),
    path("zones.geojson", map_views.zones_geojson, name="ward_map_zones"),
    path("zones/", map_views.zone_create, name="ward_map_zone_create"),
    path("zones/<int:pk>/geometry", map_views.zone_geometry, name="ward_map_zone_geometry"),
    path("households.json", map_views.households_json, name="ward_map_households"),
    path("households/<int:pk>.json", map_views.household_json, name="ward_map_household"),
    path("shelters.geojson", map_views.shelters_geojson, name="ward_map_shelters"),
]
