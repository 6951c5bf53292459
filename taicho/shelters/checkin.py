"""Every write of shelter check-ins: households arriving, leaving, refusing or missing.

Phones record check-ins offline and sync them later, maybe twice and maybe out of order:
a record is stored once per `client_id`, and only the newest record (by the time it was
recorded on the phone) decides where a household is now.
"""

import datetime as dt
import re
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.community.models import Household
from taicho.core import audit
from taicho.core.access import require_write
from taicho.core.models import AuditEntry
from taicho.shelters.evacuation_models import (
    CheckIn,
    Evacuation,
    EvacuationHousehold,
    EvacuationStatus,
    MoveStatus,
)
from taicho.shelters.models import Shelter

# The rights topic of check-ins (core.rights): shelter staff are shock-force members.
CHECKIN = "checkin"
# One household rarely brings more; a bigger number is a typing slip.
MAX_PERSONS = 99
NOTE_LENGTH = 500

NEED_KINDS = {
    "medical": gettext_lazy("Medical care"),
    "food": gettext_lazy("Food and water"),
    "other": gettext_lazy("Other"),
}
# Group leaders mark the households that did not come; arrivals are check-ins.
MARKABLE = (MoveStatus.REFUSED, MoveStatus.MISSING, MoveStatus.NOT_YET)

# What a check-in makes of a household's row: its status, and whether people stay counted.
KIND_EFFECT = {
    CheckIn.Kind.IN: (MoveStatus.EVACUATED, True),
    CheckIn.Kind.OUT: (MoveStatus.LEFT, False),
}
ROW_AUDITED = ("status", "shelter", "persons_present", "needs")
CHECKIN_AUDITED = (
    "evacuation",
    "household",
    "shelter",
    "kind",
    "persons_present",
    "needs",
    "recorded_at",
)
_NEEDS_PATTERN = re.compile(r"^((?:\[[a-z]+\])*)\s*(.*)$", re.DOTALL)


def needs_text(*, kinds: list[str], note: str = "") -> str:
    """Needs as stored: `[medical][food] note` (kinds stay in English; labels are shown)."""
    unknown = [kind for kind in kinds if kind not in NEED_KINDS]
    if unknown:
        raise ValidationError(
            {"needs": _("Unknown need: %(kinds)s.") % {"kinds": ", ".join(map(str, unknown))}}
        )
    note = " ".join(str(note or "").split())
    if len(note) > NOTE_LENGTH:
        raise ValidationError(
            {
                "needs": _("The note is too long (at most %(count)d characters).")
                % {"count": NOTE_LENGTH}
            }
        )
    tags = "".join(f"[{kind}]" for kind in NEED_KINDS if kind in kinds)
    return f"{tags} {note}".strip()


def needs_parse(text: str) -> tuple[list[str], str]:
    """The need kinds and the free note of stored needs."""
    match = _NEEDS_PATTERN.match(text or "")
    tags, note = match.group(1), match.group(2)
    kinds = [kind for kind in re.findall(r"\[([a-z]+)\]", tags) if kind in NEED_KINDS]
    return kinds, note.strip()


def needs_display(text: str) -> str:
    """Needs in the reader's language: “Medical care, Food and water: insulin”."""
    kinds, note = needs_parse(text)
    labels = ", ".join(str(NEED_KINDS[kind]) for kind in kinds)
    return f"{labels}: {note}" if labels and note else labels or note


def _client_uuid(client_id) -> uuid.UUID:
    try:
        return client_id if isinstance(client_id, uuid.UUID) else uuid.UUID(str(client_id))
    except ValueError:
        raise ValidationError(
            {"client_id": _("The record's identifier is not a valid UUID.")}
        ) from None


def _check_same_record(existing: CheckIn, *, evacuation: Evacuation, household: Household):
    if existing.evacuation_id != evacuation.pk or existing.household_id != household.pk:
        raise ValidationError(
            {"client_id": _("This record's identifier was already used for another household.")}
        )
    return existing


def _check_record(
    *,
    evacuation: Evacuation,
    household: Household,
    shelter: Shelter,
    kind: str,
    persons_present,
    recorded_at,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if household.ward_id != evacuation.ward_id:
        errors["household"] = [_("This household belongs to another ward.")]
    if shelter.ward_id != evacuation.ward_id:
        errors["shelter"] = [_("This shelter belongs to another ward.")]
    if kind not in KIND_EFFECT:
        errors["kind"] = [_("Say whether the household checks in or out.")]
    if not isinstance(persons_present, int) or isinstance(persons_present, bool):
        errors["persons_present"] = [_("Give the number of persons present as a whole number.")]
    elif not 0 <= persons_present <= MAX_PERSONS:
        errors["persons_present"] = [
            _("The number of persons present must be between 0 and %(max)d.") % {"max": MAX_PERSONS}
        ]
    elif kind == CheckIn.Kind.IN and persons_present == 0:
        errors["persons_present"] = [_("Count at least one person to check a household in.")]
    if not isinstance(recorded_at, dt.datetime) or timezone.is_naive(recorded_at):
        errors["recorded_at"] = [_("Give the time of the record, with its time zone.")]
    if evacuation.status == EvacuationStatus.PLANNED:
        errors["evacuation"] = [_("This evacuation has not started yet.")]
    elif (
        evacuation.status == EvacuationStatus.CLOSED
        and evacuation.closed_at is not None
        and "recorded_at" not in errors
        and recorded_at > evacuation.closed_at
    ):
        errors["evacuation"] = [_("This evacuation was closed before this record was made.")]
    return errors


def _row_for_update(*, evacuation: Evacuation, household: Household) -> EvacuationHousehold:
    row = (
        EvacuationHousehold.objects.select_for_update()
        .filter(evacuation=evacuation, household=household)
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


def _save_row(*, actor, row: EvacuationHousehold, changes: dict) -> None:
    before = audit.snapshot(row, ROW_AUDITED)
    for name, value in changes.items():
        setattr(row, name, value)
    after = audit.snapshot(row, ROW_AUDITED)
    changed = audit.diff(before, after)
    if not changed:
        return
    row.save(update_fields=[*changes, "updated_at"])
    audit.record(
        actor=actor,
        ward_id=row.ward_id,
        action=AuditEntry.Action.UPDATE,
        instance=row,
        changes=changed,
    )


def _store(
    *,
    actor,
    evacuation: Evacuation,
    household: Household,
    shelter: Shelter,
    kind: str,
    persons_present: int,
    needs: str,
    recorded_at: dt.datetime,
    client_id: uuid.UUID,
) -> CheckIn:
    row = _row_for_update(evacuation=evacuation, household=household)
    newest = (
        CheckIn.objects.filter(evacuation=evacuation, household=household)
        .order_by("-recorded_at", "-pk")
        .first()
    )
    checkin = CheckIn.objects.create(
        ward_id=evacuation.ward_id,
        evacuation=evacuation,
        household=household,
        shelter=shelter,
        kind=kind,
        persons_present=persons_present,
        needs=needs,
        recorded_at=recorded_at,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
        client_id=client_id,
    )
    created = {
        name: [None, value] for name, value in audit.snapshot(checkin, CHECKIN_AUDITED).items()
    }
    created["client_id"] = [None, str(client_id)]
    audit.record(
        actor=actor,
        ward_id=evacuation.ward_id,
        action=AuditEntry.Action.CREATE,
        instance=checkin,
        changes=created,
    )
    # A record made before the newest one already stored is history, not the present.
    if newest is not None and recorded_at < newest.recorded_at:
        return checkin
    status, stays = KIND_EFFECT[kind]
    changes = {"status": status, "persons_present": persons_present if stays else 0}
    if stays:
        changes["shelter"] = shelter
    if needs:
        changes["needs"] = needs
    _save_row(actor=actor, row=row, changes=changes)
    return checkin


def checkin_record(
    *,
    actor,
    evacuation: Evacuation,
    household: Household,
    shelter: Shelter,
    kind: str,
    persons_present: int,
    needs: str = "",
    recorded_at: dt.datetime,
    client_id,
) -> CheckIn:
    """Record a household checking in at (or out of) a shelter, as the phone recorded it.

    Idempotent: a record whose `client_id` is already stored is returned as it was, and
    nothing changes. A shelter over capacity is not refused (nobody is turned away): the
    board shows the overflow.
    """
    require_write(actor, ward_id=evacuation.ward_id, topic=CHECKIN, group_id=household.group_id)
    client_id = _client_uuid(client_id)
    existing = CheckIn.objects.filter(client_id=client_id).first()
    if existing is not None:
        return _check_same_record(existing, evacuation=evacuation, household=household)
    errors = _check_record(
        evacuation=evacuation,
        household=household,
        shelter=shelter,
        kind=kind,
        persons_present=persons_present,
        recorded_at=recorded_at,
    )
    if errors:
        raise ValidationError(errors)
    # A phone's clock may run ahead: a record is never later than its arrival here.
    recorded_at = min(recorded_at, timezone.now())
    try:
        with transaction.atomic():
            return _store(
                actor=actor,
                evacuation=evacuation,
                household=household,
                shelter=shelter,
                kind=kind,
                persons_present=persons_present,
                needs=needs,
                recorded_at=recorded_at,
                client_id=client_id,
            )
    except IntegrityError:
        # The same record arrived twice at once (a retry racing the first attempt).
        existing = CheckIn.objects.filter(client_id=client_id).first()
        if existing is None:
            raise
        return _check_same_record(existing, evacuation=evacuation, household=household)


@transaction.atomic
def household_mark(
    *, actor, evacuation: Evacuation, household: Household, status: str
) -> EvacuationHousehold:
    """A group leader says a household refused to leave, cannot be found, or is still to come."""
    require_write(actor, ward_id=evacuation.ward_id, topic=CHECKIN, group_id=household.group_id)
    if status not in MARKABLE:
        raise ValidationError({"status": _("Choose refused, missing or not yet evacuated.")})
    row = _row_for_update(evacuation=evacuation, household=household)
    _save_row(actor=actor, row=row, changes={"status": status, "persons_present": 0})
    return row
