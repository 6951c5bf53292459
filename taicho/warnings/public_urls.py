"""Public routes, at the site root and without login: alerts in force, an alert's page, its
CAP XML and the ward's Atom index of CAP messages."""

from django.urls import path

from taicho.warnings import public_views

urlpatterns = [
    path("canh-bao/<int:ward_code>/", public_views.public_alerts, name="public_alerts"),
    path("canh-bao/<int:ward_code>/<int:pk>/", public_views.public_alert, name="public_alert"),
    path("cap/<int:ward_code>/<int:pk>.xml", public_views.public_cap_xml, name="public_cap_xml"),
    path("cap/<int:ward_code>.atom", public_views.public_atom, name="public_atom"),
]
