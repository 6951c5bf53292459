"""The site's URLs with the channels' own mounted, as taicho.web.urls mounts them."""

from django.urls import include, path

urlpatterns = [
    path("", include("taicho.channels.urls")),
    path("", include("taicho.urls")),
]
