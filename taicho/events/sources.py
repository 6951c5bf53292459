"""Timeline sources of the events app itself and of the warnings app (see timeline.py).

Both read the audit log (taicho.core.audit): who received a bulletin, who set its level and
why, who drafted, approved and issued each alert. Bulletins and alerts hold no personal data;
the user sees the entries of those they may read.
"""

from collections.abc import Iterable, Iterator

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.core.models import AuditEntry
from taicho.events.models import Event, EventStatus
from taicho.events.timeline import TimelineEntry
from taicho.warnings.models import Alert, AlertStatus, Bulletin, MsgType

CREATED = (AuditEntry.Action.CREATE, AuditEntry.Action.IMPORT)

# An alert's new status → (entry kind, what the timeline says).
ALERT_STATUS_TEXT = {
    AlertStatus.DRAFT: gettext_lazy("Alert back to draft (changed after approval): %(headline)s"),
    AlertStatus.APPROVED: gettext_lazy("Alert approved: %(headline)s"),
    AlertStatus.ISSUED: gettext_lazy("Alert issued: %(headline)s"),
    AlertStatus.SUPERSEDED: gettext_lazy("Alert superseded by an update: %(headline)s"),
    AlertStatus.CANCELLED: gettext_lazy("Alert cancelled: %(headline)s"),
    AlertStatus.DISCARDED: gettext_lazy("Draft alert discarded: %(headline)s"),
}
# What drafting says, by the CAP message type of the draft.
ALERT_DRAFTED_TEXT = {
    MsgType.ALERT: gettext_lazy("Alert drafted (level %(level)s): %(headline)s"),
    MsgType.UPDATE: gettext_lazy("Update drafted (level %(level)s): %(headline)s"),
    MsgType.CANCEL: gettext_lazy("Cancellation drafted: %(headline)s"),
}
EVENT_STATUS_TEXT = {
    EventStatus.OPEN: gettext_lazy("Event confirmed as open: %(name)s"),
    EventStatus.CLOSED: gettext_lazy("Event closed: %(name)s"),
}


def display_name(user) -> str:
    if user is None:
        return ""
    # Vietnamese order: family and middle names, then the given name.
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


def _history(event: Event, model, ids: Iterable[int]) -> dict[str, list[AuditEntry]]:
    """Audit entries of these records, oldest first, by record id (one query)."""
    by_id: dict[str, list[AuditEntry]] = {}
    ids = [str(pk) for pk in ids]
    if not ids:
        return by_id
    entries = (
        AuditEntry.objects.filter(
            ward_id=event.ward_id, object_type=model._meta.label_lower, object_id__in=ids
        )
        .select_related("actor")
        .order_by("at", "id")
    )
    for entry in entries:
        by_id.setdefault(entry.object_id, []).append(entry)
    return by_id


def _new(entry: AuditEntry, name: str):
    values = entry.changes.get(name)
    return values[1] if isinstance(values, list) and len(values) == 2 else None


# --- the event itself -------------------------------------------------------------------


def event_entries(*, user, event: Event) -> Iterator[TimelineEntry]:
    """Opened or proposed, confirmed, closed."""
    for entry in _history(event, Event, [event.pk]).get(str(event.pk), []):
        actor = display_name(entry.actor)
        if entry.action in CREATED:
            proposed = _new(entry, "status") == EventStatus.PROPOSED
            text = (
                _("Event proposed by the system from a bulletin: %(name)s")
                if proposed
                else _("Event opened: %(name)s")
            )
            kind = "event.proposed" if proposed else "event.opened"
            yield TimelineEntry(entry.at, actor, kind, text % {"name": event.name})
            continue
        status = _new(entry, "status")
        if status in EVENT_STATUS_TEXT:
            text = str(EVENT_STATUS_TEXT[status]) % {"name": event.name}
            yield TimelineEntry(entry.at, actor, f"event.{status}", text)


# --- bulletins and alerts ---------------------------------------------------------------


def _bulletin_entries(bulletin: Bulletin, history: list[AuditEntry], url: str):
    authority = _("authoritative") if bulletin.authoritative else _("not an official forecaster")
    received = _("Bulletin received from %(issuer)s (%(authority)s): %(headline)s") % {
        "issuer": bulletin.issuer,
        "authority": authority,
        "headline": bulletin.headline,
    }
    created = next((entry for entry in history if entry.action in CREATED), None)
    if created is None:  # stored without the services (a fixture, an old import)
        yield TimelineEntry(bulletin.received_at, "", "bulletin", received, url)
        return
    actor = display_name(created.actor)
    yield TimelineEntry(created.at, actor, "bulletin", received, url)
    proposed = _new(created, "proposed_level")
    if proposed is not None:
        basis = bulletin.level_basis if proposed == bulletin.proposed_level else ""
        text = _("Risk level %(level)s proposed from the bulletin. %(basis)s") % {
            "level": proposed,
            "basis": basis,
        }
        yield TimelineEntry(created.at, actor, "level", text.strip(), url)
    for entry in history:
        if entry.action in CREATED:
            continue
        level = _new(entry, "level")
        if "override_reason" in entry.changes:
            text = _("Risk level set by hand to %(level)s. Reason: %(reason)s") % {
                "level": level if level is not None else bulletin.level,
                "reason": _new(entry, "override_reason") or "",
            }
            yield TimelineEntry(entry.at, display_name(entry.actor), "level.override", text, url)
        elif level is not None:
            text = _("Risk level changed to %(level)s from corrected figures.") % {"level": level}
            yield TimelineEntry(entry.at, display_name(entry.actor), "level", text, url)


def _alert_entries(alert: Alert, history: list[AuditEntry], url: str):
    values = {"headline": alert.headline, "level": alert.level}
    for entry in history:
        actor = display_name(entry.actor)
        if entry.action in CREATED:
            text = ALERT_DRAFTED_TEXT.get(alert.msg_type, ALERT_DRAFTED_TEXT[MsgType.ALERT])
            yield TimelineEntry(entry.at, actor, "alert.drafted", str(text) % values, url)
            continue
        status = _new(entry, "status")
        if status in ALERT_STATUS_TEXT:
            text = str(ALERT_STATUS_TEXT[status]) % values
            yield TimelineEntry(entry.at, actor, f"alert.{status}", text, url)


def warnings_entries(*, user, event: Event) -> Iterator[TimelineEntry]:
    """Bulletins received (issuer, authoritative or not), the level each brought or was set
    to (with the reason), and every alert's drafting and change of status, with who did it."""
    code = event.ward.code
    bulletins = list(Bulletin.objects.visible_to(user).filter(ward_id=event.ward_id, events=event))
    history = _history(event, Bulletin, [bulletin.pk for bulletin in bulletins])
    for bulletin in bulletins:
        url = reverse("bulletin_detail", args=[code, bulletin.pk])
        yield from _bulletin_entries(bulletin, history.get(str(bulletin.pk), []), url)
    alerts = list(Alert.objects.visible_to(user).filter(ward_id=event.ward_id, events=event))
    history = _history(event, Alert, [alert.pk for alert in alerts])
    for alert in alerts:
        url = reverse("alert_detail", args=[code, alert.pk])
        yield from _alert_entries(alert, history.get(str(alert.pk), []), url)
