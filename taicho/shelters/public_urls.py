"""Public routes, without login: a household looks up its evacuation shelter."""

from django.urls import path

from taicho.shelters import public_lookup_views

urlpatterns = [
    path("so-tan/<int:ward_code>/", public_lookup_views.shelter_lookup, name="shelter_lookup"),
]
