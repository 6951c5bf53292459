from django.contrib.auth import views as auth_views
from django.urls import include, path

from taicho.web import account_views, views
from taicho.web.api import api

ward_pages = [
    path("", views.ward_dashboard, name="ward_dashboard"),
    path("map/", include("taicho.web.map_urls")),
    path("households/", include("taicho.community.urls")),
    path("zones/", include("taicho.hazards.urls")),
    path("shelters/", include("taicho.shelters.urls")),
    path("plans/", include("taicho.shelters.plan_urls")),
    path("evacuations/", include("taicho.shelters.checkin_urls")),
    path("data/", include("taicho.web.transfer_urls")),
    path("warnings/", include("taicho.warnings.urls")),
    path("events/", include("taicho.events.urls")),
    path("dispatch/", include("taicho.dispatch.urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
    path("account/contacts/", account_views.contacts_page, name="account_contacts"),
    path("w/<int:ward_code>/", include(ward_pages)),
    path("api/v1/", api.urls),
    # Public, no login: the ward's active alerts, their pages, CAP XML and the Atom feed.
    path("", include("taicho.warnings.public_urls")),
    path("", include("taicho.shelters.public_urls")),
    # Personal answer links and the channels' reply webhooks.
    path("", include("taicho.dispatch.public_urls")),
    # Loudspeaker audio rendered by the channels (stable URLs for the MQTT payload).
    path("", include("taicho.channels.urls")),
]
