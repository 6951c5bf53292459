from django.urls import path

from taicho.web.placeholder import placeholder

urlpatterns = [
    path("", placeholder, name="household_list"),
    path("<int:pk>/", placeholder, name="household_detail"),
]
