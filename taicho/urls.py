"""URLs: each app that has pages brings its own `urls.py`; the API is assembled in web.api."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("taicho.web.urls")),
]
