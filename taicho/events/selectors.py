"""Reads of the events app, always for a user: the ward's events they may see."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from taicho.core.models import Ward
from taicho.events.models import Event, EventStatus
from taicho.warnings.models import Alert, AlertStatus, Bulletin

# Proposed events first (someone must decide), then open, then closed.
STATUS_ORDER = Case(
    When(status=EventStatus.PROPOSED, then=Value(0)),
    When(status=EventStatus.OPEN, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
LINKABLE = 50  # recent bulletins and alerts offered for filing by hand


def events_for(*, user, ward: Ward) -> QuerySet[Event]:
    return (
        Event.objects.visible_to(user)
        .filter(ward=ward)
        .select_related("created_by")
        .order_by(STATUS_ORDER, "-starts_at", "-id")
    )


def event_for(*, user, ward: Ward, pk: int) -> Event | None:
    return events_for(user=user, ward=ward).filter(pk=pk).first()


def event_bulletins(*, user, event: Event) -> QuerySet[Bulletin]:
    return (
        Bulletin.objects.visible_to(user)
        .filter(ward_id=event.ward_id, events=event)
        .order_by("issued_at", "id")
    )


def event_alerts(*, user, event: Event) -> QuerySet[Alert]:
    return (
        Alert.objects.visible_to(user)
        .filter(ward_id=event.ward_id, events=event)
        .order_by("created_at", "id")
    )


def _recent(queryset: QuerySet, *order: str) -> QuerySet:
    """The newest LINKABLE rows, as an unsliced queryset (a form can still look one up)."""
    ids = list(queryset.order_by(*order).values_list("pk", flat=True)[:LINKABLE])
    return queryset.model.objects.filter(pk__in=ids).order_by(*order)


def linkable_bulletins(*, user, event: Event) -> QuerySet[Bulletin]:
    """The ward's recent bulletins not yet in the event."""
    bulletins = (
        Bulletin.objects.visible_to(user).filter(ward_id=event.ward_id).exclude(events=event)
    )
    return _recent(bulletins, "-issued_at", "-id")


def linkable_alerts(*, user, event: Event) -> QuerySet[Alert]:
    """The ward's recent alerts (not discarded) not yet in the event."""
    alerts = (
        Alert.objects.visible_to(user)
        .filter(ward_id=event.ward_id)
        .exclude(events=event)
        .exclude(status=AlertStatus.DISCARDED)
    )
    return _recent(alerts, "-created_at", "-id")
