"""Pages of the household registry and the residential groups. Thin: services do the writes."""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
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
from taicho.core.models import ResidentialGroup
from taicho.core.phones import mask_phone
from taicho.core.views import confirm_delete, form_page
from taicho.core.web import ward_view

PAGE_SIZE = 50
PEOPLE = Household.scope_topic
PLACES = ResidentialGroup.scope_topic
FORM_TEMPLATE = "community/form.html"
DELETE_TEMPLATE = "core/confirm_delete.html"


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
    return form_page(
        request,
        form=form,
        service=partial(services.household_create, ward=ward),
        template=FORM_TEMPLATE,
        context=lambda: {
            "ward": ward,
            "title": _("New household"),
            "cancel_url": reverse("household_list", args=[ward.code]),
        },
        message=lambda household: _("Household %(code)s added.") % {"code": household.code},
        success_url=lambda household: _detail_url(ward, household),
    )


@ward_view
@require_http_methods(["GET", "POST"])
def household_edit(request, ward, pk):
    household = _writable_household(request, ward, pk)
    groups = selectors.people_groups(user=request.user, ward=ward, write=True)
    form = HouseholdForm(
        request.POST or None, groups=groups, initial=HouseholdForm.initial_for(household)
    )
    return form_page(
        request,
        form=form,
        service=partial(services.household_update, household=household),
        template=FORM_TEMPLATE,
        context=lambda: {
            "ward": ward,
            "title": _("Edit household %(code)s") % {"code": household.code},
            "cancel_url": _detail_url(ward, household),
        },
        message=lambda saved: _("Household %(code)s saved.") % {"code": saved.code},
        success_url=lambda saved: _detail_url(ward, saved),
    )


@ward_view
@require_http_methods(["GET", "POST"])
def household_delete(request, ward, pk):
    household = _writable_household(request, ward, pk)
    return confirm_delete(
        request,
        service=partial(services.household_delete, household=household),
        template=DELETE_TEMPLATE,
        context={
            "ward": ward,
            "object": household,
            "title": _("Delete household %(code)s?") % {"code": household.code},
            "warning": _("Its residents are deleted with it."),
            "cancel_url": _detail_url(ward, household),
        },
        message=_("Household %(code)s deleted.") % {"code": household.code},
        success_url=reverse("household_list", args=[ward.code]),
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
    return form_page(
        request,
        form=form,
        service=partial(services.resident_create, household=household),
        template=FORM_TEMPLATE,
        context=lambda: {
            "ward": ward,
            "title": _("New resident of household %(code)s") % {"code": household.code},
            "cancel_url": _detail_url(ward, household),
        },
        message=lambda resident: _("%(name)s added.") % {"name": resident.full_name},
        success_url=lambda resident: _detail_url(ward, household),
    )


@ward_view
@require_http_methods(["GET", "POST"])
def resident_edit(request, ward, pk, resident_pk):
    household, resident = _writable_resident(request, ward, pk, resident_pk)
    form = ResidentForm(request.POST or None, initial=ResidentForm.initial_for(resident))
    return form_page(
        request,
        form=form,
        service=partial(services.resident_update, resident=resident),
        template=FORM_TEMPLATE,
        context=lambda: {
            "ward": ward,
            "title": _("Edit resident %(name)s") % {"name": resident.full_name},
            "cancel_url": _detail_url(ward, household),
        },
        message=lambda saved: _("%(name)s saved.") % {"name": saved.full_name},
        success_url=lambda saved: _detail_url(ward, household),
    )


@ward_view
@require_http_methods(["GET", "POST"])
def resident_delete(request, ward, pk, resident_pk):
    household, resident = _writable_resident(request, ward, pk, resident_pk)
    return confirm_delete(
        request,
        service=partial(services.resident_delete, resident=resident),
        template=DELETE_TEMPLATE,
        context={
            "ward": ward,
            "object": resident,
            "title": _("Delete resident %(name)s?") % {"name": resident.full_name},
            "cancel_url": _detail_url(ward, household),
        },
        message=_("%(name)s deleted.") % {"name": resident.full_name},
        success_url=_detail_url(ward, household),
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
    return _group_form(
        request,
        ward,
        form,
        service=partial(core_services.residential_group_create, ward=ward),
        title=lambda: _("New residential group"),
        message=lambda group: _("Group %(name)s added.") % {"name": group.name},
    )


@ward_view
@require_http_methods(["GET", "POST"])
def group_edit(request, ward, pk):
    group = _writable_group(request, ward, pk)
    form = GroupForm(request.POST or None, initial=GroupForm.initial_for(group))
    return _group_form(
        request,
        ward,
        form,
        service=partial(core_services.residential_group_update, group=group),
        title=lambda: _("Edit %(name)s") % {"name": group.name},
        message=lambda saved: _("Group %(name)s saved.") % {"name": saved.name},
    )


def _group_form(request, ward, form, *, service, title, message):
    return form_page(
        request,
        form=form,
        service=service,
        template=FORM_TEMPLATE,
        context=lambda: {
            "ward": ward,
            "title": title(),
            "cancel_url": reverse("group_list", args=[ward.code]),
        },
        message=message,
        success_url=lambda group: reverse("group_list", args=[ward.code]),
    )


@ward_view
@require_http_methods(["GET", "POST"])
def group_delete(request, ward, pk):
    group = _writable_group(request, ward, pk)
    return confirm_delete(
        request,
        service=partial(core_services.residential_group_delete, group=group),
        template=DELETE_TEMPLATE,
        context={
            "ward": ward,
            "object": group,
            "title": _("Delete %(name)s?") % {"name": group.name},
            "cancel_url": reverse("group_list", args=[ward.code]),
        },
        message=_("Group %(name)s deleted.") % {"name": group.name},
        success_url=reverse("group_list", args=[ward.code]),
    )
