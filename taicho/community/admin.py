from django.contrib import admin

from taicho.community import services as community_services
from taicho.community.models import Household, Resident
from taicho.core.admin import Services, WardScopedAdmin, WardScopedInline


class ResidentInline(WardScopedInline):
    model = Resident
    fields = community_services.RESIDENT_FIELDS


@admin.register(Household)
class HouseholdAdmin(WardScopedAdmin):
    list_display = ("code", "address", "group", "ward", "housing_type", "poverty")
    list_select_related = ("group", "ward")
    list_filter = (
        ("ward", admin.RelatedOnlyFieldListFilter),
        ("group", admin.RelatedOnlyFieldListFilter),
        "housing_type",
        "poverty",
    )
    search_fields = ("code", "address", "search_text")
    fields = ("ward", *community_services.HOUSEHOLD_FIELDS)
    inlines = (ResidentInline,)
    writes = Services(
        create=community_services.household_create,
        update=community_services.household_update,
        delete=community_services.household_delete,
        instance_arg="household",
        fields=community_services.HOUSEHOLD_FIELDS,
    )

    def save_formset(self, request, form, formset, change):
        """Residents are written through the services too, one audit entry each."""
        if formset.model is not Resident:
            return super().save_formset(request, form, formset, change)
        household = form.instance
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for resident_form in formset.forms:
            resident = resident_form.instance
            if resident_form in formset.deleted_forms:
                if resident.pk is not None:
                    fresh = Resident.objects.get(pk=resident.pk)
                    community_services.resident_delete(actor=request.user, resident=fresh)
                    formset.deleted_objects.append(fresh)
                continue
            if not resident_form.has_changed():
                continue
            data = resident_form.cleaned_data
            if resident.pk is None:
                fields = {
                    name: data[name] for name in community_services.RESIDENT_FIELDS if name in data
                }
                created = community_services.resident_create(
                    actor=request.user, household=household, **fields
                )
                formset.new_objects.append(created)
            else:
                changed = [
                    n for n in resident_form.changed_data if n in community_services.RESIDENT_FIELDS
                ]
                fresh = Resident.objects.get(pk=resident.pk)
                community_services.resident_update(
                    actor=request.user, resident=fresh, **{name: data[name] for name in changed}
                )
                formset.changed_objects.append((fresh, changed))
        return None
