from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from taicho.core import ratelimit
from taicho.core.access import readable_ward_ids
from taicho.core.models import ResidentialGroup, Ward
from taicho.core.web import ward_view
from taicho.dispatch.selectors import paused_channels
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
            "paused_channels": paused_channels(user=request.user, ward=ward),
        },
    )


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


class LoginView(auth_views.LoginView):
    """Django's login, refusing further tries from one address after too many failures."""

    redirect_authenticated_user = True

    def _key(self) -> str:
        return "login:" + (self.request.META.get("REMOTE_ADDR") or "unknown")

    def post(self, request, *args, **kwargs):
        if ratelimit.count(key=self._key()) >= settings.TAICHO_LOGIN_ATTEMPTS:
            form = self.get_form()
            minutes = max(1, settings.TAICHO_LOGIN_WINDOW_SECONDS // 60)
            form.add_error(
                None,
                _("Too many failed attempts. Try again in %(minutes)s minutes.")
                % {"minutes": minutes},
            )
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        ratelimit.hit(key=self._key(), window_seconds=settings.TAICHO_LOGIN_WINDOW_SECONDS)
        return super().form_invalid(form)
