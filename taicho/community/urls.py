from django.urls import path

from taicho.community import views

urlpatterns = [
    path("", views.household_list, name="household_list"),
    path("new/", views.household_create, name="household_create"),
    path("<int:pk>/", views.household_detail, name="household_detail"),
    path("<int:pk>/edit/", views.household_edit, name="household_edit"),
    path("<int:pk>/delete/", views.household_delete, name="household_delete"),
    path("<int:pk>/residents/new/", views.resident_create, name="resident_create"),
    path(
        "<int:pk>/residents/<int:resident_pk>/edit/",
        views.resident_edit,
        name="resident_edit",
    ),
    path(
        "<int:pk>/residents/<int:resident_pk>/delete/",
        views.resident_delete,
        name="resident_delete",
    ),
    path("groups/", views.group_list, name="group_list"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:pk>/delete/", views.group_delete, name="group_delete"),
]
