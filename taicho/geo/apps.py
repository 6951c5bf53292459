from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "taicho.geo"
    label = "geo"
