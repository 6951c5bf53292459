"""What one user may reach: the grants computed from their memberships and the rights table."""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from taicho.core.rights import MANAGING_ROLES, RIGHTS, Reach

_CACHE_ATTR = "_taicho_memberships"


@dataclass(frozen=True)
class Grant:
    ward_id: int
    # None: the whole ward; otherwise only these residential groups.
    group_ids: frozenset[int] | None


def _memberships(user) -> list[tuple[str, list[int], frozenset[int]]]:
    """(role, ward ids, group ids) per membership, loaded once per user object (one request)."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    membership_model = apps.get_model("core", "Membership")
    ward_model = apps.get_model("core", "Ward")
    rows = []
    memberships = membership_model.objects.filter(user_id=user.pk).prefetch_related("groups")
    for membership in memberships:
        if membership.province_id:
            ward_ids = list(
                ward_model.objects.filter(province_id=membership.province_id).values_list(
                    "id", flat=True
                )
            )
        else:
            ward_ids = [membership.ward_id]
        group_ids = frozenset(group.id for group in membership.groups.all())
        rows.append((membership.role, ward_ids, group_ids))
    setattr(user, _CACHE_ATTR, rows)
    return rows


def grants_for(user, *, topic: str, write: bool) -> list[Grant] | None:
    """The wards (and groups) where `user` may read or write rows of `topic`.

    None means no limit (superusers). An empty list means nothing.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    per_ward: dict[int, frozenset[int] | None] = {}
    for role, ward_ids, group_ids in _memberships(user):
        read_reach, write_reach = RIGHTS.get(role, {}).get(topic, (None, None))
        reach = write_reach if write else read_reach
        if reach is None:
            continue
        for ward_id in ward_ids:
            if reach is Reach.WARD or per_ward.get(ward_id, frozenset()) is None:
                per_ward[ward_id] = None
            else:
                per_ward[ward_id] = per_ward.get(ward_id, frozenset()) | group_ids
    return [Grant(ward_id, groups) for ward_id, groups in per_ward.items()]


def readable_ward_ids(user) -> set[int] | None:
    """Wards where the user can see anything at all (None: every ward)."""
    ids: set[int] = set()
    for topic in ("people", "places"):
        grants = grants_for(user, topic=topic, write=False)
        if grants is None:
            return None
        ids.update(grant.ward_id for grant in grants)
    return ids


def can_read_ward(user, ward_id: int) -> bool:
    ids = readable_ward_ids(user)
    return ids is None or ward_id in ids


def can_write(user, *, ward_id: int, topic: str, group_id: int | None = None) -> bool:
    grants = grants_for(user, topic=topic, write=True)
    if grants is None:
        return True
    for grant in grants:
        if grant.ward_id == ward_id and (
            grant.group_ids is None or (group_id is not None and group_id in grant.group_ids)
        ):
            return True
    return False


def require_write(user, *, ward_id: int, topic: str, group_id: int | None = None) -> None:
    if not can_write(user, ward_id=ward_id, topic=topic, group_id=group_id):
        raise PermissionDenied(_("You may not change this ward's records."))


def can_manage(user, *, ward_id: int) -> bool:
    """Import, export and read the audit log: command board and disaster prevention officers."""
    if user.is_superuser:
        return True
    return any(
        role in MANAGING_ROLES and ward_id in ward_ids
        for role, ward_ids, _groups in _memberships(user)
    )


def has_role(user, *, ward_id: int, role: str) -> bool:
    """Whether `user` holds `role` in the ward (membership only: being a superuser is no role)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return any(
        held == role and ward_id in ward_ids for held, ward_ids, _groups in _memberships(user)
    )


def require_manage(user, *, ward_id: int) -> None:
    if not can_manage(user, ward_id=ward_id):
        raise PermissionDenied(_("Only the command board and the officer may do this."))


def forget(user) -> None:
    """Drop the cached memberships (after they change)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
