"""The public shelter lookup: a household gives its code and one of its phone numbers and
sees the shelter it is assigned to, with a small map. No login. When the ward has loaded its
roads, the map draws the way by road (around the roads the plan's flooded zones close, as the
evacuation itself does); otherwise a straight line gives the direction.

Nothing tells a stranger whether a household code exists: a wrong phone and an unknown code
get the same answer. Names and members are never shown. Lookups are counted per address
(taicho.core.ratelimit) so codes cannot be tried in bulk.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from taicho.core import ratelimit
from taicho.core.models import Ward
from taicho.core.phones import normalize_phone
from taicho.shelters import evacuation_selectors as selectors

LOOKUPS_PER_WINDOW = 20
WINDOW_SECONDS = 15 * 60


class LookupForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Household code"), max_length=30)
    phone = forms.CharField(
        label=gettext_lazy("Phone number"),
        max_length=20,
        help_text=gettext_lazy("One of the household's phone numbers, as given to the ward."),
    )

    def clean_phone(self):
        try:
            return normalize_phone(self.cleaned_data["phone"])
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc


def _limit_key(request) -> str:
    return "shelter-lookup:" + (request.META.get("REMOTE_ADDR") or "unknown")


def _answer(ward: Ward, form: LookupForm) -> dict:
    """What the page shows for a valid form: the shelter, or one neutral message."""
    household = selectors.household_for_lookup(
        ward=ward, code=form.cleaned_data["code"], phone=form.cleaned_data["phone"]
    )
    if household is None:
        return {"no_match": True}
    evacuation = selectors.public_evacuation(ward=ward)
    row = selectors.public_row(evacuation=evacuation, household=household) if evacuation else None
    if row is None:
        return {"not_listed": True, "household": household}
    answer = {"row": row, "evacuation": evacuation, "household": household}
    if row.shelter is not None:
        answer["route_link"] = selectors.route_link(row)
        answer["distance_km"] = None if row.distance_m is None else row.distance_m / 1000
        answer["located"] = household.lat is not None and household.lon is not None
        if answer["located"]:
            answer.update(selectors.road_route(ward=ward, evacuation=evacuation, row=row))
    return answer


@require_http_methods(["GET", "POST"])
def shelter_lookup(request, ward_code: int):
    ward = Ward.objects.select_related("province").filter(code=ward_code).first()
    if ward is None:
        raise Http404(_("No such ward."))
    context = {
        "public_ward": ward,
        "tile_url": settings.TAICHO_TILE_URL,
        "tile_attribution": settings.TAICHO_TILE_ATTRIBUTION,
    }
    status = 200
    form = LookupForm(request.POST or None)
    if request.method == "POST":
        if ratelimit.hit(key=_limit_key(request), window_seconds=WINDOW_SECONDS) > (
            LOOKUPS_PER_WINDOW
        ):
            context["limited"] = _(
                "Too many lookups from this connection. Try again in %(minutes)s minutes, or "
                "ask your residential group leader."
            ) % {"minutes": WINDOW_SECONDS // 60}
            status = 429
        elif form.is_valid():
            context.update(_answer(ward, form))
    context["form"] = form
    return render(request, "shelters/public/lookup.html", context, status=status)
