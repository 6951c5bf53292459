"""Pages of the household registry and the residential groups. Thin: services do the writes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taicho.community import selectors, services
from taicho.community.forms import (
    GroupForm,
    HouseholdFilterForm,
    HouseholdForm,
    ResidentForm,
)
from taicho.community.models import Household, Resident
from taicho.core import services as core_services
from taicho.core.access import can_manage, can_write
from taicho.core.audit import history
from taicho.core.forms import save_through
from taicho.core.models import ResidentialGroup
from taicho.core.phones import mask_phone
from taicho.core.web import ward_view

PAGE_SIZE = 50
PEOPLE = Household.scope_topic
PLACES = ResidentialGroup.scope_topic


# --- households ---


def _visible_household(request, ward, pk) -> Household:
    households = Household.objects.visible_to(request.user).filter(ward=ward)
    return get_object_or_404(households.select_related("group"), pk=pk)


def _writable_household(request, ward, pk) -> Household:
    household = _visible_household(request, ward, pk)
    if not _may_write(request.user, household):
        raise PermissionDenied(_("You may not change this household."))
    return household


def _may_write(user, household: Household) -> bool:
    return can_write(user, ward_id=household.ward_id, topic=PEOPLE, group_id=household.group_id)


def _writable_groups(request, ward):
    groups = selectors.people_groups(user=request.user, ward=ward, write=True)
    if not groups.exists():
        raise PermissionDenied(_("You may not add households in this ward."))
    return groups


@ward_view
def household_list(request, ward):
    if not selectors.can_read_people(user=request.user, ward=ward):
        raise PermissionDenied(_("You may not see this ward's households."))
    readable_groups = selectors.people_groups(user=request.user, ward=ward, write=False)
    form = HouseholdFilterForm(request.GET, groups=readable_groups)
    rows = selectors.household_rows(user=request.user, ward=ward, **form.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for household in page:
        household.masked_phones = [mask_phone(phone) for phone in household.phones or []]
    can_add = selectors.people_groups(user=request.user, ward=ward, write=True).exists()
    return render(
        request,
        "community/household_list.html",
        {"ward": ward, "form": form, "page": page, "can_add": can_add},
    )


@ward_view
def household_detail(request, ward, pk):
    household = _visible_household(request, ward, pk)
    may_write = _may_write(request.user, household)
    # Full numbers only for those who keep the household; others recognise, not call.
    phones = household.phones if may_write else [mask_phone(p) for p in household.phones or []]
    residents = [
        (resident, flags, resident.phone if may_write else mask_phone(resident.phone))
        for resident, flags in selectors.residents_with_flags(household=household)
    ]
    context = {
        "ward": ward,
        "household": household,
        "phones": phones,
        "residents": residents,
        "zones": selectors.household_zones(household=household),
        "may_write": may_write,
    }
    if can_manage(request.user, ward_id=ward.id):
        context["entries"] = history(selectors.household_history(household=household))
    return render(request, "community/household_detail.html", context)


@ward_view
@require_http_methods(["GET", "POST"])
def household_create(request, ward):
    groups = _writable_groups(request, ward)
    form = HouseholdForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        household = save_through(
            form,
            lambda: services.household_create(
                actor=request.user, ward=ward, **form.service_fields()
            ),
        )
        if household is not None:
            messages.success(request, _("Household %(code)s added.") % {"code": household.code})
            return redirect("household_detail", ward.code, household.pk)
    return render(
        request,
        "community/form.html",
        {
            "ward": ward,
            "form": form,
            "title": _("New household"),
            "cancel_url": reverse("household_list", args=[ward.code]),
        },
    )


@ward_view
@require_http_methods(["GET", "POST"])
def household_edit(request, ward, pk):
    household = _writable_household(request, ward, pk)
    groups = selectors.people_groups(user=request.user, ward=ward, write=True)
    form = HouseholdForm(
        request.POST or None, groups=groups, initial=HouseholdForm.initial_for(household)
    )
    if request.method == "POST" and form.is_valid():
        saved = save_through(
            form,
            lambda: services.household_update(
                actor=request.user, household=household, **form.service_fields()
            ),
        )
        if saved is not None:
            messages.success(request, _("Household %(code)s saved.") % {"code": saved.code})
            return redirect("household_detail", ward.code, saved.pk)
    return render(
        request,
        "community/form.html",
        {
            "ward": ward,
            "form": form,
            "title": _("Edit household %(code)s") % {"code": household.code},
            "cancel_url": _detail_url(ward, household),
        },
    )


@ward_view
@require_http_methods(["GET", "POST"])
def household_delete(request, ward, pk):
    household = _writable_household(request, ward, pk)
    if request.method == "POST":
        services.household_delete(actor=request.user, household=household)
        messages.success(request, _("Household %(code)s deleted.") % {"code": household.code})
        return redirect("household_list", ward.code)
    return render(
        request,
        "community/confirm_delete.html",
        {
            "ward": ward,
            "object": household,
            "title": _("Delete household %(code)s?") % {"code": household.code},
            "warning": _("Its residents are deleted with it."),
            "cancel_url": _detail_url(ward, household),
        },
    )


def _detail_url(ward, household) -> str:
    return reverse("household_detail", args=[ward.code, household.pk])


# --- residents (always inside their household) ---


def _writable_resident(request, ward, pk, resident_pk) -> tuple[Household, Resident]:
    household = _writable_household(request, ward, pk)
    resident = get_object_or_404(household.residents.all(), pk=resident_pk)
    return household, resident


@ward_view
@require_http_methods(["GET", "POST"])
def resident_create(request, ward, pk):
    household = _writable_household(request, ward, pk)
    form = ResidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        resident = save_through(
            form,
            lambda: services.resident_create(
                actor=request.user, household=household, **form.service_fields()
            ),
        )
        if resident is not None:
            messages.success(request, _("%(name)s added.") % {"name": resident.full_name})
            return redirect("household_detail", ward.code, household.pk)
    return render(
        request,
        "community/form.html",
        {
            "ward": ward,
            "form": form,
            "title": _("New resident of household %(code)s") % {"code": household.code},
            "cancel_url": _detail_url(ward, household),
        },
    )


@ward_view
@require_http_methods(["GET", "POST"])
def resident_edit(request, ward, pk, resident_pk):
    household, resident = _writable_resident(request, ward, pk, resident_pk)
    form = ResidentForm(request.POST or None, initial=ResidentForm.initial_for(resident))
    if request.method == "POST" and form.is_valid():
        saved = save_through(
            form,
            lambda: services.resident_update(
                actor=request.user, resident=resident, **form.service_fields()
            ),
        )
        if saved is not None:
            messages.success(request, _("%(name)s saved.") % {"name": saved.full_name})
            return redirect("household_detail", ward.code, household.pk)
    return render(
        request,
        "community/form.html",
        {
            "ward": ward,
            "form": form,
            "title": _("Edit resident %(name)s") % {"name": resident.full_name},
            "cancel_url": _detail_url(ward, household),
        },
    )


@ward_view
@require_http_methods(["GET", "POST"])
def resident_delete(request, ward, pk, resident_pk):
    household, resident = _writable_resident(request, ward, pk, resident_pk)
    if request.method == "POST":
        services.resident_delete(actor=request.user, resident=resident)
        messages.success(request, _("%(name)s deleted.") % {"name": resident.full_name})
        return redirect("household_detail", ward.code, household.pk)
    return render(
        request,
        "community/confirm_delete.html",
        {
            "ward": ward,
            "object": resident,
            "title": _("Delete resident %(name)s?") % {"name": resident.full_name},
            "cancel_url": _detail_url(ward, household),
        },
    )


# --- residential groups ---


def _require_places_write(request, ward) -> None:
    if not can_write(request.user, ward_id=ward.id, topic=PLACES):
        raise PermissionDenied(_("Only the command board and the officer may change groups."))


def _writable_group(request, ward, pk) -> ResidentialGroup:
    group = get_object_or_404(
        ResidentialGroup.objects.visible_to(request.user).filter(ward=ward), pk=pk
    )
    _require_places_write(request, ward)
    return group


@ward_view
def group_list(request, ward):
    return render(
        request,
        "community/group_list.html",
        {
            "ward": ward,
            "groups": selectors.group_rows(user=request.user, ward=ward),
            "may_write": can_write(request.user, ward_id=ward.id, topic=PLACES),
            "may_read_people": selectors.can_read_people(user=request.user, ward=ward),
        },
    )


@ward_view
@require_http_methods(["GET", "POST"])
def group_create(request, ward):
    _require_places_write(request, ward)
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = save_through(
            form,
            lambda: core_services.residential_group_create(
                actor=request.user, ward=ward, **form.service_fields()
            ),
        )
        if group is not None:
            messages.success(request, _("Group %(name)s added.") % {"name": group.name})
            return redirect("group_list", ward.code)
    return _group_form(request, ward, form, _("New residential group"))


@ward_view
@require_http_methods(["GET", "POST"])
def group_edit(request, ward, pk):
    group = _writable_group(request, ward, pk)
    form = GroupForm(request.POST or None, initial=GroupForm.initial_for(group))
    if request.method == "POST" and form.is_valid():
        saved = save_through(
            form,
            lambda: core_services.residential_group_update(
                actor=request.user, group=group, **form.service_fields()
            ),
        )
        if saved is not None:
            messages.success(request, _("Group %(name)s saved.") % {"name": saved.name})
            return redirect("group_list", ward.code)
    return _group_form(request, ward, form, _("Edit %(name)s") % {"name": group.name})


def _group_form(request, ward, form, title):
    return render(
        request,
        "community/form.html",
        {
            "ward": ward,
            "form": form,
            "title": title,
            "cancel_url": reverse("group_list", args=[ward.code]),
        },
    )


@ward_view
@require_http_methods(["GET", "POST"])
def group_delete(request, ward, pk):
    group = _writable_group(request, ward, pk)
    errors = []
    if request.method == "POST":
        try:
            core_services.residential_group_delete(actor=request.user, group=group)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Group %(name)s deleted.") % {"name": group.name})
            return redirect("group_list", ward.code)
    return render(
        request,
        "community/confirm_delete.html",
        {
            "ward": ward,
            "object": group,
            "title": _("Delete %(name)s?") % {"name": group.name},
            "errors": errors,
            "cancel_url": reverse("group_list", args=[ward.code]),
        },
    )
