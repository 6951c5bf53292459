"""Every write to disaster events: opened by an officer, or proposed when a bulletin about a
new storm or flood arrives; confirmed, closed; bulletins and alerts filed into them.

Filing (`event_receive_bulletin`, `event_receive_alert`) is called by the receivers of the
warnings app's signals, inside the transaction of the warnings service that already checked
the user's rights; it acts for the ward (audit actor: the system), so a bulletin fetched by
the feed poller is filed too.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.core import audit
from taicho.core.access import require_write
from taicho.core.models import AuditEntry, Ward
from taicho.events.models import Event, EventStatus
from taicho.warnings.models import HAZARD_CHOICES, Alert, Bulletin, HazardType, MsgType

TOPIC = Event.scope_topic
AUDITED_FIELDS = ("name", "hazard_type", "status", "starts_at", "ends_at")
NAME_MAX = 200
ACTIVE = (EventStatus.PROPOSED, EventStatus.OPEN)

# Hazards that arrive together belong to one event: a family per hazard (its own otherwise).
HAZARD_FAMILY = {
    HazardType.STORM: "cyclone",
    HazardType.STORM_SURGE: "cyclone",
    HazardType.STRONG_WIND_AT_SEA: "cyclone",
    HazardType.HEAVY_RAIN: "water",
    HazardType.FLOOD: "water",
    HazardType.FLASH_FLOOD_LANDSLIDE: "water",
}
# An event of one family also takes in bulletins of these families: a storm brings its rain,
# floods and landslides (Yagi, 2024), a flood does not bring a storm.
TAKES_IN = {"cyclone": frozenset({"cyclone", "water"})}
# A bulletin about one of these, fitting no event, proposes a new one named with these words
# (data in the ward's language, like the bulletin's own headline).
PROPOSING = {HazardType.STORM: "Bão/ATNĐ", HazardType.FLOOD: "Lũ, ngập lụt"}


def family(hazard_type: str) -> str:
    return HAZARD_FAMILY.get(hazard_type, hazard_type)


def takes_in(event_hazard: str, hazard: str) -> bool:
    own = family(event_hazard)
    return family(hazard) in TAKES_IN.get(own, frozenset({own}))


def _log(actor, event: Event, action: str, changes: dict) -> None:
    audit.record(actor=actor, ward_id=event.ward_id, action=action, instance=event, changes=changes)


def _check(event: Event) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not event.name.strip():
        errors["name"] = [_("Give the event a name.")]
    if event.hazard_type not in {value for value, _label in HAZARD_CHOICES}:
        errors["hazard_type"] = [_("Choose the hazard.")]
    for name in ("starts_at", "ends_at"):
        value = getattr(event, name)
        if value is not None and timezone.is_naive(value):
            errors[name] = [_("Give the time with its time zone.")]
    if event.starts_at is None:
        errors["starts_at"] = [_("Give the time the event started.")]
    elif event.ends_at is not None and "ends_at" not in errors and event.ends_at < event.starts_at:
        errors["ends_at"] = [_("The end cannot be before the start.")]
    return errors


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _change_status(*, actor, event: Event, status: str, **fields) -> Event:
    before = audit.snapshot(event, AUDITED_FIELDS)
    event.status = status
    for name, value in fields.items():
        setattr(event, name, value)
    errors = _check(event)
    if errors:
        raise ValidationError(errors)
    event.save()
    _log(
        actor,
        event,
        AuditEntry.Action.UPDATE,
        audit.diff(before, audit.snapshot(event, AUDITED_FIELDS)),
    )
    return event


# --- by the officer -------------------------------------------------------------------------


@transaction.atomic
def event_open(
    *,
    actor,
    ward: Ward,
    name: str,
    hazard_type: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
) -> Event:
    """An event the officer opens (a storm on its way, a flood season's first flood…)."""
    require_write(actor, ward_id=ward.id, topic=TOPIC)
    event = Event(
        ward=ward,
        name=" ".join((name or "").split()),
        hazard_type=hazard_type,
        status=EventStatus.OPEN,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=actor,
    )
    errors = _check(event)
    if errors:
        raise ValidationError(errors)
    event.save()
    _log(
        actor,
        event,
        AuditEntry.Action.CREATE,
        audit.diff({}, audit.snapshot(event, AUDITED_FIELDS)),
    )
    return event


@transaction.atomic
def event_confirm(*, actor, event: Event, name: str | None = None) -> Event:
    """Confirm a proposed event (proposed → open), optionally giving it its proper name."""
    require_write(actor, ward_id=event.ward_id, topic=TOPIC)
    event = _locked(event)
    if event.status != EventStatus.PROPOSED:
        raise ValidationError({"status": _("Only a proposed event can be confirmed.")})
    fields = {"created_by": event.created_by or actor}
    if name is not None and name.strip():
        fields["name"] = " ".join(name.split())
    return _change_status(actor=actor, event=event, status=EventStatus.OPEN, **fields)


@transaction.atomic
def event_close(*, actor, event: Event, ends_at: datetime | None = None) -> Event:
    """Close an event (its end, default now); closing a proposed one sets the proposal aside."""
    require_write(actor, ward_id=event.ward_id, topic=TOPIC)
    event = _locked(event)
    if event.status not in ACTIVE:
        raise ValidationError({"status": _("This event is already closed.")})
    ends_at = ends_at or event.ends_at or timezone.now()
    return _change_status(actor=actor, event=event, status=EventStatus.CLOSED, ends_at=ends_at)


@transaction.atomic
def event_link(
    *, actor, event: Event, bulletin: Bulletin | None = None, alert: Alert | None = None
) -> Event:
    """File a bulletin or an alert of the ward into the event by hand."""
    require_write(actor, ward_id=event.ward_id, topic=TOPIC)
    if bulletin is None and alert is None:
        raise ValidationError(_("Choose a bulletin or an alert."))
    errors = {}
    for name, item in (("bulletin", bulletin), ("alert", alert)):
        if item is not None and item.ward_id != event.ward_id:
            errors[name] = [_("It belongs to another ward.")]
    if errors:
        raise ValidationError(errors)
    if bulletin is not None:
        _link(actor, event, bulletin=bulletin)
    if alert is not None:
        _link(actor, event, alert=alert)
    return event


def _link(actor, event: Event, *, bulletin: Bulletin | None = None, alert=None) -> bool:
    """Add one bulletin or alert unless it is there already; True when added."""
    relation, item, key = (
        (event.bulletins, bulletin, "bulletin")
        if bulletin is not None
        else (event.alerts, alert, "alert")
    )
    if relation.filter(pk=item.pk).exists():
        return False
    relation.add(item)
    _log(actor, event, AuditEntry.Action.UPDATE, {f"linked_{key}": [None, str(item)[:200]]})
    return True


# --- filing what the warnings app receives (called by receivers) -------------------------


def _active_events(ward_id: int, *, statuses=ACTIVE):
    return Event.objects.filter(ward_id=ward_id, status__in=statuses).order_by("-starts_at", "-id")


def _proposed_name(bulletin: Bulletin) -> str:
    local = bulletin.issued_at.astimezone(ZoneInfo(settings.TIME_ZONE))
    suffix = f", tháng {local.month}/{local.year}"
    prefix = PROPOSING[bulletin.hazard_type] + " — "
    room = NAME_MAX - len(prefix) - len(suffix)
    headline = (
        bulletin.headline if len(bulletin.headline) <= room else bulletin.headline[: room - 1] + "…"
    )
    return prefix + headline + suffix


@transaction.atomic
def event_receive_bulletin(*, bulletin: Bulletin) -> Event | None:
    """File a new bulletin: into the event of the bulletin it updates, else into the ward's
    newest open or proposed event that takes in its hazard; else, for a storm or a flood,
    propose a new event. None when it fits no event and proposes none."""
    if bulletin.updates_id is not None:
        earlier = list(_active_events(bulletin.ward_id).filter(bulletins=bulletin.updates_id))
        for event in earlier:
            _link(None, event, bulletin=bulletin)
        if earlier:
            return earlier[0]
    for event in _active_events(bulletin.ward_id):
        if takes_in(event.hazard_type, bulletin.hazard_type):
            _link(None, event, bulletin=bulletin)
            return event
    if bulletin.hazard_type not in PROPOSING or bulletin.msg_type == MsgType.CANCEL:
        return None
    event = Event.objects.create(
        ward_id=bulletin.ward_id,
        name=_proposed_name(bulletin),
        hazard_type=bulletin.hazard_type,
        status=EventStatus.PROPOSED,
        starts_at=bulletin.issued_at,
    )
    _log(
        None, event, AuditEntry.Action.CREATE, audit.diff({}, audit.snapshot(event, AUDITED_FIELDS))
    )
    _link(None, event, bulletin=bulletin)
    return event


@transaction.atomic
def event_receive_alert(*, alert: Alert) -> list[Event]:
    """File an alert into the events of its bulletin and of the alert it updates or cancels;
    an alert with neither goes into the ward's newest open event that takes in its hazard."""
    events = Event.objects.filter(ward_id=alert.ward_id)
    found = []
    if alert.bulletin_id is not None:
        found += list(events.filter(bulletins=alert.bulletin_id))
    if alert.previous_id is not None:
        found += [event for event in events.filter(alerts=alert.previous_id) if event not in found]
    if not found and alert.bulletin_id is None and alert.previous_id is None:
        newest = next(
            (
                event
                for event in _active_events(alert.ward_id, statuses=(EventStatus.OPEN,))
                if takes_in(event.hazard_type, alert.hazard_type)
            ),
            None,
        )
        found = [newest] if newest is not None else []
    for event in found:
        _link(None, event, alert=alert)
    return found
