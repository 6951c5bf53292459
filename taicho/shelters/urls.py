from django.urls import path

from taicho.shelters import views

urlpatterns = [
    path("", views.shelter_list, name="shelter_list"),
    path("new/", views.shelter_create, name="shelter_create"),
    path("<int:pk>/", views.shelter_detail, name="shelter_detail"),
    path("<int:pk>/edit/", views.shelter_edit, name="shelter_edit"),
    path("<int:pk>/delete/", views.shelter_delete, name="shelter_delete"),
]
