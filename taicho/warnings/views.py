"""Ward pages of bulletins: the warnings home, the bulletin list, a typed bulletin, a CAP
upload, a bulletin's page with its level and the override. Thin: the services validate and
write, and what they refuse lands on the form's fields. Alert pages: alert_views.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taicho.core.access import can_manage, can_write, has_role
from taicho.core.audit import entries_for, history
from taicho.core.forms import add_service_errors, save_through
from taicho.core.models import Role
from taicho.core.views import form_page
from taicho.core.web import ward_view
from taicho.warnings import page_selectors, selectors, services
from taicho.warnings.display import figure_rows, level_badge
from taicho.warnings.forms import BulletinForm, CapUploadForm, OverrideForm, WarningSettingsForm
from taicho.warnings.models import Alert, AlertStatus, Bulletin, BulletinKind, IssuerKind
from taicho.warnings.risk import Hazard

WARNINGS = Bulletin.scope_topic
PER_PAGE = 50
HOME_ROWS = 8


def may_write(user, ward) -> bool:
    return can_write(user, ward_id=ward.id, topic=WARNINGS)


def require_write(request, ward) -> None:
    if not may_write(request.user, ward):
        raise PermissionDenied(
            _("Only the duty officer, the officer and the command board may do this.")
        )


def with_badges(items):
    """Each bulletin or alert with `badge`: its level's number, name and colour."""
    items = list(items)
    for item in items:
        item.badge = level_badge(item.level)
    return items


def bulletin_or_404(request, ward, pk) -> Bulletin:
    bulletin = selectors.bulletins_for(user=request.user, ward=ward).filter(pk=pk).first()
    if bulletin is None:
        raise Http404(_("No such bulletin."))
    return bulletin


def remapped(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    """The service's error keys renamed to the form's field names."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({names.get(key, key): value for key, value in exc.error_dict.items()})


# --- home and lists ----------------------------------------------------------------------


@ward_view
@require_GET
def warnings_home(request, ward):
    user = request.user
    in_force = with_badges(page_selectors.alerts_in_force(user=user, ward=ward))
    return render(
        request,
        "warnings/home.html",
        {
            "ward": ward,
            "active_badge": in_force[0].badge if in_force else None,
            "in_force": in_force,
            "drafts": with_badges(
                selectors.alerts_for(user=user, ward=ward, statuses=(AlertStatus.DRAFT,))[:20]
            ),
            "approved": with_badges(
                selectors.alerts_for(user=user, ward=ward, statuses=(AlertStatus.APPROVED,))[:20]
            ),
            "bulletins": with_badges(selectors.bulletins_for(user=user, ward=ward)[:HOME_ROWS]),
            "may_write": may_write(user, ward),
            "may_manage": can_manage(user, ward_id=ward.id),
            "is_board": has_role(user, ward_id=ward.id, role=Role.COMMAND_BOARD),
        },
    )


@ward_view
@require_GET
def bulletin_list(request, ward):
    page = Paginator(selectors.bulletins_for(user=request.user, ward=ward), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "warnings/bulletin_list.html",
        {
            "ward": ward,
            "page": page,
            "bulletins": with_badges(page.object_list),
            "may_write": may_write(request.user, ward),
        },
    )


# --- receiving ---------------------------------------------------------------------------


def _received(request, ward, received) -> str:
    bulletin = received.bulletin
    if received.duplicate:
        messages.info(
            request, _("This bulletin was already received: it is shown here, not stored twice.")
        )
    else:
        messages.success(
            request, _("Bulletin received: %(headline)s") % {"headline": bulletin.headline}
        )
    return reverse("bulletin_detail", args=[ward.code, bulletin.pk])


@ward_view
@require_http_methods(["GET", "POST"])
def bulletin_create(request, ward):
    """A bulletin typed in from a text, with the figures that give its level."""
    require_write(request, ward)
    initial = {
        "hazard_type": Hazard.STORM,
        "kind": BulletinKind.STORM_ON_EAST_SEA,
        "issuer_kind": IssuerKind.NATIONAL_HYDROMET,
        "issued_at": timezone.localtime().replace(second=0, microsecond=0),
    }
    form = BulletinForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            received = services.bulletin_create_typed(
                actor=request.user, ward=ward, **form.service_fields()
            )
        except ValidationError as exc:
            add_service_errors(form, remapped(exc, form.error_names()))
        else:
            return redirect(_received(request, ward, received))
    return render(request, "warnings/bulletin_form.html", {"ward": ward, "form": form})


def _issues(messages_: list[str]) -> list[tuple[str, str]]:
    """(element path, message) of the CAP module's "path: message" texts."""
    rows = []
    for text in messages_:
        path, separator, message = text.partition(": ")
        rows.append((path, message) if separator and path.startswith("/") else ("", text))
    return rows


@ward_view
@require_http_methods(["GET", "POST"])
def bulletin_import(request, ward):
    """A CAP 1.2 file uploaded by the officer; refused with every error, by element path."""
    require_write(request, ward)
    form = CapUploadForm(request.POST or None, request.FILES or None)
    issues: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            received = services.bulletin_import_cap(
                actor=request.user,
                ward=ward,
                data=upload.read(),
                issuer_kind=form.cleaned_data["issuer_kind"] or None,
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"data": exc.messages}
            issues = _issues(errors.pop("data", []))
            if errors:
                add_service_errors(form, ValidationError(errors))
            form.add_error(
                "file", _("The file is not a valid CAP 1.2 message; nothing was stored.")
            )
        else:
            return redirect(_received(request, ward, received))
    return render(
        request, "warnings/bulletin_import.html", {"ward": ward, "form": form, "issues": issues}
    )


# --- one bulletin and its level ----------------------------------------------------------


def _bulletin_page(request, ward, bulletin: Bulletin, override_form: OverrideForm):
    user = request.user
    context = {
        "ward": ward,
        "bulletin": bulletin,
        "badge": level_badge(bulletin.level),
        "proposed_badge": level_badge(bulletin.proposed_level),
        "figures": figure_rows(bulletin.hazard_type, bulletin.figures),
        "chain": selectors.bulletin_chain(user=user, bulletin=bulletin),
        "alerts": with_badges(
            Alert.objects.visible_to(user).filter(ward=ward, bulletin=bulletin).order_by("-id")
        ),
        "override_form": override_form,
        "may_write": may_write(user, ward),
    }
    if can_manage(user, ward_id=ward.id):
        context["entries"] = history(entries_for(instance=bulletin))
    return render(request, "warnings/bulletin_detail.html", context)


@ward_view
@require_GET
def bulletin_detail(request, ward, pk):
    bulletin = bulletin_or_404(request, ward, pk)
    form = OverrideForm(initial={"level": bulletin.level or bulletin.proposed_level})
    return _bulletin_page(request, ward, bulletin, form)


@ward_view
@require_POST
def bulletin_override(request, ward, pk):
    """Set the level by hand: the reason is required and logged."""
    bulletin = bulletin_or_404(request, ward, pk)
    require_write(request, ward)
    form = OverrideForm(request.POST)
    if form.is_valid():
        saved = save_through(
            form,
            lambda: services.bulletin_override_level(
                actor=request.user,
                bulletin=bulletin,
                level=form.cleaned_data["level"],
                reason=form.cleaned_data["reason"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Risk level set to %(level)s.") % {"level": saved.level})
            return redirect("bulletin_detail", ward.code, bulletin.pk)
    bulletin.refresh_from_db()
    return _bulletin_page(request, ward, bulletin, form)


@ward_view
@require_POST
def bulletin_draft_alert(request, ward, pk):
    """Draft the ward's alert from this bulletin: texts from the template for its hazard and
    level (by the service), then the composer to check them and choose whom it is for."""
    bulletin = bulletin_or_404(request, ward, pk)
    require_write(request, ward)
    try:
        alert = services.alert_draft(actor=request.user, ward=ward, bulletin=bulletin)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(reverse("alert_create", args=[ward.code]) + f"?bulletin={bulletin.pk}")
    messages.success(
        request, _("Draft written from the template. Check the texts and choose whom it is for.")
    )
    return redirect("alert_edit", ward.code, alert.pk)


# --- the ward's CAP settings -------------------------------------------------------------


@ward_view
@require_http_methods(["GET", "POST"])
def warning_settings(request, ward):
    if not can_manage(request.user, ward_id=ward.id):
        raise PermissionDenied(_("Only the command board and the officer may do this."))
    config = selectors.warning_settings_for(user=request.user, ward=ward)
    initial = {"expiry_hours": 24}
    if config is not None:
        initial = {name: getattr(config, name) for name in WarningSettingsForm.base_fields}
    return form_page(
        request,
        form=WarningSettingsForm(request.POST or None, initial=initial),
        service=lambda **fields: services.warning_settings_save(ward=ward, **fields),
        template="warnings/settings.html",
        context=lambda: {"ward": ward},
        message=lambda saved: _("The ward's CAP settings are saved."),
        success_url=lambda saved: reverse("warnings_home", args=[ward.code]),
    )
