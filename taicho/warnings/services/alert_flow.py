"""Approving and issuing an alert, and the ward's CAP settings it is issued with.

Four eyes: an alert is approved by a member of the command board who did not write it.
Issuing writes the CAP 1.2 message (checked by the CAP module before it is stored); an
issued Update supersedes the alert it names, an issued Cancel cancels it.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.core import registry
from taicho.core.access import has_role, require_manage, require_write
from taicho.core.models import Role, Ward
from taicho.warnings import cap
from taicho.warnings.models import Alert, AlertStatus, WardWarningSettings
from taicho.warnings.services.alerts import (
    ENDS_PREVIOUS,
    TOPIC,
    change_status,
    check_transition,
    has_target,
    locked,
)
from taicho.warnings.services.cap_out import alert_message, make_identifier

SETTINGS_FIELDS = ("identifier_prefix", "sender", "sender_name", "web", "contact", "expiry_hours")


@transaction.atomic
def alert_approve(*, actor, alert: Alert) -> Alert:
    """Approve a draft: only a command-board member of the ward, never its author."""
    require_write(actor, ward_id=alert.ward_id, topic=TOPIC)
    if not has_role(actor, ward_id=alert.ward_id, role=Role.COMMAND_BOARD):
        raise PermissionDenied(_("Only a member of the command board can approve an alert."))
    alert = locked(alert)
    if alert.author_id == actor.pk:
        raise PermissionDenied(
            _("You wrote this alert: another member of the command board must approve it.")
        )
    check_transition(alert, AlertStatus.APPROVED)
    if not has_target(alert):
        raise ValidationError(
            {
                "area_geometry": _(
                    "Choose whom the alert is for: an area, zones, groups or the whole ward."
                )
            }
        )
    alert.approved_by, alert.approved_at = actor, timezone.now()
    change_status(
        actor=actor,
        alert=alert,
        new_status=AlertStatus.APPROVED,
        changes={"approved_by": [None, str(actor)]},
    )
    return alert


def ward_settings(ward_id: int) -> WardWarningSettings:
    found = WardWarningSettings.objects.filter(ward_id=ward_id).first()
    if found is None:
        raise ValidationError(
            _(
                "The ward's CAP identifier prefix and sender are not set: the command board "
                "or the officer sets them first."
            )
        )
    return found


@transaction.atomic
def alert_issue(*, actor, alert: Alert) -> Alert:
    """Issue an approved alert: its CAP message is written, checked and stored."""
    require_write(actor, ward_id=alert.ward_id, topic=TOPIC)
    alert = locked(alert)
    check_transition(alert, AlertStatus.ISSUED)
    ward_config = ward_settings(alert.ward_id)
    previous = locked(alert.previous) if alert.previous_id else None
    ends = ENDS_PREVIOUS.get(alert.msg_type)
    if previous is not None and ends is not None:
        check_transition(previous, ends)
    # CAP times have whole seconds; the stored time must equal the one in the message, which
    # later messages reference.
    sent = timezone.now().replace(microsecond=0)
    alert.issued_at, alert.issued_by = sent, actor
    alert.sender = ward_config.sender
    alert.identifier = make_identifier(ward_config.identifier_prefix, sent, alert.pk)
    if alert.expires_at is None:
        alert.expires_at = sent + timedelta(hours=ward_config.expiry_hours)
    alert.cap_xml = _cap_xml(alert, ward_config)
    change_status(
        actor=actor,
        alert=alert,
        new_status=AlertStatus.ISSUED,
        changes={"identifier": ["", alert.identifier], "issued_at": [None, str(sent)]},
    )
    if previous is not None and ends is not None:
        change_status(
            actor=actor,
            alert=previous,
            new_status=ends,
            changes={"followed_by": [None, alert.identifier]},
        )
    return alert


def _cap_xml(alert: Alert, ward_config: WardWarningSettings) -> str:
    try:
        data = cap.alert_to_xml(
            alert_message(alert, settings=ward_config), tz=ZoneInfo(settings.TIME_ZONE)
        )
    except cap.CapInvalid as exc:
        raise ValidationError([str(issue) for issue in exc.issues]) from exc
    report = cap.validate(
        data, check_signature=False, max_bytes=max(len(data), cap.DEFAULT_MAX_BYTES)
    )
    if not report.valid:
        raise ValidationError([str(issue) for issue in report.errors])
    return data.decode("utf-8")


# --- the ward's CAP settings --------------------------------------------------------------


def _check_settings(config: WardWarningSettings) -> None:
    errors = {}
    for name in ("identifier_prefix", "sender"):
        value = getattr(config, name)
        if not value or any(char.isspace() or char in ",<&" for char in value):
            errors[name] = [_("Required, without spaces, commas, < or &.")]
    config.full_clean(exclude=["ward", *errors])
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def warning_settings_save(*, actor, ward: Ward, **fields) -> WardWarningSettings:
    """Set the ward's CAP identifier prefix, sender, sender name, web page, contact and the
    hours after which its alerts expire."""
    registry.reject_unknown(fields, allowed=SETTINGS_FIELDS, service="warning_settings_save")
    require_manage(actor, ward_id=ward.id)
    config = WardWarningSettings.objects.filter(ward=ward).first()
    if config is None:
        config = WardWarningSettings(
            ward=ward, **{k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
        )
        _check_settings(config)
        return registry.save_new(actor=actor, instance=config, audited=SETTINGS_FIELDS)
    registry.save_changes(
        actor=actor, instance=config, fields=fields, audited=SETTINGS_FIELDS, clean=_check_settings
    )
    return config
