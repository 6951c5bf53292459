"""Ward pages of the dispatch app, mounted at /w/<ward>/dispatch/."""

from django.urls import path

from taicho.dispatch import channel_views, views

urlpatterns = [
    path("", views.dispatch_list, name="dispatch_list"),
    path("welfare/", views.welfare_page, name="welfare_checks"),
    path("channels/", channel_views.channel_list, name="channel_list"),
    path("channels/new/<slug:kind>/", channel_views.channel_create, name="channel_create"),
    path("channels/<int:pk>/", channel_views.channel_edit, name="channel_edit"),
    path("channels/<int:pk>/pause/", channel_views.channel_pause, name="channel_pause"),
    path("channels/<int:pk>/resume/", channel_views.channel_resume, name="channel_resume"),
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
