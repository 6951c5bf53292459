from django.urls import path

from taicho.web.placeholder import placeholder

urlpatterns = [
    path("", placeholder, name="zone_list"),
    path("<int:pk>/", placeholder, name="zone_detail"),
]
