"""Every write to a ward's channels. Only the command board and the officer may make them.

The configuration is validated by its kind's form; the audit log records which settings
changed, with secrets masked (a changed token shows as ••• → •••).
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from taicho.channels import registry
from taicho.channels.models import ChannelConfig
from taicho.channels.redaction import MASK, is_secret_key, mask_config
from taicho.core import audit
from taicho.core.access import require_manage
from taicho.core.models import AuditEntry, Ward

AUDITED_FIELDS = ("name", "kind", "rate_per_second", "active", "paused_reason")
_UPDATABLE = {"name", "config", "rate_per_second"}
CHANGED = f"{MASK} (new)"


def _snapshot(channel: ChannelConfig) -> dict:
    values = audit.snapshot(channel, AUDITED_FIELDS)
    # Each setting is its own line in the history; secrets only say that they are set.
    for name, value in mask_config(channel.config).items():
        values[f"config.{name}"] = value
    values["_secrets"] = {
        name: value for name, value in channel.config.items() if is_secret_key(name)
    }
    return values


def _record(actor, channel: ChannelConfig, action: str, before: dict) -> dict:
    after = _snapshot(channel)
    old_secrets, new_secrets = before.pop("_secrets", {}), after.pop("_secrets")
    changes = audit.diff(before, after)
    # A new token behind the same mask is still a change worth a line (its value is not).
    for name, value in new_secrets.items():
        if value and old_secrets.get(name) != value:
            changes[f"config.{name}"] = [MASK if old_secrets.get(name) else None, CHANGED]
    if changes or action != AuditEntry.Action.UPDATE:
        audit.record(
            actor=actor, ward_id=channel.ward_id, action=action, instance=channel, changes=changes
        )
    return changes


def clean_config(kind: str, config: Mapping[str, Any]) -> dict[str, Any]:
    """The configuration as the kind's form cleans it; ValidationError naming each field."""
    try:
        transport_class = registry.kind_class(kind)
    except KeyError:
        raise ValidationError(
            {"kind": _("“%(kind)s” is not a channel kind of this installation.") % {"kind": kind}}
        ) from None
    form = transport_class.config_form(data=dict(config))
    if not form.is_valid():
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
    return form.to_config()


def _keep_secrets(new: Mapping[str, Any], old: Mapping[str, Any]) -> dict[str, Any]:
    """A secret left empty (or still showing the mask) keeps its stored value."""
    merged = dict(new)
    for name, value in new.items():
        if is_secret_key(name) and value in ("", None, MASK) and old.get(name):
            merged[name] = old[name]
    return merged


def _clean(channel: ChannelConfig) -> None:
    errors: dict[str, list] = {}
    try:
        channel.config = clean_config(channel.kind, channel.config)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    taken = (
        ChannelConfig.objects.filter(ward_id=channel.ward_id, name=channel.name)
        .exclude(pk=channel.pk)
        .exists()
    )
    if taken:
        errors.setdefault("name", []).append(
            ValidationError(
                _("The ward already has a channel named “%(name)s”.") % {"name": channel.name}
            )
        )
    try:
        channel.full_clean(exclude=["config", *errors])
    except ValidationError as exc:
        for name, messages in exc.error_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def channel_config_create(
    *,
    actor,
    ward: Ward,
    kind: str,
    name: str,
    config: Mapping[str, Any],
    rate_per_second: float = 1.0,
    active: bool = True,
) -> ChannelConfig:
    require_manage(actor, ward_id=ward.id)
    channel = ChannelConfig(
        ward=ward,
        kind=kind,
        name=(name or "").strip(),
        config=dict(config),
        rate_per_second=rate_per_second,
        active=active,
    )
    _clean(channel)
    channel.save()
    _record(actor, channel, AuditEntry.Action.CREATE, {"_secrets": {}})
    return channel


@transaction.atomic
def channel_config_update(*, actor, channel: ChannelConfig, **fields) -> ChannelConfig:
    """Change the name, configuration or rate. Secrets left empty keep their stored value."""
    require_manage(actor, ward_id=channel.ward_id)
    unknown = set(fields) - _UPDATABLE
    if unknown:
        raise TypeError(f"channel_config_update got unknown fields: {sorted(unknown)}")
    channel = ChannelConfig.objects.select_for_update().get(pk=channel.pk)
    before = _snapshot(channel)
    if "config" in fields:
        channel.config = _keep_secrets(fields.pop("config"), channel.config)
    for name, value in fields.items():
        setattr(channel, name, value.strip() if isinstance(value, str) else value)
    _clean(channel)
    channel.save()
    _record(actor, channel, AuditEntry.Action.UPDATE, before)
    return channel


@transaction.atomic
def channel_config_pause(*, actor, channel: ChannelConfig, reason: str) -> ChannelConfig:
    """Stop sending on this channel (messages wait); `reason` says why, for the next officer."""
    require_manage(actor, ward_id=channel.ward_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"paused_reason": _("Say why the channel is paused.")})
    return _set_active(actor, channel, active=False, reason=reason)


@transaction.atomic
def channel_config_resume(*, actor, channel: ChannelConfig) -> ChannelConfig:
    require_manage(actor, ward_id=channel.ward_id)
    return _set_active(actor, channel, active=True, reason="")


def channel_config_pause_by_system(*, channel: ChannelConfig, reason: str) -> ChannelConfig:
    """The workers' pause, when a send says the channel itself is at fault (no actor)."""
    with transaction.atomic():
        return _set_active(None, channel, active=False, reason=reason[:300])


def _set_active(actor, channel: ChannelConfig, *, active: bool, reason: str) -> ChannelConfig:
    channel = ChannelConfig.objects.select_for_update().get(pk=channel.pk)
    before = _snapshot(channel)
    channel.active, channel.paused_reason = active, reason[:300]
    channel.save(update_fields=["active", "paused_reason", "updated_at"])
    _record(actor, channel, AuditEntry.Action.UPDATE, before)
    return channel


def channel_config_store(*, channel_id: int, update) -> dict:
    """Apply `update(current config) -> changes or None` under a row lock; save and audit the
    changes (a refreshed access token). Used by the transports while sending: no actor."""
    with transaction.atomic():
        channel = ChannelConfig.objects.select_for_update().get(pk=channel_id)
        changes = update(dict(channel.config))
        if changes:
            before = _snapshot(channel)
            channel.config = {**channel.config, **changes}
            channel.save(update_fields=["config", "updated_at"])
            _record(None, channel, AuditEntry.Action.UPDATE, before)
        return dict(channel.config)
