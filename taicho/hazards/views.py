"""Pages of the hazard zone registry. Thin: the service validates and writes."""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taicho.core.access import can_manage, can_write
from taicho.core.audit import entries_for, history
from taicho.core.views import confirm_delete, form_page
from taicho.core.web import ward_view
from taicho.hazards import selectors, services
from taicho.hazards.forms import ZoneForm
from taicho.hazards.models import HazardKind, HazardZone

PLACES = HazardZone.scope_topic
FORM_TEMPLATE = "hazards/zone_form.html"


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


def _detail_url(ward, zone) -> str:
    return reverse("zone_detail", args=[ward.code, zone.pk])


@ward_view
@require_http_methods(["GET", "POST"])
def zone_create(request, ward):
    _require_write(request, ward)
    form = ZoneForm(request.POST or None, reviewers=selectors.reviewer_choices(ward=ward))
    return form_page(
        request,
        form=form,
        service=partial(services.hazard_zone_create, ward=ward),
        template=FORM_TEMPLATE,
        context=lambda: {
            "ward": ward,
            "title": _("New hazard zone"),
            "cancel_url": reverse("zone_list", args=[ward.code]),
        },
        message=lambda zone: _("Hazard zone %(name)s added.") % {"name": zone.name},
        success_url=lambda zone: _detail_url(ward, zone),
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
    return form_page(
        request,
        form=form,
        service=partial(services.hazard_zone_update, zone=zone),
        template=FORM_TEMPLATE,
        context=lambda: {
            "ward": ward,
            "title": _("Edit %(name)s") % {"name": zone.name},
            "cancel_url": _detail_url(ward, zone),
        },
        message=lambda saved: _("Hazard zone %(name)s saved.") % {"name": saved.name},
        success_url=lambda saved: _detail_url(ward, saved),
    )


@ward_view
@require_http_methods(["GET", "POST"])
def zone_delete(request, ward, pk):
    zone = _zone(request, ward, pk)
    _require_write(request, ward)
    return confirm_delete(
        request,
        service=partial(services.hazard_zone_delete, zone=zone),
        template="core/confirm_delete.html",
        context={
            "ward": ward,
            "object": zone,
            "warning": _("The households lying in it will no longer be counted as exposed to it."),
            "title": _("Delete %(name)s?") % {"name": zone.name},
            "cancel_url": _detail_url(ward, zone),
        },
        message=_("Hazard zone %(name)s deleted.") % {"name": zone.name},
        success_url=reverse("zone_list", args=[ward.code]),
    )
