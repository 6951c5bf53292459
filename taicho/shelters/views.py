"""Pages of the shelter registry. Thin: the service validates and writes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taicho.core.access import can_manage, can_write
from taicho.core.audit import entries_for, history
from taicho.core.forms import save_through
from taicho.core.web import ward_view
from taicho.hazards.models import HazardKind
from taicho.shelters import selectors, services
from taicho.shelters.forms import ShelterForm
from taicho.shelters.models import Shelter

PLACES = Shelter.scope_topic


def _may_write(user, ward) -> bool:
    return can_write(user, ward_id=ward.id, topic=PLACES)


def _require_write(request, ward) -> None:
    if not _may_write(request.user, ward):
        raise PermissionDenied(_("Only the command board and the officer may change shelters."))


def _shelter(request, ward, pk) -> Shelter:
    return get_object_or_404(Shelter.objects.visible_to(request.user).filter(ward=ward), pk=pk)


@ward_view
def shelter_list(request, ward):
    hazard = request.GET.get("hazard", "")
    hazard = hazard if hazard in HazardKind.values else ""
    shelters = list(selectors.shelter_rows(user=request.user, ward=ward, hazard_kind=hazard))
    for shelter in shelters:
        shelter.kind_labels = selectors.hazard_kind_labels(shelter)
    return render(
        request,
        "shelters/shelter_list.html",
        {
            "ward": ward,
            "shelters": shelters,
            "capacity": sum(shelter.capacity for shelter in shelters),
            "hazards": HazardKind.choices,
            "hazard": hazard,
            "may_write": _may_write(request.user, ward),
        },
    )


@ward_view
def shelter_detail(request, ward, pk):
    shelter = _shelter(request, ward, pk)
    context = {
        "ward": ward,
        "shelter": shelter,
        "kind_labels": selectors.hazard_kind_labels(shelter),
        "may_write": _may_write(request.user, ward),
    }
    if can_manage(request.user, ward_id=ward.id):
        context["entries"] = history(entries_for(instance=shelter))
    return render(request, "shelters/shelter_detail.html", context)


def _form_page(request, ward, form, title, cancel_url):
    return render(
        request,
        "shelters/shelter_form.html",
        {"ward": ward, "form": form, "title": title, "cancel_url": cancel_url},
    )


@ward_view
@require_http_methods(["GET", "POST"])
def shelter_create(request, ward):
    _require_write(request, ward)
    form = ShelterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        shelter = save_through(
            form,
            lambda: services.shelter_create(actor=request.user, ward=ward, **form.service_fields()),
        )
        if shelter is not None:
            messages.success(request, _("Shelter %(name)s added.") % {"name": shelter.name})
            return redirect("shelter_detail", ward.code, shelter.pk)
    return _form_page(
        request, ward, form, _("New shelter"), reverse("shelter_list", args=[ward.code])
    )


@ward_view
@require_http_methods(["GET", "POST"])
def shelter_edit(request, ward, pk):
    shelter = _shelter(request, ward, pk)
    _require_write(request, ward)
    form = ShelterForm(request.POST or None, initial=ShelterForm.initial_for(shelter))
    if request.method == "POST" and form.is_valid():
        saved = save_through(
            form,
            lambda: services.shelter_update(
                actor=request.user, shelter=shelter, **form.service_fields()
            ),
        )
        if saved is not None:
            messages.success(request, _("Shelter %(name)s saved.") % {"name": saved.name})
            return redirect("shelter_detail", ward.code, saved.pk)
    return _form_page(
        request,
        ward,
        form,
        _("Edit %(name)s") % {"name": shelter.name},
        reverse("shelter_detail", args=[ward.code, shelter.pk]),
    )


@ward_view
@require_http_methods(["GET", "POST"])
def shelter_delete(request, ward, pk):
    shelter = _shelter(request, ward, pk)
    _require_write(request, ward)
    if request.method == "POST":
        services.shelter_delete(actor=request.user, shelter=shelter)
        messages.success(request, _("Shelter %(name)s deleted.") % {"name": shelter.name})
        return redirect("shelter_list", ward.code)
    return render(
        request,
        "shelters/confirm_delete.html",
        {
            "ward": ward,
            "object": shelter,
            "title": _("Delete %(name)s?") % {"name": shelter.name},
            "cancel_url": reverse("shelter_detail", args=[ward.code, shelter.pk]),
        },
    )
