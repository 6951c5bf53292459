"""The ward in a URL, resolved for the requesting user: one place for every ward page."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _

from taicho.core.access import can_read_ward
from taicho.core.models import Ward


def ward_for(user, ward_code: int) -> Ward:
    """The ward with this code if `user` may see it; 404 otherwise (never say it exists)."""
    ward = Ward.objects.select_related("province").filter(code=ward_code).first()
    if ward is None or not can_read_ward(user, ward.id):
        raise Http404(_("No such ward."))
    return ward


def ward_view(view):
    """Decorate a view taking `ward_code`: login required, and `ward` passed in its place."""

    @login_required
    @wraps(view)
    def wrapper(request, ward_code: int, *args, **kwargs):
        ward = ward_for(request.user, ward_code)
        request.ward = ward
        return view(request, ward, *args, **kwargs)

    return wrapper
