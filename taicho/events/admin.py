"""The admin of disaster events: read-only (events change through their pages and services,
which write the audit log), scoped to the wards the staff user may see."""

from django.contrib import admin

from taicho.core.admin import WardScopedAdmin
from taicho.events.models import Event


@admin.register(Event)
class EventAdmin(WardScopedAdmin):
    list_display = ("name", "hazard_type", "status", "starts_at", "ends_at", "ward")
    list_select_related = ("ward",)
    list_filter = (("ward", admin.RelatedOnlyFieldListFilter), "status", "hazard_type")
    search_fields = ("name",)
    date_hierarchy = "starts_at"
    raw_id_fields = ("bulletins", "alerts")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
