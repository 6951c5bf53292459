"""Public addresses of the channels app. Mounted at the site's root by taicho.web.urls."""

from django.urls import re_path

from taicho.channels import views

urlpatterns = [
    re_path(
        r"^media/loa/(?P<digest>[0-9a-f]{64})\.wav$",
        views.loudspeaker_audio,
        name="loudspeaker_audio",
    ),
]
