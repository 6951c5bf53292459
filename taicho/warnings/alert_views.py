"""Ward pages of the ward's alerts: the list, the composer (from a bulletin or from scratch)
with the map and the targeting preview, the alert's page with approval (four eyes), issue,
update and cancellation, and its CAP XML. Thin: the services decide."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taicho.core.access import has_role
from taicho.core.audit import entries_for, history
from taicho.core.forms import save_through
from taicho.core.models import ResidentialGroup, Role
from taicho.core.web import ward_view
from taicho.hazards.models import HazardZone
from taicho.warnings import page_selectors, selectors, services
from taicho.warnings.display import area_texts, level_badge
from taicho.warnings.forms import AlertForm, CancelForm, FollowUpForm, TargetsForm
from taicho.warnings.models import Alert, AlertStatus, MsgType
from taicho.warnings.services.alerts import has_target
from taicho.warnings.services.rendering import SMS_LIMIT
from taicho.warnings.views import bulletin_or_404, may_write, require_write, with_badges

PER_PAGE = 50
EDITABLE = (AlertStatus.DRAFT, AlertStatus.APPROVED)
XML_TYPE = "application/xml; charset=utf-8"


def _alert(request, ward, pk) -> Alert:
    alert = selectors.alerts_for(user=request.user, ward=ward).filter(pk=pk).first()
    if alert is None:
        raise Http404(_("No such alert."))
    return alert


def _choices(request, ward) -> dict:
    return {
        "zones": HazardZone.objects.visible_to(request.user).filter(ward=ward).order_by("code"),
        "groups": ResidentialGroup.objects.visible_to(request.user).filter(ward=ward),
    }


# --- list --------------------------------------------------------------------------------


@ward_view
@require_GET
def alert_list(request, ward):
    status = request.GET.get("status", "")
    status = status if status in AlertStatus.values else ""
    alerts = selectors.alerts_for(
        user=request.user, ward=ward, statuses=(status,) if status else None
    )
    page = Paginator(alerts, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "warnings/alert_list.html",
        {
            "ward": ward,
            "page": page,
            "alerts": with_badges(page.object_list),
            "statuses": AlertStatus.choices,
            "status": status,
            "may_write": may_write(request.user, ward),
        },
    )


# --- the composer ------------------------------------------------------------------------


def _map_config(request, ward, zones) -> dict:
    """What composer.js needs: the zones to draw, where to look, tiles, texts."""
    features = [
        {
            "type": "Feature",
            "geometry": zone.geometry,
            "properties": {"id": zone.pk, "code": zone.code, "name": zone.name},
        }
        for zone in zones
    ]
    centre = [ward.center_lat, ward.center_lon] if ward.center_lat is not None else None
    return {
        "zones": {"type": "FeatureCollection", "features": features},
        "center": centre,
        "tiles": {"url": settings.TAICHO_TILE_URL, "attribution": settings.TAICHO_TILE_ATTRIBUTION},
        "texts": {
            "draw_polygon": _("Draw the area of the alert"),
            "draw_rectangle": _("Draw a rectangle"),
            "cancel": _("Cancel"),
            "finish": _("Finish"),
            "undo": _("Delete the last point"),
            "start": _("Click to start drawing the area."),
            "cont": _("Click to continue drawing the area."),
            "end": _("Click the first point to close the area."),
            "edit": _("Change the area"),
            "remove": _("Delete the area"),
            "save": _("Save"),
            "clear": _("Delete all"),
            "drawn": _("An area is drawn on the map."),
            "none": _("No area drawn."),
        },
    }


def _preview(request, ward):
    """The targeting preview of the posted targets: (result, group rows, error)."""
    form = TargetsForm(request.POST, **_choices(request, ward))
    if not form.is_valid():
        return None, [], " ".join(str(error) for errors in form.errors.values() for error in errors)
    fields = form.target_fields()
    try:
        result = selectors.targets_preview(
            user=request.user,
            ward=ward,
            area_geometry=fields["area_geometry"],
            zone_ids=tuple(zone.pk for zone in fields["zones"]),
            group_ids=tuple(group.pk for group in fields["groups"]),
            whole_ward=fields["whole_ward"],
        )
    except ValidationError as exc:
        return None, [], " ".join(exc.messages)
    rows = page_selectors.target_group_rows(user=request.user, ward=ward, result=result)
    return result, rows, ""


def _composer(request, ward, *, form, title, alert=None, bulletin=None, preview=None):
    choices = _choices(request, ward)
    result, rows, error = preview or (None, [], "")
    return render(
        request,
        "warnings/alert_form.html",
        {
            "ward": ward,
            "form": form,
            "title": title,
            "alert": alert,
            "bulletin": bulletin,
            "sms_limit": SMS_LIMIT,
            "map_config": _map_config(request, ward, choices["zones"]),
            "result": result,
            "group_rows": rows,
            "preview_error": error,
            "previewed": preview is not None,
        },
    )


@ward_view
@require_http_methods(["GET", "POST"])
def alert_create(request, ward):
    """A new alert, from scratch or for a bulletin (?bulletin=): texts left empty come from
    the template for the hazard and level."""
    require_write(request, ward)
    bulletin = None
    if request.GET.get("bulletin", "").isdecimal():
        bulletin = bulletin_or_404(request, ward, int(request.GET["bulletin"]))
    initial = {"level": bulletin.level, "hazard_type": bulletin.hazard_type} if bulletin else {}
    form = AlertForm(
        request.POST or None, initial=initial, from_template=True, **_choices(request, ward)
    )
    title = _("New alert")
    if request.method == "POST" and "preview" in request.POST:
        return _composer(
            request,
            ward,
            form=form,
            title=title,
            bulletin=bulletin,
            preview=_preview(request, ward),
        )
    if request.method == "POST" and form.is_valid():
        alert = save_through(
            form,
            lambda: services.alert_draft(
                actor=request.user, ward=ward, bulletin=bulletin, **form.service_fields()
            ),
        )
        if alert is not None:
            messages.success(request, _("Draft alert saved."))
            return redirect("alert_detail", ward.code, alert.pk)
    return _composer(request, ward, form=form, title=title, bulletin=bulletin)


@ward_view
@require_http_methods(["GET", "POST"])
def alert_edit(request, ward, pk):
    """Change a draft (an approved one goes back to draft and needs approving again)."""
    alert = _alert(request, ward, pk)
    require_write(request, ward)
    if alert.status not in EDITABLE:
        messages.error(request, _("Only a draft can be changed; issue an update instead."))
        return redirect("alert_detail", ward.code, alert.pk)
    form = AlertForm(
        request.POST or None, initial=AlertForm.initial_for(alert), **_choices(request, ward)
    )
    title = _("Compose the alert")
    if request.method == "POST" and "preview" in request.POST:
        return _composer(
            request, ward, form=form, title=title, alert=alert, preview=_preview(request, ward)
        )
    if request.method == "POST" and form.is_valid():
        saved = save_through(
            form,
            lambda: services.alert_update_draft(
                actor=request.user, alert=alert, **form.service_fields()
            ),
        )
        if saved is not None:
            messages.success(request, _("Draft alert saved."))
            return redirect("alert_detail", ward.code, alert.pk)
    return _composer(request, ward, form=form, title=title, alert=alert, bulletin=alert.bulletin)


@ward_view
@require_POST
def alert_preview(request, ward):
    """The targeting preview as a fragment (htmx), computed before anything is saved."""
    result, rows, error = _preview(request, ward)
    return render(
        request,
        "warnings/_targets.html",
        {"result": result, "group_rows": rows, "preview_error": error, "previewed": True},
    )


# --- one alert ---------------------------------------------------------------------------


def _approval(request, ward, alert) -> tuple[bool, str]:
    """(may approve now, why not) for the user looking at a draft."""
    user = request.user
    if not has_role(user, ward_id=ward.id, role=Role.COMMAND_BOARD):
        return False, _("Only a member of the command board can approve an alert.")
    if alert.author_id == user.pk:
        return False, _(
            "You wrote this alert: another member of the command board must approve it."
        )
    if not has_target(alert):
        return False, _("Choose whom the alert is for before it is approved.")
    return True, ""


@ward_view
@require_GET
def alert_detail(request, ward, pk):
    alert = _alert(request, ward, pk)
    user = request.user
    writer = may_write(user, ward)
    # Nothing to count before anyone is chosen; the page says so instead.
    result = selectors.alert_targets(user=user, alert=alert) if has_target(alert) else None
    can_approve, approve_reason = _approval(request, ward, alert)
    zones = list(alert.target_zones.all())
    groups = list(alert.target_groups.all())
    return render(
        request,
        "warnings/alert_detail.html",
        {
            "ward": ward,
            "alert": alert,
            "badge": level_badge(alert.level),
            "zones": zones,
            "groups": groups,
            "areas": area_texts(alert, zones=zones, groups=groups),
            "result": result,
            "group_rows": page_selectors.target_group_rows(user=user, ward=ward, result=result)
            if result is not None
            else [],
            "previewed": True,
            "chain": selectors.alert_chain(user=user, alert=alert),
            "entries": history(entries_for(instance=alert)),
            "show_approve": alert.status == AlertStatus.DRAFT and writer,
            "can_approve": can_approve,
            "approve_reason": approve_reason,
            "can_issue": alert.status == AlertStatus.APPROVED and writer,
            "can_edit": alert.status in EDITABLE and writer,
            "can_follow_up": alert.status == AlertStatus.ISSUED
            and alert.msg_type != MsgType.CANCEL
            and writer,
            "sms_limit": SMS_LIMIT,
        },
    )


def _act(request, ward, pk, service, done: str):
    """Run a state change; what the service refuses is said on the alert's page."""
    alert = _alert(request, ward, pk)
    try:
        service(actor=request.user, alert=alert)
    except (PermissionDenied, ValidationError) as exc:
        reasons = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        for reason in reasons:
            messages.error(request, reason)
    else:
        messages.success(request, done)
    return redirect("alert_detail", ward.code, alert.pk)


@ward_view
@require_POST
def alert_approve(request, ward, pk):
    return _act(request, ward, pk, services.alert_approve, _("Alert approved."))


@ward_view
@require_POST
def alert_issue(request, ward, pk):
    return _act(request, ward, pk, services.alert_issue, _("Alert issued."))


@ward_view
@require_POST
def alert_discard(request, ward, pk):
    return _act(request, ward, pk, services.alert_discard, _("Draft discarded."))


@ward_view
@require_http_methods(["GET", "POST"])
def alert_update(request, ward, pk):
    """Draft an update of an issued alert (a new level, new texts, or the all clear)."""
    alert = _alert(request, ward, pk)
    require_write(request, ward)
    initial = {"level": alert.level, **{name: getattr(alert, name) for name in FollowUpForm.TEXTS}}
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        update = save_through(
            form,
            lambda: services.alert_update(
                actor=request.user, alert=alert, **form.service_fields(alert)
            ),
        )
        if update is not None:
            messages.success(request, _("Update drafted: it needs approving before it is issued."))
            return redirect("alert_detail", ward.code, update.pk)
    return render(
        request,
        "warnings/alert_followup.html",
        {"ward": ward, "alert": alert, "form": form, "sms_limit": SMS_LIMIT, "cancel": False},
    )


@ward_view
@require_http_methods(["GET", "POST"])
def alert_cancel(request, ward, pk):
    """Draft the cancellation of an issued alert, with the reason."""
    alert = _alert(request, ward, pk)
    require_write(request, ward)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cancel = save_through(
            form,
            lambda: services.alert_cancel(
                actor=request.user, alert=alert, reason=form.cleaned_data["reason"]
            ),
        )
        if cancel is not None:
            messages.success(
                request, _("Cancellation drafted: it needs approving before it is issued.")
            )
            return redirect("alert_detail", ward.code, cancel.pk)
    return render(
        request,
        "warnings/alert_followup.html",
        {"ward": ward, "alert": alert, "form": form, "cancel": True},
    )


@ward_view
@require_GET
def alert_cap(request, ward, pk):
    """The issued alert's CAP 1.2 XML, as stored when it was issued."""
    alert = _alert(request, ward, pk)
    if not alert.cap_xml:
        raise Http404(_("This alert has not been issued."))
    response = HttpResponse(alert.cap_xml.encode("utf-8"), content_type=XML_TYPE)
    response["Content-Disposition"] = f'attachment; filename="canh-bao-{ward.code}-{alert.pk}.xml"'
    return response
