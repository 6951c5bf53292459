"""The road network page: the ward's managers upload the roads, see what is loaded, clear it.
Thin: roads_store validates and writes."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from taicho.core.access import can_manage
from taicho.core.web import ward_view
from taicho.shelters.roads_store import road_network_clear, road_network_load, road_network_status


class RoadUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Road file"),
        help_text=gettext_lazy("GeoJSON (LineString roads) or OSM XML of the ward's roads."),
    )


def _upload(request, ward, form) -> bool:
    if not form.is_valid():
        return False
    upload = form.cleaned_data["file"]
    # One byte past the limit is enough for the service to refuse a file too large.
    data = upload.read(settings.TAICHO_IMPORT_MAX_BYTES + 1)
    try:
        row = road_network_load(actor=request.user, ward=ward, data=data, file_name=upload.name)
    except ValidationError as error:
        for message in error.message_dict.get("file", error.messages):
            form.add_error("file", message)
        return False
    messages.success(
        request,
        _("Road network loaded: %(nodes)d nodes, %(segments)d road segments.")
        % {"nodes": row.nodes, "segments": row.segments},
    )
    return True


@ward_view
@require_http_methods(["GET", "POST"])
def road_network_page(request, ward):
    if not can_manage(request.user, ward_id=ward.id):
        raise PermissionDenied(_("Only the command board and the officer may do this."))
    form = RoadUploadForm()
    if request.method == "POST":
        if "clear" in request.POST:
            if road_network_clear(actor=request.user, ward=ward):
                messages.success(request, _("Road network removed."))
            return redirect("road_network", ward.code)
        form = RoadUploadForm(request.POST, request.FILES)
        if _upload(request, ward, form):
            return redirect("road_network", ward.code)
    return render(
        request,
        "shelters/roads/road_network.html",
        {
            "ward": ward,
            "form": form,
            "network": road_network_status(ward=ward),
            "max_bytes": settings.TAICHO_IMPORT_MAX_BYTES,
        },
        status=400 if form.errors else 200,
    )
