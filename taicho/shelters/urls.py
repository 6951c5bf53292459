from django.urls import path

from taicho.web.placeholder import placeholder

urlpatterns = [
    path("", placeholder, name="shelter_list"),
    path("<int:pk>/", placeholder, name="shelter_detail"),
]
