"""Temporary: pages that are being built. Removed when every route has its view."""

from django.http import HttpResponse

from taicho.core.web import ward_view


@ward_view
def placeholder(request, ward, *args, **kwargs):
    return HttpResponse("…", content_type="text/plain")
