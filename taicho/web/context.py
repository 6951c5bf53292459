"""What every page's top bar needs to know about the user and the ward in the URL."""

from taicho.core.access import can_manage


def ward_navigation(request) -> dict:
    ward = getattr(request, "ward", None)
    if ward is None or not request.user.is_authenticated:
        return {}
    return {"ward": ward, "can_manage_ward": can_manage(request.user, ward_id=ward.id)}
