"""Pages of the shelter registry. Thin: the service validates and writes."""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taicho.core.access import can_manage, can_write
from taicho.core.audit import entries_for, history
from taicho.core.views import confirm_delete, form_page
from taicho.core.web import ward_view
from taicho.hazards.models import HazardKind
from taicho.shelters import selectors, services
from taicho.shelters.forms import ShelterForm
from taicho.shelters.models import Shelter

PLACES = Shelter.scope_topic
FORM_TEMPLATE = "shelters/shelter_form.html"


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


def _detail_url(ward, shelter) -> str:
    return reverse("shelter_detail", args=[ward.code, shelter.pk])


@ward_view
@require_http_methods(["GET", "POST"])
def shelter_create(request, ward):
    _require_write(request, ward)
    form = ShelterForm(request.POST or None)
    return form_page(
        request,
        form=form,
        service=partial(services.shelter_create, ward=ward),
        template=FORM_TEMPLATE,
        context=lambda: {
            "ward": ward,
            "title": _("New shelter"),
            "cancel_url": reverse("shelter_list", args=[ward.code]),
        },
        message=lambda shelter: _("Shelter %(name)s added.") % {"name": shelter.name},
        success_url=lambda shelter: _detail_url(ward, shelter),
    )


@ward_view
@require_http_methods(["GET", "POST"])
def shelter_edit(request, ward, pk):
    shelter = _shelter(request, ward, pk)
    _require_write(request, ward)
    form = ShelterForm(request.POST or None, initial=ShelterForm.initial_for(shelter))
    return form_page(
        request,
        form=form,
        service=partial(services.shelter_update, shelter=shelter),
        template=FORM_TEMPLATE,
        context=lambda: {
            "ward": ward,
            "title": _("Edit %(name)s") % {"name": shelter.name},
            "cancel_url": _detail_url(ward, shelter),
        },
        message=lambda saved: _("Shelter %(name)s saved.") % {"name": saved.name},
        success_url=lambda saved: _detail_url(ward, saved),
    )


@ward_view
@require_http_methods(["GET", "POST"])
def shelter_delete(request, ward, pk):
    shelter = _shelter(request, ward, pk)
    _require_write(request, ward)
    return confirm_delete(
        request,
        service=partial(services.shelter_delete, shelter=shelter),
        template="core/confirm_delete.html",
        context={
            "ward": ward,
            "object": shelter,
            "title": _("Delete %(name)s?") % {"name": shelter.name},
            "cancel_url": _detail_url(ward, shelter),
        },
        message=_("Shelter %(name)s deleted.") % {"name": shelter.name},
        success_url=reverse("shelter_list", args=[ward.code]),
    )
