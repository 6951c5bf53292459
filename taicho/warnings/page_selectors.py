"""Reads of the warnings pages that taicho.warnings.selectors does not have: the active
alerts and level, group names of a targeting preview, and the public side.

The public reads take no user on purpose: an issued alert is a public message (it is sent to
everyone in its area and published as CAP). Only alerts that were issued are ever returned;
drafts, approved-but-not-issued and discarded alerts never are.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from taicho.core.models import ResidentialGroup, Ward
from taicho.warnings.models import Alert, AlertStatus, MsgType
from taicho.warnings.targeting import TargetResult

# Once issued, an alert stays published with its fate: in force, superseded or cancelled.
PUBLISHED = (AlertStatus.ISSUED, AlertStatus.SUPERSEDED, AlertStatus.CANCELLED)
FEED_SIZE = 100  # entries in the Atom feed, newest first


def _in_force(alerts: QuerySet[Alert], now: datetime | None) -> QuerySet[Alert]:
    """Issued, not expired, neither superseded nor cancelled; a cancellation message itself
    is not an alert in force."""
    now = now or timezone.now()
    return (
        alerts.filter(status=AlertStatus.ISSUED)
        .exclude(msg_type=MsgType.CANCEL)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    )


# --- ward pages (for a user) ---------------------------------------------------------------


def alerts_in_force(*, user, ward: Ward, now: datetime | None = None) -> QuerySet[Alert]:
    alerts = Alert.objects.visible_to(user).filter(ward=ward)
    return _in_force(alerts, now).order_by("-level", "-issued_at", "-id")


def active_level(*, user, ward: Ward, now: datetime | None = None) -> int | None:
    """The ward's level now: the highest level among its alerts in force (None: none)."""
    alert = alerts_in_force(user=user, ward=ward, now=now).first()
    return alert.level if alert else None


@dataclass(frozen=True)
class GroupRow:
    name: str
    households: int
    residents: int
    vulnerable: int


def target_group_rows(*, user, ward: Ward, result: TargetResult) -> list[GroupRow]:
    """The preview's counts per residential group, with the groups' names, in group order."""
    groups = ResidentialGroup.objects.visible_to(user).filter(
        ward=ward, id__in=list(result.by_group)
    )
    rows = []
    for group in groups:
        counts = result.by_group[group.id]
        rows.append(GroupRow(group.name, counts.households, counts.residents, counts.vulnerable))
    return rows


# --- the public side (no user) -----------------------------------------------------------


def public_ward(code: int) -> Ward | None:
    return Ward.objects.select_related("province").filter(code=code).first()


def public_alerts_in_force(*, ward: Ward, now: datetime | None = None) -> QuerySet[Alert]:
    """The ward's alerts in force, newest first."""
    return _in_force(Alert.objects.filter(ward=ward), now).order_by("-issued_at", "-id")


def public_alert(*, ward: Ward, pk: int) -> Alert | None:
    """One alert of the ward that was issued (in force, superseded or cancelled)."""
    return (
        Alert.objects.filter(ward=ward, pk=pk, status__in=PUBLISHED, issued_at__isnull=False)
        .prefetch_related("target_zones", "target_groups")
        .first()
    )


def public_followers(alert: Alert) -> list[Alert]:
    """The issued update or cancellation that ended this alert, if any."""
    return list(
        Alert.objects.filter(ward_id=alert.ward_id, previous=alert, status__in=PUBLISHED).order_by(
            "issued_at", "id"
        )
    )


def public_feed_alerts(*, ward: Ward, limit: int = FEED_SIZE) -> list[Alert]:
    """Every message the ward issued (alerts, updates, cancellations), newest first, so
    consumers of the feed see updates and cancellations too."""
    return list(
        Alert.objects.filter(ward=ward, status__in=PUBLISHED, issued_at__isnull=False)
        .exclude(cap_xml="")
        .order_by("-issued_at", "-id")[:limit]
    )
