"""Pages of the response plans: the table by hazard × level, a plan, its versions, its
review, and starting an evacuation from it. Thin: the services validate and write."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from taicho.community.models import HousingType
from taicho.community.vulnerability import FLAG_LABELS
from taicho.core.access import can_manage, can_write
from taicho.core.audit import entries_for, history
from taicho.core.forms import save_through
from taicho.core.models import ResidentialGroup
from taicho.core.views import form_page
from taicho.core.web import ward_view
from taicho.hazards.models import HazardZone
from taicho.hazards.selectors import reviewer_choices
from taicho.shelters import evacuation_selectors as selectors
from taicho.shelters import evacuations, lists, plans
from taicho.shelters.evacuation_models import EvacuationStatus
from taicho.shelters.models import Evacuation, ResponsePlan, Shelter
from taicho.shelters.plan_forms import (
    EvacuationStartForm,
    HelperForm,
    PinForm,
    PlanContentForm,
    PlanCreateForm,
    PlanReviewForm,
)
from taicho.shelters.roads_store import road_network_status
from taicho.warnings.display import level_badge
from taicho.warnings.models import TemplateKind
from taicho.warnings.services.templates import template_for

TOPIC = ResponsePlan.scope_topic
FORM_TEMPLATE = "shelters/plans/plan_form.html"


def may_write(user, ward) -> bool:
    return can_write(user, ward_id=ward.id, topic=TOPIC)


def require_write(request, ward) -> None:
    if not may_write(request.user, ward):
        raise PermissionDenied(_("Only the command board and the officer may change plans."))


def _plan(request, ward, pk) -> ResponsePlan:
    plans_seen = ResponsePlan.objects.visible_to(request.user).filter(ward=ward)
    return get_object_or_404(plans_seen, pk=pk)


def _detail_url(ward, plan) -> str:
    return reverse("plan_detail", args=[ward.code, plan.pk])


def _content_choices(request, ward) -> dict:
    return {
        "zones": HazardZone.objects.visible_to(request.user).filter(ward=ward).order_by("code"),
        "shelters": Shelter.objects.visible_to(request.user).filter(ward=ward).order_by("code"),
    }


@ward_view
def plan_list(request, ward):
    rows = selectors.plan_matrix(user=request.user, ward=ward)
    for row in rows:
        for cell in row.cells:
            for plan in cell:
                plan.overdue = plans.review_overdue(plan)
    return render(
        request,
        "shelters/plans/plan_list.html",
        {
            "ward": ward,
            "rows": rows,
            "badges": [level_badge(level) for level in selectors.LEVELS],
            "evacuations": selectors.evacuations_for(user=request.user, ward=ward),
            "may_write": may_write(request.user, ward),
            "may_manage": can_manage(request.user, ward_id=ward.id),
            "road_network": road_network_status(ward=ward),
        },
    )


@ward_view
def plan_detail(request, ward, pk):
    plan = _plan(request, ward, pk)
    context = {
        "ward": ward,
        "plan": plan,
        "badge": level_badge(plan.level),
        "zones": plan.evacuate_zones.order_by("code"),
        "housing": plans.labels(plan.evacuate_housing_types, dict(HousingType.choices)),
        "vulnerable": plans.labels(plan.evacuate_vulnerable, FLAG_LABELS),
        "shelters": plan.shelters.order_by("code"),
        "reach": selectors.plan_reach(plan=plan),
        "versions": selectors.plan_versions(user=request.user, plan=plan),
        "review_due": plans.review_due(plan),
        "overdue": plans.review_overdue(plan),
        "template": template_for(
            ward=ward, hazard_type=plan.hazard_type, level=plan.level, kind=TemplateKind.WARNING
        ),
        "evacuations": selectors.evacuations_for(user=request.user, ward=ward, plan=plan),
        "may_write": may_write(request.user, ward),
    }
    if can_manage(request.user, ward_id=ward.id):
        context["entries"] = history(entries_for(instance=plan))
    return render(request, "shelters/plans/plan_detail.html", context)


@ward_view
@require_http_methods(["GET", "POST"])
def plan_create(request, ward):
    require_write(request, ward)
    form = PlanCreateForm(request.POST or None, **_content_choices(request, ward))
    return form_page(
        request,
        form=form,
        service=partial(plans.plan_create, ward=ward),
        template=FORM_TEMPLATE,
        context=lambda: {
            "ward": ward,
            "title": _("New response plan"),
            "cancel_url": reverse("plan_list", args=[ward.code]),
        },
        message=lambda plan: _("Plan %(name)s saved.") % {"name": plan.name},
        success_url=lambda plan: _detail_url(ward, plan),
    )


@ward_view
@require_http_methods(["GET", "POST"])
def plan_revise(request, ward, pk):
    plan = _plan(request, ward, pk)
    require_write(request, ward)
    form = PlanContentForm(
        request.POST or None,
        initial=PlanContentForm.initial_for(plan),
        **_content_choices(request, ward),
    )
    return form_page(
        request,
        form=form,
        service=partial(plans.plan_revise, plan=plan),
        template=FORM_TEMPLATE,
        context=lambda: {
            "ward": ward,
            "plan": plan,
            "title": _("Revise %(name)s (a new version %(version)s)")
            % {"name": plan.name, "version": plan.version + 1},
            "cancel_url": _detail_url(ward, plan),
        },
        message=lambda saved: (
            _("Version %(version)s of the plan saved.") % {"version": saved.version}
        ),
        success_url=lambda saved: _detail_url(ward, saved),
    )


@ward_view
@require_http_methods(["GET", "POST"])
def plan_review(request, ward, pk):
    plan = _plan(request, ward, pk)
    require_write(request, ward)
    reviewers = reviewer_choices(ward=ward, current_id=request.user.pk)
    form = PlanReviewForm(
        request.POST or None, reviewers=reviewers, initial={"reviewer": request.user.pk}
    )
    return form_page(
        request,
        form=form,
        service=partial(plans.plan_review, plan=plan),
        template=FORM_TEMPLATE,
        context=lambda: {
            "ward": ward,
            "plan": plan,
            "title": _("Review of %(name)s") % {"name": plan.name},
            "cancel_url": _detail_url(ward, plan),
        },
        message=lambda saved: _("Review recorded."),
        success_url=lambda saved: _detail_url(ward, saved),
    )


@ward_view
@require_http_methods(["GET", "POST"])
def plan_start(request, ward, pk):
    """Start (or prepare) an evacuation from the plan: the optimiser assigns the shelters."""
    plan = _plan(request, ward, pk)
    require_write(request, ward)
    form = EvacuationStartForm(
        request.POST or None, alerts=selectors.issued_alerts(user=request.user, ward=ward)
    )
    return form_page(
        request,
        form=form,
        service=partial(evacuations.evacuation_start, ward=ward, plan=plan),
        template="shelters/plans/plan_start.html",
        context=lambda: {
            "ward": ward,
            "plan": plan,
            "badge": level_badge(plan.level),
            "reach": selectors.plan_reach(plan=plan),
            "title": _("Evacuate: %(name)s") % {"name": plan.name},
            "cancel_url": _detail_url(ward, plan),
        },
        message=lambda evacuation: (
            _("Evacuation %(name)s: shelters assigned.") % {"name": evacuation.name}
        ),
        success_url=lambda evacuation: reverse(
            "evacuation_detail", args=[ward.code, evacuation.pk]
        ),
    )


# --- evacuations ------------------------------------------------------------------------------


def _evacuation(request, ward, pk) -> Evacuation:
    seen = Evacuation.objects.visible_to(request.user).filter(ward=ward).select_related("plan")
    return get_object_or_404(seen, pk=pk)


def _evacuation_url(ward, evacuation) -> str:
    return reverse("evacuation_detail", args=[ward.code, evacuation.pk])


def _pin_form(request, ward, evacuation, data=None) -> PinForm:
    return PinForm(
        data,
        rows=selectors.visible_rows(user=request.user, evacuation=evacuation),
        shelters=Shelter.objects.visible_to(request.user).filter(ward=ward).order_by("code"),
    )


def _helper_form(request, evacuation, data=None) -> HelperForm:
    return HelperForm(data, rows=selectors.visible_rows(user=request.user, evacuation=evacuation))


def _km(metres: int | None) -> float | None:
    return None if metres is None else metres / 1000


def _evacuation_page(request, ward, evacuation, *, pin_form=None, helper_form=None, errors=()):
    open_ = evacuation.status != EvacuationStatus.CLOSED
    writer = may_write(request.user, ward) and open_
    context = {
        "ward": ward,
        "evacuation": evacuation,
        "badge": level_badge(evacuation.plan.level) if evacuation.plan else None,
        "totals": selectors.evacuation_totals(evacuation=evacuation),
        "loads": selectors.shelter_loads(evacuation=evacuation),
        "groups": selectors.group_rows(user=request.user, evacuation=evacuation),
        "unassigned": selectors.unassigned_rows(user=request.user, evacuation=evacuation)[:200],
        "note_lines": [line for line in evacuation.solver_note.splitlines() if line.strip()],
        "total_km": _km(evacuation.total_distance_m),
        "bound_km": _km(evacuation.lower_bound_m),
        "gap_percent": None if evacuation.gap is None else evacuation.gap * 100,
        "may_write": writer,
        "may_help": open_ and selectors.may_write_some_households(user=request.user, ward=ward),
        "may_manage": can_manage(request.user, ward_id=ward.id),
        "errors": errors,
    }
    if writer:
        context["pin_form"] = pin_form or _pin_form(request, ward, evacuation)
    if context["may_help"]:
        context["helper_form"] = helper_form or _helper_form(request, evacuation)
    return render(request, "shelters/evacuations/evacuation_detail.html", context)


@ward_view
def evacuation_list(request, ward):
    return render(
        request,
        "shelters/evacuations/evacuation_list.html",
        {
            "ward": ward,
            "evacuations": selectors.evacuations_for(user=request.user, ward=ward, limit=100),
        },
    )


@ward_view
def evacuation_detail(request, ward, pk):
    return _evacuation_page(request, ward, _evacuation(request, ward, pk))


def _act(request, ward, evacuation, call, message: str):
    """Run a service on POST; back to the evacuation with its message, or its refusal."""
    try:
        call(actor=request.user, evacuation=evacuation)
    except ValidationError as exc:
        return _evacuation_page(request, ward, evacuation, errors=exc.messages)
    messages.success(request, message)
    return redirect(_evacuation_url(ward, evacuation))


@ward_view
@require_POST
def evacuation_rerun(request, ward, pk):
    evacuation = _evacuation(request, ward, pk)
    require_write(request, ward)
    return _act(
        request, ward, evacuation, evacuations.evacuation_reassign, _("Shelters assigned again.")
    )


@ward_view
@require_POST
def evacuation_begin(request, ward, pk):
    evacuation = _evacuation(request, ward, pk)
    require_write(request, ward)
    return _act(
        request, ward, evacuation, evacuations.evacuation_begin, _("The evacuation has started.")
    )


@ward_view
@require_POST
def evacuation_close(request, ward, pk):
    evacuation = _evacuation(request, ward, pk)
    require_write(request, ward)
    return _act(
        request, ward, evacuation, evacuations.evacuation_close, _("The evacuation is closed.")
    )


@ward_view
@require_POST
def evacuation_pin(request, ward, pk):
    """Pin one household to a shelter (or unpin it), then re-run the optimiser for the rest."""
    evacuation = _evacuation(request, ward, pk)
    require_write(request, ward)
    form = _pin_form(request, ward, evacuation, request.POST)
    if form.is_valid():
        row, shelter = form.cleaned_data["row"], form.cleaned_data["shelter"]

        def pin_and_rerun():
            evacuations.evacuation_pin(
                actor=request.user, evacuation=evacuation, household=row.household, shelter=shelter
            )
            return evacuations.evacuation_reassign(actor=request.user, evacuation=evacuation)

        with transaction.atomic():
            done = save_through(form, pin_and_rerun)
        if done is not None:
            messages.success(
                request,
                _("Household %(code)s pinned; the others assigned again.")
                % {"code": row.household.code}
                if shelter
                else _("Pin of household %(code)s removed; shelters assigned again.")
                % {"code": row.household.code},
            )
            return redirect(_evacuation_url(ward, evacuation))
    return _evacuation_page(request, ward, evacuation, pin_form=form)


@ward_view
@require_POST
def evacuation_helper(request, ward, pk):
    evacuation = _evacuation(request, ward, pk)
    form = _helper_form(request, evacuation, request.POST)
    if form.is_valid():
        row = form.cleaned_data["row"]
        done = save_through(
            form,
            lambda: evacuations.evacuation_set_helper(
                actor=request.user,
                evacuation=evacuation,
                household=row.household,
                helper=form.cleaned_data["helper"],
            ),
        )
        if done is not None:
            messages.success(
                request, _("Saved who helps household %(code)s.") % {"code": row.household.code}
            )
            return redirect(_evacuation_url(ward, evacuation))
    return _evacuation_page(request, ward, evacuation, helper_form=form)


# --- lists on paper and in a workbook ------------------------------------------------------


def _group(request, ward, evacuation, group_pk) -> ResidentialGroup:
    groups = ResidentialGroup.objects.visible_to(request.user).filter(ward=ward)
    group = get_object_or_404(groups, pk=group_pk)
    if not selectors.may_read_group(user=request.user, group=group):
        raise Http404(_("No such residential group."))
    return group


def _list_page(request, ward, evacuation, sections):
    return render(
        request,
        "shelters/evacuations/group_list.html",
        {
            "ward": ward,
            "evacuation": evacuation,
            "sections": sections,
            "printed_on": timezone.localtime(),
        },
    )


@ward_view
def evacuation_group_list(request, ward, pk, group_pk):
    """One group's evacuation list, printable on A4."""
    evacuation = _evacuation(request, ward, pk)
    group = _group(request, ward, evacuation, group_pk)
    rows = selectors.group_list(user=request.user, evacuation=evacuation, group=group)
    return _list_page(request, ward, evacuation, [(group, rows)])


@ward_view
def evacuation_lists(request, ward, pk):
    """Every group the reader may see, one group per printed page."""
    evacuation = _evacuation(request, ward, pk)
    sections: dict[int, tuple] = {}
    for item in selectors.list_rows(
        rows=selectors.visible_rows(user=request.user, evacuation=evacuation)
    ):
        group = item.row.household.group
        sections.setdefault(group.pk, (group, []))[1].append(item)
    return _list_page(request, ward, evacuation, list(sections.values()))


def _download(download) -> HttpResponse:
    response = HttpResponse(download.data, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.name}"'
    return response


@ward_view
def evacuation_group_xlsx(request, ward, pk, group_pk):
    evacuation = _evacuation(request, ward, pk)
    group = _group(request, ward, evacuation, group_pk)
    return _download(
        lists.evacuation_workbook(actor=request.user, evacuation=evacuation, group=group)
    )


@ward_view
def evacuation_lists_xlsx(request, ward, pk):
    evacuation = _evacuation(request, ward, pk)
    return _download(lists.evacuation_workbook(actor=request.user, evacuation=evacuation))


@ward_view
def evacuation_shelter(request, ward, pk, shelter_pk):
    """Expected arrivals at one shelter: the counts for every reader, the households for
    those who may read them."""
    evacuation = _evacuation(request, ward, pk)
    shelter = get_object_or_404(
        Shelter.objects.visible_to(request.user).filter(ward=ward), pk=shelter_pk
    )
    load = next(
        (row for row in selectors.shelter_loads(evacuation=evacuation) if row.shelter == shelter),
        None,
    )
    if load is None:
        raise Http404(_("This evacuation sends nobody to this shelter."))
    return render(
        request,
        "shelters/evacuations/shelter_arrivals.html",
        {
            "ward": ward,
            "evacuation": evacuation,
            "load": load,
            "rows": selectors.shelter_arrivals(
                user=request.user, evacuation=evacuation, shelter=shelter
            ),
            "printed_on": timezone.localtime(),
        },
    )


@ward_view
def evacuation_order_list(request, ward, pk):
    """The text each household would receive (the orders' hook); personal data: managers."""
    evacuation = _evacuation(request, ward, pk)
    if not can_manage(request.user, ward_id=ward.id):
        raise PermissionDenied(_("Only the command board and the officer may see the orders."))
    return render(
        request,
        "shelters/evacuations/orders.html",
        {
            "ward": ward,
            "evacuation": evacuation,
            "orders": selectors.evacuation_orders(evacuation),
        },
    )
