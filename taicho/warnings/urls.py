"""Ward pages of the warnings app, under /w/<ward_code>/warnings/."""

from django.urls import path

from taicho.warnings import alert_views, views

urlpatterns = [
    path("", views.warnings_home, name="warnings_home"),
    path("settings/", views.warning_settings, name="warning_settings"),
    path("bulletins/", views.bulletin_list, name="bulletin_list"),
    path("bulletins/new/", views.bulletin_create, name="bulletin_create"),
    path("bulletins/import/", views.bulletin_import, name="bulletin_import"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin_detail"),
    path("bulletins/<int:pk>/level/", views.bulletin_override, name="bulletin_override"),
    path(
        "bulletins/<int:pk>/draft-alert/", views.bulletin_draft_alert, name="bulletin_draft_alert"
    ),
    path("alerts/", alert_views.alert_list, name="alert_list"),
    path("alerts/new/", alert_views.alert_create, name="alert_create"),
    path("alerts/preview/", alert_views.alert_preview, name="alert_preview"),
    path("alerts/<int:pk>/", alert_views.alert_detail, name="alert_detail"),
    path("alerts/<int:pk>/edit/", alert_views.alert_edit, name="alert_edit"),
    path("alerts/<int:pk>/approve/", alert_views.alert_approve, name="alert_approve"),
    path("alerts/<int:pk>/issue/", alert_views.alert_issue, name="alert_issue"),
    path("alerts/<int:pk>/discard/", alert_views.alert_discard, name="alert_discard"),
    path("alerts/<int:pk>/update/", alert_views.alert_update, name="alert_update"),
    path("alerts/<int:pk>/cancel/", alert_views.alert_cancel, name="alert_cancel"),
    path("alerts/<int:pk>/cap.xml", alert_views.alert_cap, name="alert_cap"),
]
