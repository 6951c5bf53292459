from django.urls import path

from taicho.web.placeholder import placeholder

urlpatterns = [
    path("", placeholder, name="ward_map"),
]
