"""The ward map page and the JSON endpoints its script reads and writes."""

import json

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_POST

from taicho.core.access import can_write
from taicho.core.web import ward_view
from taicho.hazards.models import HazardKind, HazardZone
from taicho.hazards.services import hazard_zone_create, hazard_zone_update
from taicho.web import map_data

GEOJSON = "application/geo+json"
# Compact separators: the households list is the largest response of the app.
COMPACT = {"separators": (",", ":"), "ensure_ascii": False}
ZONE_TEXT_FIELDS = ("code", "name", "kind")


def _errors(status: int, errors: dict[str, list[str]]) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status, json_dumps_params=COMPACT)


def _validation_errors(exc: ValidationError) -> JsonResponse:
    if hasattr(exc, "error_dict"):
        return _errors(400, exc.message_dict)
    return _errors(400, {NON_FIELD_ERRORS: exc.messages})


def _forbidden(exc: PermissionDenied) -> JsonResponse:
    return _errors(403, {NON_FIELD_ERRORS: [str(exc) or _("You may not do this.")]})


def _json_body(request) -> dict:
    """The request's JSON object; ValidationError (not a 500) for anything else."""
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(_("The request is not valid JSON.")) from exc
    if not isinstance(body, dict):
        raise ValidationError(_("The request must be a JSON object."))
    return body


# -- The page -------------------------------------------------------------------------------


def _draw_texts() -> dict:
    """Leaflet.draw's texts (L.drawLocal), in the user's language; merged over its defaults."""
    cancel = {"title": _("Cancel drawing"), "text": _("Cancel")}
    return {
        "draw": {
            "toolbar": {
                "actions": cancel,
                "finish": {"title": _("Finish drawing"), "text": _("Finish")},
                "undo": {"title": _("Delete the last point drawn"), "text": _("Delete last point")},
                "buttons": {
                    "polyline": _("Draw a line (dyke, river bank)"),
                    "polygon": _("Draw an area"),
                    "rectangle": _("Draw a rectangle"),
                    "marker": _("Mark a point (weak point)"),
                },
            },
            "handlers": {
                "marker": {"tooltip": {"start": _("Click the map to place the point.")}},
                "polygon": {
                    "tooltip": {
                        "start": _("Click to start drawing the area."),
                        "cont": _("Click to continue drawing the area."),
                        "end": _("Click the first point to close the area."),
                    }
                },
                "polyline": {
                    "error": _("The edges of a shape must not cross."),
                    "tooltip": {
                        "start": _("Click to start drawing the line."),
                        "cont": _("Click to continue drawing the line."),
                        "end": _("Click the last point to finish the line."),
                    },
                },
                "rectangle": {"tooltip": {"start": _("Click and drag to draw a rectangle.")}},
                "simpleshape": {"tooltip": {"end": _("Release the mouse to finish drawing.")}},
            },
        },
        "edit": {
            "toolbar": {
                "actions": {
                    "save": {"title": _("Save the changes"), "text": _("Save")},
                    "cancel": {
                        "title": _("Cancel editing and undo the changes"),
                        "text": _("Cancel"),
                    },
                    "clearAll": {"title": _("Clear all layers"), "text": _("Clear all")},
                },
                "buttons": {
                    "edit": _("Edit the shape of hazard zones"),
                    "editDisabled": _("No hazard zones to edit"),
                    "remove": _("Delete"),
                    "removeDisabled": _("Nothing to delete"),
                },
            },
            "handlers": {
                "edit": {
                    "tooltip": {
                        "text": _("Drag the handles to change the zone's shape."),
                        "subtext": _("Press Cancel to undo the changes."),
                    }
                },
            },
        },
    }


def _page_texts() -> dict:
    """The texts map.js shows (popups, counts, errors), in the user's language."""
    return {
        "layer_zones": _("Hazard zones"),
        "layer_households": _("Households"),
        "layer_shelters": _("Shelters"),
        "households": _("households"),
        "residents": _("residents"),
        "vulnerable": _("vulnerable"),
        "vulnerable_households": _("vulnerable households"),
        "capacity": _("Capacity"),
        "persons": _("persons"),
        "details": _("Open details"),
        "loading": _("Loading…"),
        "load_failed": _("Could not load the map data. Check the connection and reload."),
        "save_failed": _("Could not save. Check the connection and try again."),
        "forbidden": _("You may not change this ward's hazard zones."),
        "saved_zone": _("Hazard zone saved."),
        "saved_shape": _("The new shape of “%(name)s” is saved."),
        "shape_rejected": _("The shape of “%(name)s” was not saved:"),
        "field_code": _("Code"),
        "field_name": _("Name"),
        "field_kind": _("Kind"),
        "field_geometry": _("Shape"),
    }


def _focus_zone(request) -> int | None:
    value = request.GET.get("zone", "")
    return int(value) if value.isdecimal() else None


@ward_view
@require_GET
def ward_map(request, ward):
    can_edit = can_write(request.user, ward_id=ward.id, topic=HazardZone.scope_topic)
    household_url = reverse("ward_map_household", args=[ward.code, 0])
    config = {
        "lang": get_language(),
        "view": map_data.map_view_box(ward=ward, user=request.user),
        "tiles": {"url": settings.TAICHO_TILE_URL, "attribution": settings.TAICHO_TILE_ATTRIBUTION},
        "urls": {
            "zones": reverse("ward_map_zones", args=[ward.code]),
            "households": reverse("ward_map_households", args=[ward.code]),
            "household": household_url.replace("/0.json", "/{id}.json"),
            "shelters": reverse("ward_map_shelters", args=[ward.code]),
            "zone_create": reverse("ward_map_zone_create", args=[ward.code]),
        },
        "colours": {
            "kinds": {row["kind"]: row["colour"] for row in map_data.kind_legend()},
            "fallback": map_data.FALLBACK_KIND_COLOUR,
            "household": map_data.HOUSEHOLD_COLOUR,
            "vulnerable": map_data.VULNERABLE_COLOUR,
            "shelter": map_data.SHELTER_COLOUR,
        },
        "focus_zone": _focus_zone(request),
        "can_edit": can_edit,
        "texts": _page_texts(),
        "draw_texts": _draw_texts() if can_edit else {},
    }
    return render(
        request,
        "web/map.html",
        {
            "ward": ward,
            "config": config,
            "can_edit": can_edit,
            "groups": map_data.map_groups(ward=ward, user=request.user),
            "kinds": map_data.kind_legend(),
            "kind_choices": HazardKind.choices,
            "colours": config["colours"],
        },
    )


# -- Layer data -----------------------------------------------------------------------------


@ward_view
@require_GET
def zones_geojson(request, ward):
    data = map_data.zones_collection(ward=ward, user=request.user)
    return JsonResponse(data, content_type=GEOJSON, json_dumps_params=COMPACT)


@ward_view
@require_GET
@gzip_page
def households_json(request, ward):
    group = request.GET.get("group", "")
    if group and not group.isdecimal():
        return _errors(400, {"group": [_("The residential group must be a number.")]})
    data = map_data.household_rows(
        ward=ward, user=request.user, group_id=int(group) if group else None
    )
    return JsonResponse(data, json_dumps_params=COMPACT)


@ward_view
@require_GET
def household_json(request, ward, pk: int):
    data = map_data.household_summary(ward=ward, user=request.user, pk=pk)
    if data is None:
        raise Http404(_("No such household."))
    return JsonResponse(data, json_dumps_params=COMPACT)


@ward_view
@require_GET
def shelters_geojson(request, ward):
    data = map_data.shelters_collection(ward=ward, user=request.user)
    return JsonResponse(data, content_type=GEOJSON, json_dumps_params=COMPACT)


# -- Drawing and editing zones --------------------------------------------------------------


@ward_view
@require_POST
def zone_create(request, ward):
    if not can_write(request.user, ward_id=ward.id, topic=HazardZone.scope_topic):
        return _forbidden(PermissionDenied(_("You may not change this ward's hazard zones.")))
    try:
        body = _json_body(request)
        not_text = [name for name in ZONE_TEXT_FIELDS if not isinstance(body.get(name, ""), str)]
        if not_text:
            raise ValidationError({name: [_("This must be text.")] for name in not_text})
        zone = hazard_zone_create(
            actor=request.user,
            ward=ward,
            code=body.get("code", ""),
            name=body.get("name", ""),
            kind=body.get("kind", ""),
            geometry=body.get("geometry"),
        )
    except ValidationError as exc:
        return _validation_errors(exc)
    except PermissionDenied as exc:
        return _forbidden(exc)
    feature = map_data.one_zone_feature(zone=zone, ward=ward)
    return JsonResponse({"zone": feature}, status=201, json_dumps_params=COMPACT)


@ward_view
@require_POST
def zone_geometry(request, ward, pk: int):
    zone = HazardZone.objects.visible_to(request.user).filter(ward=ward, pk=pk).first()
    if zone is None:
        raise Http404(_("No such hazard zone."))
    if not can_write(request.user, ward_id=ward.id, topic=HazardZone.scope_topic):
        return _forbidden(PermissionDenied(_("You may not change this ward's hazard zones.")))
    try:
        body = _json_body(request)
        geometry = body.get("geometry")
        if geometry is None:
            raise ValidationError({"geometry": [_("The new shape is missing.")]})
        zone = hazard_zone_update(actor=request.user, zone=zone, geometry=geometry)
    except ValidationError as exc:
        return _validation_errors(exc)
    except PermissionDenied as exc:
        return _forbidden(exc)
    feature = map_data.one_zone_feature(zone=zone, ward=ward)
    return JsonResponse({"zone": feature}, json_dumps_params=COMPACT)
