"""Check-in pages: the phone page and its JSON, the live board, household cards.

Thin: reads come from checkin_selectors, every write goes through the checkin services.
Who may check in: whoever may write the "checkin" topic for the household's group (command
board, officer, duty officer and shock force: the whole ward; group leaders: their groups).
"""

import hashlib
import json
from functools import cache

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taicho.community.models import Household
from taicho.community.selectors import can_read_people, people_groups
from taicho.core.web import ward_view
from taicho.shelters import cards
from taicho.shelters import checkin_selectors as selectors
from taicho.shelters.checkin import NEED_KINDS, checkin_record, household_mark, needs_text
from taicho.shelters.evacuation_models import (
    CheckIn,
    Evacuation,
    EvacuationHousehold,
    EvacuationStatus,
    MoveStatus,
)
from taicho.shelters.models import Shelter

# One sync carries what a phone queued offline; more than this is not a phone.
MAX_RECORDS = 200
# What the service worker keeps for the page to open without a connection.
WORKER_ASSETS = ("web/taicho.css", "web/favicon.svg", "shelters/checkin.css", "shelters/checkin.js")


def _require_checkin(user, ward) -> None:
    if not selectors.may_check_in(user=user, ward=ward):
        raise PermissionDenied(_("You may not check households in at this ward's shelters."))


def _require_board(user, ward) -> None:
    if not selectors.may_see_board(user=user, ward=ward):
        raise PermissionDenied(_("You may not see this ward's evacuation board."))


def _evacuation(request, ward, pk) -> Evacuation:
    evacuations = Evacuation.objects.visible_to(request.user).filter(ward=ward)
    return get_object_or_404(evacuations.select_related("plan"), pk=pk)


# --- the phone page ------------------------------------------------------------------------


@ward_view
@require_GET
def checkin_choose(request, ward):
    """Where a household card's QR code leads: on to the evacuation under way."""
    _require_checkin(request.user, ward)
    evacuations = list(selectors.evacuations_under_way(user=request.user, ward=ward))
    code = request.GET.get("h", "").strip()
    query = f"?{request.GET.urlencode()}" if code else ""
    if len(evacuations) == 1:
        return redirect(reverse("checkin_page", args=[ward.code, evacuations[0].pk]) + query)
    return render(
        request,
        "shelters/checkin/choose.html",
        {"ward": ward, "evacuations": evacuations, "query": query},
    )


def _page_config(request, ward, evacuation, shelters) -> dict:
    def url(name):
        return reverse(name, args=[ward.code, evacuation.pk])

    return {
        "ward": ward.code,
        "evacuation": evacuation.pk,
        "user": request.user.pk,
        "started": evacuation.status == EvacuationStatus.STARTED,
        "preselect": request.GET.get("h", "").strip(),
        "urls": {
            "households": url("checkin_households"),
            "search": url("checkin_search"),
            "sync": url("checkin_sync"),
            "worker": reverse("checkin_worker", args=[ward.code]),
        },
        "shelters": [
            {"id": s.pk, "label": f"{s.code} · {s.name}", "capacity": s.capacity} for s in shelters
        ],
        "needs": {kind: str(label) for kind, label in NEED_KINDS.items()},
        "statuses": {status: str(label) for status, label in MoveStatus.choices},
        "kinds": {kind: str(label) for kind, label in CheckIn.Kind.choices},
        "text": {
            "pending": _("waiting to send"),
            "sent": _("sent"),
            "failed": _("not accepted"),
            "online": _("Online"),
            "offline": _("Offline: check-ins are kept on this phone and sent later."),
            "persons": _("{n} persons"),
            "occupancy": _("{persons} of {capacity} places taken"),
            "over": _("Over capacity by {over}: take everyone in and tell the command board."),
            "choose_shelter": _("Choose your shelter first."),
            "no_results": _("No household found."),
            "to_come": _("Still to come here"),
            "saved": _("Recorded for {code}."),
            "log_in": _("Your session has ended: log in again to send the check-ins."),
            "forbidden": _("You may not check households in at this ward's shelters."),
        },
    }


@ward_view
@require_GET
def checkin_page(request, ward, pk):
    _require_checkin(request.user, ward)
    evacuation = _evacuation(request, ward, pk)
    shelters = selectors.shelter_choices(user=request.user, evacuation=evacuation)
    return render(
        request,
        "shelters/checkin/page.html",
        {
            "ward": ward,
            "evacuation": evacuation,
            "shelters": shelters,
            "need_kinds": list(NEED_KINDS.items()),
            "config": _page_config(request, ward, evacuation, shelters),
        },
    )


@ward_view
@require_GET
def checkin_households(request, ward, pk):
    _require_checkin(request.user, ward)
    evacuation = _evacuation(request, ward, pk)
    return JsonResponse(
        {
            "households": selectors.phone_households(user=request.user, evacuation=evacuation),
            "occupancy": selectors.shelter_occupancy(evacuation=evacuation),
        }
    )


@ward_view
@require_GET
def checkin_search(request, ward, pk):
    _require_checkin(request.user, ward)
    evacuation = _evacuation(request, ward, pk)
    rows = selectors.phone_search(
        user=request.user, evacuation=evacuation, query=request.GET.get("q", "")
    )
    return JsonResponse({"households": rows})


# --- sync: the phone's queue, record by record ---------------------------------------------


def _as_int(value):
    """A number from JSON, or a string of digits; anything else is left for the service to
    refuse with its message."""
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value.strip())
    return value


def _error(client_id, errors: dict) -> dict:
    return {"client_id": client_id, "ok": False, "errors": errors}


def _sync_one(request, *, evacuation, record, rows, shelters) -> dict:
    client_id = str(record.get("client_id", ""))
    row = rows.get(str(record.get("household", "")))
    if row is None:
        return _error(
            client_id,
            {"household": [_("This household is not on the list of households you may check in.")]},
        )
    shelter = shelters.get(str(record.get("shelter", "")))
    if shelter is None:
        return _error(client_id, {"shelter": [_("Choose one of this ward's shelters.")]})
    try:
        recorded_at = parse_datetime(str(record.get("recorded_at", "")))
    except ValueError:  # well formed but impossible, as 2025-13-40
        recorded_at = None
    try:
        needs = needs_text(kinds=list(record.get("needs") or []), note=record.get("note", ""))
        checkin = checkin_record(
            actor=request.user,
            evacuation=evacuation,
            household=row.household,
            shelter=shelter,
            kind=str(record.get("kind", "")),
            persons_present=_as_int(record.get("persons_present")),
            needs=needs,
            recorded_at=recorded_at,
            client_id=client_id,
        )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return _error(client_id, errors)
    except PermissionDenied as exc:
        return _error(client_id, {"household": [str(exc)]})
    return {"client_id": client_id, "ok": True, "shelter": checkin.shelter_id, "kind": checkin.kind}


def _over_capacity(evacuation, results: list[dict], shelters: dict[str, Shelter]) -> None:
    """Say on each accepted check-in whether its shelter is now over capacity."""
    occupancy = selectors.shelter_occupancy(evacuation=evacuation)
    for result in results:
        if not result["ok"] or result["kind"] != CheckIn.Kind.IN:
            continue
        shelter = shelters[str(result["shelter"])]
        persons = occupancy.get(shelter.pk, 0)
        if persons > shelter.capacity:
            result["warning"] = _(
                "%(shelter)s is over capacity: %(persons)d persons for %(capacity)d places. "
                "Take everyone in and tell the command board."
            ) % {"shelter": shelter.name, "persons": persons, "capacity": shelter.capacity}


@ward_view
@require_POST
def checkin_sync(request, ward, pk):
    """Store the phone's queued check-ins. Each record gets its own answer: a record already
    stored (same client_id) is accepted again without change."""
    if not selectors.may_check_in(user=request.user, ward=ward):
        return JsonResponse({"error": _("You may not check households in here.")}, status=403)
    evacuation = _evacuation(request, ward, pk)
    try:
        body = json.loads(request.body or b"{}")
        records = body["records"]
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": _("The check-ins sent are not readable.")}, status=400)
    if len(records) > MAX_RECORDS:
        return JsonResponse(
            {"error": _("Send at most %(count)d check-ins at once.") % {"count": MAX_RECORDS}},
            status=400,
        )
    codes = {str(record.get("household", "")) for record in records}
    rows = {
        row.household.code: row
        for row in selectors.evacuation_rows(user=request.user, ward=ward, write=True)
        .filter(evacuation=evacuation, household__code__in=codes)
        .select_related("household")
    }
    shelters = {
        str(shelter.pk): shelter
        for shelter in Shelter.objects.visible_to(request.user).filter(ward=ward)
    }
    results = [
        _sync_one(request, evacuation=evacuation, record=record, rows=rows, shelters=shelters)
        for record in records
    ]
    _over_capacity(evacuation, results, shelters)
    return JsonResponse({"results": results})


# --- the live board ------------------------------------------------------------------------


def _board_context(request, ward, evacuation) -> dict:
    return {
        "ward": ward,
        "evacuation": evacuation,
        "board": selectors.board(user=request.user, evacuation=evacuation),
        "statuses": [(status, MoveStatus(status).label) for status in selectors.BOARD_STATUSES],
        "may_check_in": selectors.may_check_in(user=request.user, ward=ward),
        "may_print_cards": can_read_people(user=request.user, ward=ward),
    }


@ward_view
@require_GET
def board_page(request, ward, pk):
    _require_board(request.user, ward)
    evacuation = _evacuation(request, ward, pk)
    return render(request, "shelters/checkin/board.html", _board_context(request, ward, evacuation))


@ward_view
@require_GET
def board_live(request, ward, pk):
    """The board's body, polled by htmx every few seconds."""
    _require_board(request.user, ward)
    evacuation = _evacuation(request, ward, pk)
    return render(
        request, "shelters/checkin/_board.html", _board_context(request, ward, evacuation)
    )


@ward_view
@require_POST
def household_mark_view(request, ward, pk, household_pk):
    _require_checkin(request.user, ward)
    evacuation = _evacuation(request, ward, pk)
    row = get_object_or_404(
        selectors.evacuation_rows(user=request.user, ward=ward, write=True)
        .filter(evacuation=evacuation)
        .select_related("household"),
        household_id=household_pk,
    )
    status = request.POST.get("status", "")
    try:
        household_mark(
            actor=request.user, evacuation=evacuation, household=row.household, status=status
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Household %(code)s: %(status)s.")
            % {"code": row.household.code, "status": MoveStatus(status).label},
        )
    return redirect("evacuation_board", ward.code, evacuation.pk)


# --- household cards -----------------------------------------------------------------------


@ward_view
@require_GET
def household_cards(request, ward, group_pk):
    """One printable card per household of a group, with the QR code staff scan on arrival.

    `?evacuation=<id>` keeps only the households that evacuation moves.
    """
    if not can_read_people(user=request.user, ward=ward):
        raise PermissionDenied(_("You may not see this ward's households."))
    group = get_object_or_404(people_groups(user=request.user, ward=ward, write=False), pk=group_pk)
    households = Household.objects.visible_to(request.user).filter(ward=ward, group=group)
    evacuation = None
    if request.GET.get("evacuation", "").isdecimal():
        evacuation = _evacuation(request, ward, int(request.GET["evacuation"]))
        moved = EvacuationHousehold.objects.filter(evacuation=evacuation).values("household_id")
        households = households.filter(pk__in=moved)
    households = list(households.order_by("code"))
    names = selectors.household_names([household.pk for household in households])
    for household in households:
        household.head_name = names.get(household.pk, "")
        household.checkin_url = request.build_absolute_uri(
            cards.checkin_path(household=household, ward_code=ward.code)
        )
        household.qr = cards.qr_data_uri(household.checkin_url)
    return render(
        request,
        "shelters/checkin/cards.html",
        {"ward": ward, "group": group, "households": households, "evacuation": evacuation},
    )


# --- the service worker --------------------------------------------------------------------


@cache
def _assets_version() -> str:
    """A digest of the cached files: a new release installs a new worker and a fresh cache."""
    digest = hashlib.sha256()
    for name in WORKER_ASSETS:
        path = finders.find(name)
        if path:
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


@ward_view
@require_GET
def checkin_worker(request, ward):
    """The service worker, served under the ward's evacuation pages so its scope covers the
    check-in page: it keeps the page and its files for opening without a connection."""
    if not selectors.may_check_in(user=request.user, ward=ward):
        raise Http404
    response = render(
        request,
        "shelters/checkin/worker.js",
        {
            "version": _assets_version(),
            "assets": [staticfiles_storage.url(name) for name in WORKER_ASSETS],
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = (
        reverse("checkin_worker", args=[ward.code]).rsplit("/", 1)[0] + "/"
    )
    return response
