from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render

from taicho.core.access import readable_ward_ids
from taicho.core.models import ResidentialGroup, Ward
from taicho.core.web import ward_view
from taicho.exposure.selectors import counts_by_group, counts_by_zone
from taicho.hazards.models import HazardZone


@login_required
def home(request):
    """Straight to the user's ward; a chooser when they see several (city viewers)."""
    ids = readable_ward_ids(request.user)
    wards = Ward.objects.select_related("province")
    wards = wards.filter(id__in=ids) if ids is not None else wards.filter(center_lat__isnull=False)
    wards = list(wards[:500])
    if len(wards) == 1:
        return redirect("ward_dashboard", ward_code=wards[0].code)
    return render(request, "web/home.html", {"wards": wards})


@ward_view
def ward_dashboard(request, ward):
    zones = HazardZone.objects.visible_to(request.user).filter(ward=ward)
    groups = ResidentialGroup.objects.visible_to(request.user).filter(ward=ward)
    by_zone = counts_by_zone(ward_id=ward.id)
    by_group = counts_by_group(ward_id=ward.id)
    return render(
        request,
        "web/dashboard.html",
        {
            "ward": ward,
            "zone_rows": [(zone, by_zone.get(zone.id)) for zone in zones],
            "group_rows": [(group, by_group.get(group.id)) for group in groups],
        },
    )


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
