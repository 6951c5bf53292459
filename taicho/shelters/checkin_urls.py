"""Check-in and the live board, mounted at /w/<ward>/evacuations/."""

from django.urls import path

from taicho.shelters import checkin_views as views

urlpatterns = [
    path("checkin/", views.checkin_choose, name="checkin_choose"),
    path("checkin-worker.js", views.checkin_worker, name="checkin_worker"),
    path("cards/<int:group_pk>/", views.household_cards, name="household_cards"),
    path("<int:pk>/checkin/", views.checkin_page, name="checkin_page"),
    path("<int:pk>/checkin/households.json", views.checkin_households, name="checkin_households"),
    path("<int:pk>/checkin/search.json", views.checkin_search, name="checkin_search"),
    path("<int:pk>/checkin/sync/", views.checkin_sync, name="checkin_sync"),
    path("<int:pk>/board/", views.board_page, name="evacuation_board"),
    path("<int:pk>/board/live/", views.board_live, name="evacuation_board_live"),
    path(
        "<int:pk>/households/<int:household_pk>/mark/",
        views.household_mark_view,
        name="evacuation_household_mark",
    ),
]
