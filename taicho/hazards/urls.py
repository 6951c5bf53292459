from django.urls import path

from taicho.hazards import views

urlpatterns = [
    path("", views.zone_list, name="zone_list"),
    path("new/", views.zone_create, name="zone_create"),
    path("<int:pk>/", views.zone_detail, name="zone_detail"),
    path("<int:pk>/edit/", views.zone_edit, name="zone_edit"),
    path("<int:pk>/delete/", views.zone_delete, name="zone_delete"),
]
