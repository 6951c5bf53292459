"""Ward pages of the dispatch app, mounted at /w/<ward>/dispatch/."""

from django.urls import path

from taicho.dispatch import views

urlpatterns = [
    path("welfare/", views.welfare_page, name="welfare_checks"),
    path("<int:pk>/", views.board_page, name="dispatch_board"),
    path("<int:pk>/live/", views.board_live, name="dispatch_board_live"),
    path("<int:pk>/map.json", views.board_map, name="dispatch_board_map"),
    path("<int:pk>/visits/", views.visit_list, name="dispatch_visit_list"),
    path(
        "<int:pk>/visits/<int:household_pk>/",
        views.visit_answer,
        name="dispatch_visit_answer",
    ),
]
