"""Pages of the hazard zone registry. Thin: the service validates and writes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taicho.core.access import can_manage, can_write
from taicho.core.audit import entries_for, history
from taicho.core.forms import save_through
from taicho.core.web import ward_view
from taicho.hazards import selectors, services
from taicho.hazards.forms import ZoneForm
from taicho.hazards.models import HazardKind, HazardZone

PLACES = HazardZone.scope_topic


def _may_write(user, ward) -> bool:
    return can_write(user, ward_id=ward.id, topic=PLACES)


def _require_write(request, ward) -> None:
    if not _may_write(request.user, ward):
        raise PermissionDenied(_("Only the command board and the officer may change zones."))


def _zone(request, ward, pk) -> HazardZone:
    zone = selectors.zone_for(user=request.user, ward=ward, pk=pk)
    if zone is None:
        raise Http404(_("No such hazard zone."))
    return zone


@ward_view
def zone_list(request, ward):
    kind = request.GET.get("kind", "")
    kind = kind if kind in HazardKind.values else ""
    return render(
        request,
        "hazards/zone_list.html",
        {
            "ward": ward,
            "zones": selectors.zone_rows(user=request.user, ward=ward, kind=kind),
            "kinds": HazardKind.choices,
            "kind": kind,
            "may_write": _may_write(request.user, ward),
        },
    )


@ward_view
def zone_detail(request, ward, pk):
    zone = _zone(request, ward, pk)
    context = {"ward": ward, "zone": zone, "may_write": _may_write(request.user, ward)}
    if can_manage(request.user, ward_id=ward.id):
        context["entries"] = history(entries_for(instance=zone))
    return render(request, "hazards/zone_detail.html", context)


def _form_page(request, ward, form, title, cancel_url):
    return render(
        request,
        "hazards/zone_form.html",
        {"ward": ward, "form": form, "title": title, "cancel_url": cancel_url},
    )


@ward_view
@require_http_methods(["GET", "POST"])
def zone_create(request, ward):
    _require_write(request, ward)
    form = ZoneForm(request.POST or None, reviewers=selectors.reviewer_choices(ward=ward))
    if request.method == "POST" and form.is_valid():
        zone = save_through(
            form,
            lambda: services.hazard_zone_create(
                actor=request.user, ward=ward, **form.service_fields()
            ),
        )
        if zone is not None:
            messages.success(request, _("Hazard zone %(name)s added.") % {"name": zone.name})
            return redirect("zone_detail", ward.code, zone.pk)
    return _form_page(
        request, ward, form, _("New hazard zone"), reverse("zone_list", args=[ward.code])
    )


@ward_view
@require_http_methods(["GET", "POST"])
def zone_edit(request, ward, pk):
    zone = _zone(request, ward, pk)
    _require_write(request, ward)
    form = ZoneForm(
        request.POST or None,
        reviewers=selectors.reviewer_choices(ward=ward, current_id=zone.reviewed_by_id),
        initial=ZoneForm.initial_for(zone),
    )
    if request.method == "POST" and form.is_valid():
        saved = save_through(
            form,
            lambda: services.hazard_zone_update(
                actor=request.user, zone=zone, **form.service_fields()
            ),
        )
        if saved is not None:
            messages.success(request, _("Hazard zone %(name)s saved.") % {"name": saved.name})
            return redirect("zone_detail", ward.code, saved.pk)
    return _form_page(
        request,
        ward,
        form,
        _("Edit %(name)s") % {"name": zone.name},
        reverse("zone_detail", args=[ward.code, zone.pk]),
    )


@ward_view
@require_http_methods(["GET", "POST"])
def zone_delete(request, ward, pk):
    zone = _zone(request, ward, pk)
    _require_write(request, ward)
    if request.method == "POST":
        services.hazard_zone_delete(actor=request.user, zone=zone)
        messages.success(request, _("Hazard zone %(name)s deleted.") % {"name": zone.name})
        return redirect("zone_list", ward.code)
    return render(
        request,
        "hazards/confirm_delete.html",
        {
            "ward": ward,
            "object": zone,
            "title": _("Delete %(name)s?") % {"name": zone.name},
            "cancel_url": reverse("zone_detail", args=[ward.code, zone.pk]),
        },
    )
