"""Writes to the tenancy: residential groups, memberships, API tokens."""

import hashlib
import re
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.core import audit, registry
from taicho.core.access import forget, require_write
from taicho.core.models import (
    ApiToken,
    AuditEntry,
    Membership,
    Province,
    ResidentialGroup,
    Role,
    Ward,
)
from taicho.core.phones import normalize_phone
from taicho.core.validation import check_code_free

GROUP_FIELDS = ("code", "name", "leader_name", "leader_phone")


@transaction.atomic
def residential_group_create(
    *, actor, ward: Ward, code: str, name: str, leader_name: str = "", leader_phone: str = ""
) -> ResidentialGroup:
    require_write(actor, ward_id=ward.id, topic=ResidentialGroup.scope_topic)
    group = ResidentialGroup(
        ward=ward,
        code=code.strip(),
        name=name.strip(),
        leader_name=leader_name,
        leader_phone=leader_phone,
    )
    _clean_group(group)
    registry.save_new(actor=actor, instance=group, audited=GROUP_FIELDS)
    return group


def _clean_group(group: ResidentialGroup) -> None:
    if group.leader_phone:
        try:
            group.leader_phone = normalize_phone(group.leader_phone)
        except ValidationError as exc:
            raise ValidationError({"leader_phone": exc.messages}) from exc
    check_code_free(group)
    group.full_clean()


@transaction.atomic
def residential_group_update(*, actor, group: ResidentialGroup, **fields) -> ResidentialGroup:
    registry.reject_unknown(fields, allowed=GROUP_FIELDS, service="residential_group_update")
    require_write(actor, ward_id=group.ward_id, topic=ResidentialGroup.scope_topic)
    registry.save_changes(
        actor=actor, instance=group, fields=fields, audited=GROUP_FIELDS, clean=_clean_group
    )
    return group


@transaction.atomic
def residential_group_delete(*, actor, group: ResidentialGroup) -> None:
    """Delete an empty group; a group that still has households cannot be deleted."""
    require_write(actor, ward_id=group.ward_id, topic=ResidentialGroup.scope_topic)
    if group.households.exists():
        raise ValidationError(_("Move or delete this group's households first."))
    registry.delete(actor=actor, instance=group, audited=GROUP_FIELDS)


@transaction.atomic
def membership_grant(
    *,
    user,
    role: str,
    ward: Ward | None = None,
    province: Province | None = None,
    groups: list[ResidentialGroup] | None = None,
) -> Membership:
    """Give `user` a role in a ward (or, for city viewers, over a province)."""
    if role == Role.CITY_VIEWER:
        membership, _created = Membership.objects.get_or_create(
            user=user, role=role, province=province
        )
    else:
        membership, _created = Membership.objects.get_or_create(user=user, role=role, ward=ward)
    if groups:
        membership.groups.add(*groups)
    forget(user)
    return membership


TELEGRAM_CHAT = re.compile(r"^-?\d{1,20}$")


@transaction.atomic
def membership_contacts_save(
    *, actor, membership: Membership, phone: str = "", telegram_chat: str = ""
) -> Membership:
    """A person's own contacts for alerts in one role; ValidationError names the bad field."""
    if membership.user_id != actor.pk:
        raise PermissionDenied(_("You may change only your own contacts."))
    errors = {}
    try:
        phone = normalize_phone(phone) if phone.strip() else ""
    except ValidationError as error:
        errors["phone"] = error.messages
    telegram_chat = telegram_chat.strip()
    if telegram_chat and not TELEGRAM_CHAT.match(telegram_chat):
        errors["telegram_chat"] = [_("A Telegram chat id is a number, such as 123456789.")]
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(membership, ["phone", "telegram_chat"])
    membership.phone, membership.telegram_chat = phone, telegram_chat
    membership.save(update_fields=["phone", "telegram_chat"])
    if membership.ward_id:
        audit.record(
            actor=actor,
            ward_id=membership.ward_id,
            action=AuditEntry.Action.UPDATE,
            instance=membership,
            changes=audit.diff(before, audit.snapshot(membership, ["phone", "telegram_chat"])),
        )
    return membership


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`. The plain key is returned once and never stored."""
    key = "tc_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:8], key_hash=_hash(key))
    return token, key


def api_token_user(*, key: str):
    """The active user a bearer key belongs to, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(key), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
