from django.contrib import admin

from taicho.core.admin import Services, WardScopedAdmin
from taicho.shelters import services as shelter_services
from taicho.shelters.models import Shelter


@admin.register(Shelter)
class ShelterAdmin(WardScopedAdmin):
    list_display = ("code", "name", "kind", "capacity", "ward")
    list_select_related = ("ward",)
    list_filter = (("ward", admin.RelatedOnlyFieldListFilter), "kind")
    search_fields = ("code", "name", "address")
    fields = ("ward", *shelter_services.SHELTER_FIELDS)
    writes = Services(
        create=shelter_services.shelter_create,
        update=shelter_services.shelter_update,
        delete=shelter_services.shelter_delete,
        instance_arg="shelter",
        fields=shelter_services.SHELTER_FIELDS,
    )
