"""Reads of the warnings app, always for a user: what they may see, and nothing else.

Bulletins, alerts, feeds and settings follow the "warnings" rights; the households an alert
targets are personal data and follow the "people" rights (a group leader sees those of their
own groups, a shock force member none).
"""

from django.db.models import Q, QuerySet

from taicho.community.models import Household
from taicho.core.access import grants_for
from taicho.core.models import Ward
from taicho.geo.geojson import AREA_TYPES, parse_geometry
from taicho.warnings.models import (
    Alert,
    AlertStatus,
    AlertTemplate,
    Bulletin,
    FeedSource,
    WardWarningSettings,
)
from taicho.warnings.targeting import TargetResult, TargetSpec, compute_targets, target_households

OPEN_STATUSES = (AlertStatus.DRAFT, AlertStatus.APPROVED)


# --- bulletins ------------------------------------------------------------------------------


def bulletins_for(*, user, ward: Ward) -> QuerySet[Bulletin]:
    """The ward's bulletins the user may see, newest first."""
    return (
        Bulletin.objects.visible_to(user)
        .filter(ward=ward)
        .select_related("updates")
        .order_by("-issued_at", "-id")
    )


def bulletin_chain(*, user, bulletin: Bulletin) -> list[Bulletin]:
    """The bulletin with what it updates (older) and what updates it (newer), oldest first."""
    visible = Bulletin.objects.visible_to(user).filter(ward_id=bulletin.ward_id)
    chain = [bulletin]
    older = bulletin
    while older.updates_id is not None:
        older = visible.filter(pk=older.updates_id).first()
        if older is None or older in chain:
            break
        chain.insert(0, older)
    newer = bulletin
    while True:
        newer = visible.filter(updates=newer).order_by("issued_at", "id").first()
        if newer is None or newer in chain:
            break
        chain.append(newer)
    return chain


# --- alerts ---------------------------------------------------------------------------------


def alerts_for(*, user, ward: Ward, statuses: tuple[str, ...] | None = None) -> QuerySet[Alert]:
    """The ward's alerts the user may see, newest first; optionally of these statuses."""
    alerts = Alert.objects.visible_to(user).filter(ward=ward)
    if statuses:
        alerts = alerts.filter(status__in=statuses)
    return alerts.select_related("bulletin", "author", "approved_by").order_by("-created_at", "-id")


def alerts_awaiting_approval(*, user, ward: Ward) -> QuerySet[Alert]:
    return alerts_for(user=user, ward=ward, statuses=(AlertStatus.DRAFT,))


def alert_chain(*, user, alert: Alert) -> list[Alert]:
    """The alert, the ones it updated or cancelled (older), and its updates (newer)."""
    visible = Alert.objects.visible_to(user).filter(ward_id=alert.ward_id)
    chain = [alert]
    older = alert
    while older.previous_id is not None:
        older = visible.filter(pk=older.previous_id).first()
        if older is None or older in chain:
            break
        chain.insert(0, older)
    newer = alert
    while True:
        newer = (
            visible.filter(previous=newer)
            .exclude(status=AlertStatus.DISCARDED)
            .order_by("created_at", "id")
            .first()
        )
        if newer is None or newer in chain:
            break
        chain.append(newer)
    return chain


# --- targeting ------------------------------------------------------------------------------


def visible_targets(result: TargetResult, *, user, ward_id: int) -> TargetResult:
    """The part of a target the user may see: all, their own groups', or nothing (the
    households' rights decide, as they do for the households themselves)."""
    grants = grants_for(user, topic=Household.scope_topic, write=False)
    if grants is None:
        return result
    grant = next((grant for grant in grants if grant.ward_id == ward_id), None)
    if grant is None:
        return TargetResult()
    if grant.group_ids is None:
        return result
    return result.within_groups(grant.group_ids)


def alert_targets(*, user, alert: Alert) -> TargetResult:
    """Who the alert reaches, with counts of residents and vulnerable residents, as far as
    the user may see (shown before approval)."""
    if not Alert.objects.visible_to(user).filter(pk=alert.pk).exists():
        return TargetResult()
    return visible_targets(target_households(alert=alert), user=user, ward_id=alert.ward_id)


def targets_preview(
    *,
    user,
    ward: Ward,
    area_geometry: dict | None = None,
    zone_ids: tuple[int, ...] = (),
    group_ids: tuple[int, ...] = (),
    whole_ward: bool = False,
) -> TargetResult:
    """The same for a target being drawn, before the draft is saved. ValidationError for a
    bad polygon."""
    area = parse_geometry(area_geometry, allowed=AREA_TYPES) if area_geometry else None
    spec = TargetSpec(
        ward_id=ward.id,
        area=area,
        zone_ids=tuple(zone_ids),
        group_ids=tuple(group_ids),
        whole_ward=whole_ward,
    )
    return visible_targets(compute_targets(spec), user=user, ward_id=ward.id)


def target_households_page(
    *, user, alert: Alert, result: TargetResult | None = None, page: int = 1, per_page: int = 50
) -> list[Household]:
    """One page of the targeted households the user may see, with their groups."""
    result = result if result is not None else alert_targets(user=user, alert=alert)
    start = max(page - 1, 0) * per_page
    ids = result.household_ids[start : start + per_page].tolist()
    if not ids:
        return []
    return list(
        Household.objects.visible_to(user)
        .filter(ward_id=alert.ward_id, id__in=ids)
        .select_related("group")
        .order_by("id")
    )


# --- feeds, templates, settings -------------------------------------------------------------


def feeds_for(*, user, ward: Ward) -> QuerySet[FeedSource]:
    return FeedSource.objects.visible_to(user).filter(ward=ward)


def warning_settings_for(*, user, ward: Ward) -> WardWarningSettings | None:
    return WardWarningSettings.objects.visible_to(user).filter(ward=ward).first()


def templates_for(*, ward: Ward) -> list[AlertTemplate]:
    """The templates in force in the ward: its own wording where it has one, else the
    national one. Templates hold no personal data and are the same for every user."""
    templates = AlertTemplate.objects.filter(Q(ward=ward) | Q(ward__isnull=True))
    chosen: dict[tuple, AlertTemplate] = {}
    for template in templates.order_by("ward_id"):
        key = (template.kind, template.hazard_type, template.level)
        if key not in chosen or template.ward_id is not None:
            chosen[key] = template
    return sorted(chosen.values(), key=lambda t: (t.kind, t.hazard_type, t.level))
