from django.urls import path

from taicho.web import transfer_views

urlpatterns = [
    path("", transfer_views.transfer_home, name="transfer_home"),
    path("import/<slug:kind>/", transfer_views.transfer_import, name="transfer_import"),
    path("template/<slug:kind>/", transfer_views.transfer_template, name="transfer_template"),
    path("export/<slug:kind>/<slug:fmt>/", transfer_views.transfer_export, name="transfer_export"),
]
