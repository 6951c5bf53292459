"""Pages of disaster events, under /w/<ward_code>/events/."""

from django.urls import path

from taicho.events import views

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("new/", views.event_create, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/confirm/", views.event_confirm, name="event_confirm"),
    path("<int:pk>/close/", views.event_close, name="event_close"),
    path("<int:pk>/link/", views.event_link, name="event_link"),
]
