"""Every write to evacuations: start one from a plan (or a list of households), assign the
shelters with the optimiser, pin households and re-run, start, close.

Choices the callers can rely on:
- Each household goes whole to one shelter; the optimiser (taicho.shelters.assignment) keeps
  every shelter within its capacity and minimises the total distance in person-metres.
- A household without a location on the map is still on the list but cannot be placed by the
  optimiser: it stays without a shelter, is named by its code in the solver note, and the
  planner can pin it to a shelter by hand. The other households are assigned as usual.
- A household larger than every shelter is treated the same way (left for the planner).
- Shelters of capacity 0 are left out (the optimiser says so in the note); a plan that names
  no shelter, or only full or closed ones, cannot start: ValidationError.
- Pinned households, and households already checked in at a shelter, keep their shelter on
  every re-run.
- Orders: `evacuation_selectors.evacuation_orders()` gives the text each household receives,
  and `evacuation_ordered` (a signal, sent after the commit) tells the dissemination app
  (taicho.dispatch.evacuation_orders), which sends them; this app knows no channel.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.dispatch import Signal
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from taicho.community.models import Household, Resident
from taicho.community.vulnerability import vulnerable_q
from taicho.core import audit
from taicho.core.access import require_write
from taicho.core.models import AuditEntry, Ward
from taicho.shelters import assignment
from taicho.shelters.assignment.result import FEASIBLE, OPTIMAL, OPTIMAL_FOR_CANDIDATES
from taicho.shelters.evacuation_models import EvacuationStatus, MoveStatus
from taicho.shelters.evacuation_selectors import flooded_zones, households_for_plan
from taicho.shelters.models import Evacuation, EvacuationHousehold, ResponsePlan, Shelter
from taicho.shelters.roads_store import ward_road_network
from taicho.warnings.models import Alert, AlertStatus

TOPIC = Evacuation.scope_topic
# Sent after the commit with `evacuation` and `household_ids` (those whose order is new or
# changed): the dispatch app connects here and sends
# `evacuation_selectors.evacuation_orders(evacuation, household_ids=...)`.
evacuation_ordered = Signal()

# How the engine names its metric → Evacuation.distance_mode.
DISTANCE_MODES = {"straight_line": "straight", "road": "road"}
_LISTED = 10  # household codes named in a note before "and N more"
BATCH = 1000  # rows per bulk query


# --- checking the input -----------------------------------------------------------------------


def _check_start(*, ward: Ward, plan, alert, household_ids) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if plan is None and household_ids is None:
        errors["plan"] = [_("Start an evacuation from a plan or from a list of households.")]
    if plan is not None:
        if plan.ward_id != ward.id:
            errors["plan"] = [_("This plan belongs to another ward.")]
        elif not ResponsePlan.objects.filter(pk=plan.pk, is_current=True).exists():
            errors["plan"] = [_("This is an old version of the plan: start the current one.")]
    if alert is not None and (alert.ward_id != ward.id or alert.status != AlertStatus.ISSUED):
        errors["alert"] = [_("Choose an alert this ward has issued.")]
    return errors


def _households(*, ward: Ward, plan, household_ids) -> list[Household]:
    if household_ids is None:
        return list(households_for_plan(plan=plan).order_by("code"))
    wanted = set(household_ids)
    found = list(Household.objects.filter(ward=ward, pk__in=wanted).order_by("code"))
    if len(found) != len(wanted):
        raise ValidationError({"household_ids": _("Some of the households are not this ward's.")})
    return found


def _shelters(*, ward: Ward, plan, shelters) -> list[Shelter]:
    if shelters is not None:
        chosen = list(shelters)
    elif plan is not None:
        chosen = list(plan.shelters.order_by("code"))
    else:
        chosen = list(Shelter.objects.filter(ward=ward).order_by("code"))
    if any(shelter.ward_id != ward.id for shelter in chosen):
        raise ValidationError({"shelters": _("Choose only this ward's shelters.")})
    if not chosen:
        raise ValidationError(
            {"plan": _("The plan names no usable shelter: add shelters to the plan first.")}
        )
    return chosen


def _sizes(household_ids: list[int], within) -> dict[int, tuple[int, int]]:
    """{household id: (persons, priority)} of `household_ids`, read from the residents of the
    households `within` (a subquery of their ids). A household with no resident recorded
    counts as one person, so it still gets a place; priority = vulnerable residents, the
    bedridden counted twice (they need carrying and go first when places run short)."""
    rows = (
        Resident.objects.filter(household_id__in=within)
        .values("household_id")
        .annotate(
            persons=Count("pk"),
            vulnerable=Count("pk", filter=vulnerable_q()),
            bedridden=Count("pk", filter=Q(is_bedridden=True)),
        )
    )
    sizes = {hid: (1, 0) for hid in household_ids}
    for row in rows:
        sizes[row["household_id"]] = (
            max(1, row["persons"]),
            row["vulnerable"] + row["bedridden"],
        )
    return sizes


def _listing(codes: list[str]) -> str:
    shown = ", ".join(codes[:_LISTED])
    if len(codes) > _LISTED:
        shown += _(" and %(count)d more") % {"count": len(codes) - _LISTED}
    return shown


# --- running the optimiser --------------------------------------------------------------------


def _status_note(result) -> str:
    notes = {
        OPTIMAL: _("Optimal: no assignment has a shorter total distance."),
        OPTIMAL_FOR_CANDIDATES: _("Optimal among each household's %(count)s nearest shelters.")
        % {"count": result.candidates},
        FEASIBLE: _("A valid assignment, at most %(gap)s%% longer than the best.")
        % {"gap": formats.number_format(result.gap * 100, 1)},
    }
    return notes.get(result.status, result.status)


def _assign(
    *,
    evacuation: Evacuation,
    rows: list[EvacuationHousehold],
    priorities: dict[int, int],
    shelters: list[Shelter],
    roads=None,
    flooded=(),
) -> None:
    """Run the optimiser over `rows` (their households loaded) and set each row's shelter and
    distance, and the evacuation's totals and note. Writes nothing: the callers save."""
    # Pinned households and those already at their shelter stay where they are.
    fixed = {
        row.household_id
        for row in rows
        if row.shelter_id is not None and (row.pinned or row.status == MoveStatus.EVACUATED)
    }
    by_id = {shelter.pk: shelter for shelter in shelters}
    for row in rows:
        if row.household_id in fixed:
            by_id.setdefault(row.shelter_id, row.shelter)
    capacity = {pk: shelter.capacity for pk, shelter in by_id.items()}
    located, unlocated = [], []
    for row in rows:
        has_place = row.household.lat is not None and row.household.lon is not None
        (located if has_place else unlocated).append(row)
    for row in unlocated:
        if row.household_id in fixed:
            # Placed by hand: its persons use up their shelter's room.
            capacity[row.shelter_id] -= row.persons
        else:
            row.shelter, row.distance_m = None, None
    notes: list[str] = []
    left_out = [row.household.code for row in unlocated if row.household_id not in fixed]
    if left_out:
        notes.append(
            _("No location on the map, not placed by the optimiser (pin them by hand): %(codes)s.")
            % {"codes": _listing(left_out)}
        )
    largest = max(capacity.values(), default=0)
    too_large = [r for r in located if r.household_id not in fixed and r.persons > largest]
    if too_large and largest > 0:
        notes.append(
            _("Larger than every shelter (%(largest)s persons), left for the planner: %(codes)s.")
            % {"largest": largest, "codes": _listing([row.household.code for row in too_large])}
        )
        for row in too_large:
            row.shelter, row.distance_m = None, None
        too_large_ids = {row.household_id for row in too_large}
        located = [row for row in located if row.household_id not in too_large_ids]
    evacuation.total_distance_m = evacuation.lower_bound_m = evacuation.gap = None
    if located:
        result = _solve(located, priorities, by_id, capacity, fixed, roads, flooded)
        placements = result.by_household()
        for row in located:
            placement = placements[row.household_id]
            row.shelter = by_id.get(placement.shelter_id)
            row.distance_m = placement.distance_m
        evacuation.distance_mode = DISTANCE_MODES.get(result.metric, result.metric)[:10]
        evacuation.total_distance_m = result.total_distance_m
        evacuation.lower_bound_m = result.lower_bound_m
        evacuation.gap = result.gap if result.gap != float("inf") else None
        notes = [_status_note(result), *result.warnings, *notes]
    elif not by_id or all(value <= 0 for value in capacity.values()):
        raise ValidationError(
            {"plan": _("There is no usable shelter: every shelter has a capacity of 0 persons.")}
        )
    evacuation.solver_note = "\n".join(str(note) for note in notes)


def _solve(located, priorities, by_id, capacity, fixed, roads, flooded):
    """The engine's answer for the located households (ids: household ids)."""
    try:
        return assignment.assign_households(
            households=[
                assignment.Household(
                    id=row.household_id,
                    persons=row.persons,
                    lat=row.household.lat,
                    lon=row.household.lon,
                    group=str(row.household.group_id),
                    priority=priorities.get(row.household_id, 0),
                    name=row.household.code,
                )
                for row in located
            ],
            shelters=[
                assignment.Shelter(
                    id=pk,
                    capacity=max(0, capacity[pk]),
                    lat=shelter.lat,
                    lon=shelter.lon,
                    name=shelter.name,
                )
                for pk, shelter in by_id.items()
            ],
            pins={row.household_id: row.shelter_id for row in located if row.household_id in fixed},
            roads=roads,
            flooded=flooded,
        )
    except assignment.AssignmentError as exc:
        raise ValidationError(str(exc), code=exc.code) from exc


def _save_totals(evacuation: Evacuation) -> None:
    evacuation.save(
        update_fields=["distance_mode", "total_distance_m", "lower_bound_m", "gap", "solver_note"]
    )


def _run_shelters(evacuation: Evacuation) -> list[Shelter]:
    """The shelters a re-run may use: the plan's, or (ad hoc) every shelter of the ward."""
    if evacuation.plan_id is not None:
        return list(evacuation.plan.shelters.all())
    return list(Shelter.objects.filter(ward_id=evacuation.ward_id))


# --- services -------------------------------------------------------------------------------


def _audit(actor, evacuation: Evacuation, action: str, changes: dict) -> None:
    audit.record(
        actor=actor,
        ward_id=evacuation.ward_id,
        action=action,
        instance=evacuation,
        changes=changes,
    )


def _announce(evacuation: Evacuation, household_ids: list[int]) -> None:
    if evacuation.status != EvacuationStatus.STARTED or not household_ids:
        return
    transaction.on_commit(
        lambda: evacuation_ordered.send(
            sender=Evacuation, evacuation=evacuation, household_ids=household_ids
        )
    )


@transaction.atomic
def evacuation_start(
    *,
    actor,
    ward: Ward,
    plan: ResponsePlan | None = None,
    alert: Alert | None = None,
    household_ids: list[int] | None = None,
    shelters: list[Shelter] | None = None,
    road_network=None,
    name: str = "",
    begin: bool = True,
) -> Evacuation:
    """An evacuation of the plan's households (or of `household_ids`), assigned to the plan's
    shelters (or `shelters`; ad hoc: all the ward's). `begin` False only prepares it (status
    planned: lists can be printed, orders are not given yet). `road_network`: an
    assignment.RoadNetwork for distances by road (the plan's flooded zones closed); None: the
    ward's loaded road network, if any (otherwise straight lines)."""
    require_write(actor, ward_id=ward.id, topic=TOPIC)
    if road_network is None:
        road_network = ward_road_network(ward=ward)
    errors = _check_start(ward=ward, plan=plan, alert=alert, household_ids=household_ids)
    if errors:
        raise ValidationError(errors)
    households = _households(ward=ward, plan=plan, household_ids=household_ids)
    if not households:
        raise ValidationError(
            {"plan": _("The plan selects no household today: check its zones and categories.")}
        )
    usable = _shelters(ward=ward, plan=plan, shelters=shelters)
    name = (name or "").strip()[:200] or _("%(plan)s, %(day)s") % {
        "plan": plan.name if plan else _("Evacuation"),
        "day": timezone.localdate().strftime("%d/%m/%Y"),
    }
    evacuation = Evacuation.objects.create(
        ward=ward, name=name[:200], plan=plan, alert=alert, created_by=actor
    )
    within = (
        households_for_plan(plan=plan).values("pk")
        if household_ids is None
        else [household.pk for household in households]
    )
    sizes = _sizes([household.pk for household in households], within)
    rows = [
        EvacuationHousehold(
            ward=ward, evacuation=evacuation, household=household, persons=sizes[household.pk][0]
        )
        for household in households
    ]
    _assign(
        evacuation=evacuation,
        rows=rows,
        priorities={hid: priority for hid, (_persons, priority) in sizes.items()},
        shelters=usable,
        roads=road_network,
        flooded=flooded_zones(plan=plan, roads=road_network),
    )
    EvacuationHousehold.objects.bulk_create(rows, batch_size=BATCH)
    _save_totals(evacuation)
    _audit(
        actor,
        evacuation,
        AuditEntry.Action.CREATE,
        {
            "plan": [None, str(plan) if plan else None],
            "alert": [None, str(alert.headline) if alert else None],
            "households": [None, len(households)],
            "persons": [None, sum(size for size, _priority in sizes.values())],
        },
    )
    if begin:
        _begin(actor, evacuation)
    return evacuation


def _begin(actor, evacuation: Evacuation) -> None:
    evacuation.status, evacuation.started_at = EvacuationStatus.STARTED, timezone.now()
    evacuation.save(update_fields=["status", "started_at"])
    ordered = list(
        EvacuationHousehold.objects.filter(evacuation=evacuation).values_list(
            "household_id", flat=True
        )
    )
    _audit(
        actor,
        evacuation,
        AuditEntry.Action.UPDATE,
        {"status": [EvacuationStatus.PLANNED, EvacuationStatus.STARTED], "orders": len(ordered)},
    )
    _announce(evacuation, ordered)


def _locked(evacuation: Evacuation) -> Evacuation:
    return (
        Evacuation.objects.select_for_update(of=("self",))
        .select_related("plan")
        .get(pk=evacuation.pk)
    )


@transaction.atomic
def evacuation_begin(*, actor, evacuation: Evacuation) -> Evacuation:
    """Start a prepared evacuation: the orders go out."""
    require_write(actor, ward_id=evacuation.ward_id, topic=TOPIC)
    evacuation = _locked(evacuation)
    if evacuation.status != EvacuationStatus.PLANNED:
        raise ValidationError(_("This evacuation has already started."))
    _begin(actor, evacuation)
    return evacuation


@transaction.atomic
def evacuation_close(*, actor, evacuation: Evacuation) -> Evacuation:
    """End the evacuation (people may go home); it stays on record."""
    require_write(actor, ward_id=evacuation.ward_id, topic=TOPIC)
    evacuation = _locked(evacuation)
    if evacuation.status == EvacuationStatus.CLOSED:
        raise ValidationError(_("This evacuation is already closed."))
    before = evacuation.status
    evacuation.status, evacuation.closed_at = EvacuationStatus.CLOSED, timezone.now()
    evacuation.save(update_fields=["status", "closed_at"])
    _audit(actor, evacuation, AuditEntry.Action.UPDATE, {"status": [before, evacuation.status]})
    return evacuation


def _require_open(evacuation: Evacuation) -> None:
    if evacuation.status == EvacuationStatus.CLOSED:
        raise ValidationError(_("This evacuation is closed."))


@transaction.atomic
def evacuation_reassign(*, actor, evacuation: Evacuation, road_network=None) -> Evacuation:
    """Run the optimiser again (capacities or households changed), keeping every pin and every
    household already checked in. Households whose shelter changed get a new order.
    `road_network`: as for evacuation_start (None: the ward's loaded one, if any)."""
    require_write(actor, ward_id=evacuation.ward_id, topic=TOPIC)
    evacuation = _locked(evacuation)
    if road_network is None:
        road_network = ward_road_network(ward=evacuation.ward)
    _require_open(evacuation)
    rows = list(
        EvacuationHousehold.objects.filter(evacuation=evacuation)
        .select_related("household", "shelter")
        .order_by("household__code")
    )
    before = {row.pk: (row.shelter_id, row.distance_m) for row in rows}
    sizes = _sizes(
        [row.household_id for row in rows],
        EvacuationHousehold.objects.filter(evacuation=evacuation).values("household_id"),
    )
    _assign(
        evacuation=evacuation,
        rows=rows,
        priorities={hid: priority for hid, (_persons, priority) in sizes.items()},
        shelters=_run_shelters(evacuation),
        roads=road_network,
        flooded=flooded_zones(plan=evacuation.plan, roads=road_network),
    )
    # Only the rows that changed are written: a re-run mostly moves few households.
    changed = [row for row in rows if before[row.pk] != (row.shelter_id, row.distance_m)]
    now = timezone.now()
    for row in changed:
        row.updated_at = now  # bulk_update does not touch auto_now fields
    EvacuationHousehold.objects.bulk_update(
        changed, ["shelter", "distance_m", "updated_at"], batch_size=BATCH
    )
    _save_totals(evacuation)
    moved = [row.household_id for row in rows if before[row.pk][0] != row.shelter_id]
    _audit(actor, evacuation, AuditEntry.Action.UPDATE, {"reassigned": len(moved)})
    _announce(evacuation, moved)
    return evacuation


def _row(evacuation: Evacuation, household: Household) -> EvacuationHousehold:
    row = (
        EvacuationHousehold.objects.select_for_update(of=("self",))
        .filter(evacuation=evacuation, household=household)
        .select_related("household", "shelter")
        .first()
    )
    if row is None:
        raise ValidationError(
            {
                "household": _("Household %(code)s is not on this evacuation's list.")
                % {"code": household.code}
            }
        )
    return row


@transaction.atomic
def evacuation_pin(
    *, actor, evacuation: Evacuation, household: Household, shelter: Shelter | None
) -> EvacuationHousehold:
    """Send `household` to `shelter` whatever the optimiser says (None: remove the pin).

    The pinned households of a shelter must fit in it. Run `evacuation_reassign` after
    pinning to rebalance the others. A household sent to another shelter of a started
    evacuation gets its new order at once."""
    require_write(actor, ward_id=evacuation.ward_id, topic=TOPIC)
    evacuation = _locked(evacuation)
    _require_open(evacuation)
    row = _row(evacuation, household)
    before = audit.snapshot(row, ("shelter", "pinned"))
    if shelter is None:
        row.pinned = False
    else:
        if shelter.ward_id != evacuation.ward_id:
            raise ValidationError({"shelter": _("This shelter belongs to another ward.")})
        held = sum(
            EvacuationHousehold.objects.filter(evacuation=evacuation, shelter=shelter)
            .filter(Q(pinned=True) | Q(status=MoveStatus.EVACUATED))
            .exclude(pk=row.pk)
            .values_list("persons", flat=True)
        )
        if held + row.persons > shelter.capacity:
            raise ValidationError(
                {
                    "shelter": _(
                        "%(shelter)s holds %(capacity)s persons and %(held)s are already "
                        "pinned or checked in there: no room for %(persons)s more."
                    )
                    % {
                        "shelter": shelter.name,
                        "capacity": shelter.capacity,
                        "held": held,
                        "persons": row.persons,
                    }
                }
            )
        if row.shelter_id != shelter.pk:
            row.distance_m = None  # measured again by the next run
        row.shelter, row.pinned = shelter, True
    row.save(update_fields=["shelter", "pinned", "distance_m", "updated_at"])
    changes = audit.diff(before, audit.snapshot(row, ("shelter", "pinned")))
    if changes:
        audit.record(
            actor=actor,
            ward_id=row.ward_id,
            action=AuditEntry.Action.UPDATE,
            instance=row,
            changes=changes,
        )
    if "shelter" in changes:
        _announce(evacuation, [row.household_id])
    return row


@transaction.atomic
def evacuation_set_helper(
    *, actor, evacuation: Evacuation, household: Household, helper: str
) -> EvacuationHousehold:
    """Who helps the household move (a neighbour, a shock-force team): the group leader of
    the household's group may set it too."""
    require_write(actor, ward_id=evacuation.ward_id, topic="people", group_id=household.group_id)
    evacuation = _locked(evacuation)
    _require_open(evacuation)
    row = _row(evacuation, household)
    helper = " ".join((helper or "").split())
    limit = EvacuationHousehold._meta.get_field("helper").max_length
    if len(helper) > limit:
        raise ValidationError({"helper": _("At most %(count)s characters.") % {"count": limit}})
    before = audit.snapshot(row, ("helper",))
    row.helper = helper
    row.save(update_fields=["helper", "updated_at"])
    changes = audit.diff(before, audit.snapshot(row, ("helper",)))
    if changes:
        audit.record(
            actor=actor,
            ward_id=row.ward_id,
            action=AuditEntry.Action.UPDATE,
            instance=row,
            changes=changes,
        )
    return row
