"""Public addresses of the dispatch app, mounted at the site's root by taicho.web.urls."""

from django.urls import path

from taicho.dispatch import public_views

urlpatterns = [
    # Short on purpose: the address goes into every SMS.
    path("t/<str:token>/", public_views.answer_page, name="dispatch_answer"),
    path("hooks/<int:channel_id>/", public_views.inbound_hook, name="dispatch_inbound"),
]
