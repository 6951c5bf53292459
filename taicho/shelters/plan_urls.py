"""Ward pages of response plans and evacuations, mounted at w/<ward_code>/plans/."""

from django.urls import path

from taicho.shelters import plan_views as views
from taicho.shelters import road_views

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("roads/", road_views.road_network_page, name="road_network"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/revise/", views.plan_revise, name="plan_revise"),
    path("<int:pk>/review/", views.plan_review, name="plan_review"),
    path("<int:pk>/start/", views.plan_start, name="plan_start"),
    path("evacuations/", views.evacuation_list, name="evacuation_list"),
    path("evacuations/<int:pk>/", views.evacuation_detail, name="evacuation_detail"),
    path("evacuations/<int:pk>/pin/", views.evacuation_pin, name="evacuation_pin"),
    path("evacuations/<int:pk>/rerun/", views.evacuation_rerun, name="evacuation_rerun"),
    path("evacuations/<int:pk>/helper/", views.evacuation_helper, name="evacuation_helper"),
    path("evacuations/<int:pk>/begin/", views.evacuation_begin, name="evacuation_begin"),
    path("evacuations/<int:pk>/close/", views.evacuation_close, name="evacuation_close"),
    path("evacuations/<int:pk>/orders/", views.evacuation_order_list, name="evacuation_orders"),
    path("evacuations/<int:pk>/lists/", views.evacuation_lists, name="evacuation_lists"),
    path(
        "evacuations/<int:pk>/lists.xlsx", views.evacuation_lists_xlsx, name="evacuation_lists_xlsx"
    ),
    path(
        "evacuations/<int:pk>/lists/<int:group_pk>/",
        views.evacuation_group_list,
        name="evacuation_group_list",
    ),
    path(
        "evacuations/<int:pk>/lists/<int:group_pk>.xlsx",
        views.evacuation_group_xlsx,
        name="evacuation_group_xlsx",
    ),
    path(
        "evacuations/<int:pk>/shelters/<int:shelter_pk>/",
        views.evacuation_shelter,
        name="evacuation_shelter",
    ),
]
