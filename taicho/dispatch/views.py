"""Ward pages of the dispatch app, under /w/<ward>/dispatch/: boards, visit lists, welfare checks.

Thin: reads from taicho.dispatch.board, writes through the welfare and answers services.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taicho.community.models import Household
from taicho.core.access import can_write
from taicho.core.forms import add_service_errors
from taicho.core.models import ResidentialGroup
from taicho.core.web import ward_view
from taicho.dispatch import board
from taicho.dispatch.answer_models import AnswerKind
from taicho.dispatch.answers import answer_by_visit
from taicho.dispatch.models import Dispatch, DispatchKind
from taicho.dispatch.selectors import ward_dispatches
from taicho.dispatch.welfare import welfare_check_send
from taicho.hazards.models import HazardZone


@ward_view
@require_GET
def dispatch_list(request, ward):
    """Every alert, evacuation and welfare check the ward sent, newest first, with its board."""
    dispatches = ward_dispatches(user=request.user, ward=ward)
    return render(request, "dispatch/dispatch_list.html", {"ward": ward, "dispatches": dispatches})


def _board(request, ward, pk) -> board.Board:
    try:
        return board.dispatch_board(user=request.user, ward=ward, dispatch_id=pk)
    except Dispatch.DoesNotExist:
        raise Http404(_("No such dispatch.")) from None


@ward_view
@require_GET
def board_page(request, ward, pk):
    figures = _board(request, ward, pk)
    config = {
        "states": reverse("dispatch_board_map", args=[ward.code, pk]),
        "tiles": {"url": settings.TAICHO_TILE_URL, "attribution": settings.TAICHO_TILE_ATTRIBUTION},
    }
    return render(
        request, "dispatch/board.html", {"ward": ward, "board": figures, "map_config": config}
    )


@ward_view
@require_GET
def board_live(request, ward, pk):
    """The board's figures, polled by htmx every few seconds."""
    return render(
        request, "dispatch/_board.html", {"ward": ward, "board": _board(request, ward, pk)}
    )


@ward_view
@require_GET
def board_map(request, ward, pk):
    try:
        data = board.answer_map(user=request.user, ward=ward, dispatch_id=pk)
    except Dispatch.DoesNotExist:
        raise Http404(_("No such dispatch.")) from None
    return JsonResponse(data)


@ward_view
@require_GET
def visit_list(request, ward, pk):
    """The households with no answer, per residential group, to print for door-to-door checks."""
    try:
        group_id = int(request.GET.get("group") or "")
    except ValueError:
        group_id = None
    try:
        dispatch, groups = board.unanswered_by_group(
            user=request.user,
            ward=ward,
            dispatch_id=pk,
            group_id=group_id,
        )
    except Dispatch.DoesNotExist:
        raise Http404(_("No such dispatch.")) from None
    return render(
        request,
        "dispatch/visit_list.html",
        {
            "ward": ward,
            "dispatch": dispatch,
            "groups": [
                (
                    group,
                    households,
                    can_write(request.user, ward_id=ward.id, topic="checkin", group_id=group.pk),
                )
                for group, households in groups
            ],
            "group_filter": group_id or "",
        },
    )


@ward_view
@require_POST
def visit_answer(request, ward, pk, household_pk):
    """What a door-to-door visit found, entered from the visit list by the leader or officer."""
    try:
        dispatch = board.dispatch_for(user=request.user, ward=ward, dispatch_id=pk)
    except Dispatch.DoesNotExist:
        raise Http404(_("No such dispatch.")) from None
    household = get_object_or_404(
        Household.objects.visible_to(request.user).filter(ward=ward), pk=household_pk
    )
    kind = request.POST.get("kind", "")
    if kind not in AnswerKind.values:
        return HttpResponseBadRequest(_("Choose what the visit found."))
    answer_by_visit(
        actor=request.user,
        dispatch=dispatch,
        household_id=household.pk,
        group_id=household.group_id,
        kind=kind,
        text=request.POST.get("text", ""),
    )
    messages.success(
        request,
        _("%(household)s: %(answer)s, noted.")
        % {"household": household.code, "answer": AnswerKind(kind).label},
    )
    url = reverse("dispatch_visit_list", args=[ward.code, dispatch.pk])
    group = request.POST.get("group", "")
    return redirect(f"{url}?group={int(group)}" if group.isdecimal() and group.isascii() else url)


class WelfareForm(forms.Form):
    question = forms.CharField(
        label=gettext_lazy("Question"),
        initial=gettext_lazy("The ward asks: is your household safe?"),
    )
    whole_ward = forms.BooleanField(label=gettext_lazy("The whole ward"), required=False)
    groups = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Residential groups"),
        queryset=ResidentialGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    zones = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Hazard zones"),
        queryset=HazardZone.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, ward, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = ResidentialGroup.objects.filter(ward=ward)
        self.fields["zones"].queryset = HazardZone.objects.filter(ward=ward).order_by("name")


@ward_view
@require_http_methods(["GET", "POST"])
def welfare_page(request, ward):
    may_send = can_write(request.user, ward_id=ward.id, topic="warnings")
    form = WelfareForm(request.POST or None, ward=ward)
    if request.method == "POST":
        if not may_send:
            raise PermissionDenied(_("You may not send messages for this ward."))
        if form.is_valid():
            try:
                dispatch = welfare_check_send(
                    actor=request.user,
                    ward=ward,
                    question=form.cleaned_data["question"],
                    whole_ward=form.cleaned_data["whole_ward"],
                    groups=list(form.cleaned_data["groups"]),
                    zones=list(form.cleaned_data["zones"]),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Asked %(households)s households; %(messages)s messages queued.")
                    % {"households": dispatch.households, "messages": dispatch.messages_created},
                )
                return redirect("dispatch_board", ward.code, dispatch.pk)
    checks = ward_dispatches(user=request.user, ward=ward, kind=DispatchKind.WELFARE, limit=50)
    return render(
        request,
        "dispatch/welfare.html",
        {"ward": ward, "form": form, "may_send": may_send, "checks": checks},
    )
