from django.contrib import admin

from taicho.core.admin import Services, WardScopedAdmin
from taicho.hazards import services as hazard_services
from taicho.hazards.models import HazardZone


@admin.register(HazardZone)
class HazardZoneAdmin(WardScopedAdmin):
    list_display = ("code", "name", "kind", "ward", "last_reviewed_on")
    list_select_related = ("ward",)
    list_filter = (("ward", admin.RelatedOnlyFieldListFilter), "kind")
    search_fields = ("code", "name", "description")
    fields = ("ward", *hazard_services.AUDITED_FIELDS)
    writes = Services(
        create=hazard_services.hazard_zone_create,
        update=hazard_services.hazard_zone_update,
        delete=hazard_services.hazard_zone_delete,
        instance_arg="zone",
        fields=hazard_services.AUDITED_FIELDS,
    )
