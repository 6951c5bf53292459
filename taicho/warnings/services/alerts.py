"""Composing the ward's alerts: drafts from templates, edits, updates and cancellations.

An alert goes draft → approved (by a command-board member who did not write it) → issued
(as CAP) → superseded by an update, or cancelled. An update or a cancellation is a new alert
that names the one it replaces (`previous`) and goes through the same approval. The
approval and the issue are in alert_flow.py.
"""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.core import audit
from taicho.core.access import require_write
from taicho.core.models import AuditEntry, ResidentialGroup, Ward
from taicho.geo.geojson import AREA_TYPES, parse_geometry, to_geojson
from taicho.hazards.models import HazardZone
from taicho.warnings.models import (
    HAZARD_CHOICES,
    Alert,
    AlertStatus,
    Bulletin,
    MsgType,
    ResponseType,
    TemplateKind,
)
from taicho.warnings.services.rendering import Context, check_sms, render
from taicho.warnings.services.templates import template_for
from taicho.warnings.signals import alert_status_changed
from taicho.warnings.templates_data import CANCEL_TEMPLATE

TOPIC = Alert.scope_topic
TEXT_FIELDS = ("headline", "sms_text", "long_text", "spoken_script", "instruction")
ENGLISH_FIELDS = ("headline_en", "long_text_en", "instruction_en")
TARGET_FIELDS = ("area_geometry", "zones", "groups", "whole_ward")
EDITABLE_FIELDS = (
    "bulletin",
    "hazard_type",
    "level",
    *TEXT_FIELDS,
    "response_type",
    *ENGLISH_FIELDS,
    *TARGET_FIELDS,
    "expires_at",
)
AUDITED_FIELDS = (
    "bulletin",
    "hazard_type",
    "level",
    *TEXT_FIELDS,
    "response_type",
    *ENGLISH_FIELDS,
    "area_geometry",
    "whole_ward",
    "status",
    "msg_type",
    "previous",
    "note",
    "identifier",
    "approved_by",
    "issued_at",
    "expires_at",
)
# Which states may become which: one table instead of checks scattered in each service.
TRANSITIONS = {
    AlertStatus.DRAFT: {AlertStatus.APPROVED, AlertStatus.DISCARDED},
    AlertStatus.APPROVED: {AlertStatus.ISSUED, AlertStatus.DRAFT, AlertStatus.DISCARDED},
    AlertStatus.ISSUED: {AlertStatus.SUPERSEDED, AlertStatus.CANCELLED},
}
# What an issued follow-up does to the alert it names.
ENDS_PREVIOUS = {MsgType.UPDATE: AlertStatus.SUPERSEDED, MsgType.CANCEL: AlertStatus.CANCELLED}


# --- shared by every alert service ----------------------------------------------------------


def locked(alert: Alert) -> Alert:
    """The alert re-read under a row lock: two officers pressing at once cannot both win."""
    return Alert.objects.select_for_update().get(pk=alert.pk)


def check_transition(alert: Alert, new_status: str) -> None:
    if new_status not in TRANSITIONS.get(alert.status, set()):
        raise ValidationError(
            {
                "status": _("An alert that is “%(status)s” cannot become “%(new)s”.")
                % {
                    "status": alert.get_status_display(),
                    "new": AlertStatus(new_status).label,
                }
            }
        )


def change_status(*, actor, alert: Alert, new_status: str, changes: dict | None = None) -> None:
    """Save the new status with the fields already set, log it, and announce it."""
    old_status = alert.status
    alert.status = new_status
    alert.save()
    log(actor, alert, {"status": [old_status, new_status], **(changes or {})})
    alert_status_changed.send(
        sender=Alert, alert=alert, old_status=old_status, new_status=new_status
    )


def log(actor, alert: Alert, changes: dict, action: str = AuditEntry.Action.UPDATE) -> None:
    audit.record(actor=actor, ward_id=alert.ward_id, action=action, instance=alert, changes=changes)


def has_target(alert: Alert) -> bool:
    return bool(
        alert.whole_ward
        or alert.area_geometry
        or alert.target_zones.exists()
        or alert.target_groups.exists()
    )


# --- composing ------------------------------------------------------------------------------


def _context(
    alert: Alert, *, headline: str = "", reason: str = "", time: datetime | None = None
) -> Context:
    bulletin = alert.bulletin
    return Context(
        ward=alert.ward.name,
        hazard_type=alert.hazard_type,
        level=alert.level,
        headline=headline or (bulletin.headline if bulletin else ""),
        time=time or (bulletin.issued_at if bulletin else timezone.now()),
        issuer=bulletin.issuer if bulletin else "",
        reason=reason,
    )


def _fill_from_template(alert: Alert, given: dict, *, kind: str) -> None:
    """Texts the officer did not write come from the template for the hazard and level."""
    missing = [name for name in (*TEXT_FIELDS, "response_type") if given.get(name) is None]
    for name in (*TEXT_FIELDS, "response_type"):
        if given.get(name) is not None:
            setattr(alert, name, given[name].strip())
    if not missing:
        return
    template = template_for(
        ward=alert.ward, hazard_type=alert.hazard_type, level=alert.level or 0, kind=kind
    )
    if template is None:
        raise ValidationError(
            {
                name: _("There is no template for %(hazard)s at level %(level)s: write this text.")
                % {"hazard": alert.get_hazard_type_display(), "level": alert.level}
                for name in missing
            }
        )
    _render_into(alert, template, missing)


def _render_into(alert: Alert, template, names: Iterable[str], **context) -> None:
    names = list(names)
    if "headline" in names:
        alert.headline = render(template.headline, _context(alert, **context), field="headline")
    # The other texts may quote the bulletin's headline, or else the alert's own.
    rendered = _context(alert, **context)
    if not rendered.headline:
        rendered = _context(alert, headline=alert.headline, **context)
    for name in names:
        if name == "response_type":
            alert.response_type = template.response_type
        elif name != "headline":
            setattr(alert, name, render(getattr(template, name), rendered, field=name))


def _set_targets(alert: Alert, fields: dict) -> dict[str, list]:
    """Check and set the area; returns errors. Zones and groups are kept for `_save_targets`."""
    errors: dict[str, list] = {}
    if "area_geometry" in fields:
        geometry = fields["area_geometry"]
        if geometry:
            try:
                alert.area_geometry = to_geojson(parse_geometry(geometry, allowed=AREA_TYPES))
            except ValidationError as exc:
                errors["area_geometry"] = exc.messages
        else:
            alert.area_geometry = None
    for name, model in (("zones", HazardZone), ("groups", ResidentialGroup)):
        if name in fields and any(item.ward_id != alert.ward_id for item in fields[name]):
            errors[name] = [
                _("Choose %(what)s of this ward only.") % {"what": model._meta.verbose_name_plural}
            ]
    if "whole_ward" in fields:
        alert.whole_ward = bool(fields["whole_ward"])
    return errors


def _save_targets(alert: Alert, fields: dict) -> dict:
    changes = {}
    for name, relation in (("zones", alert.target_zones), ("groups", alert.target_groups)):
        if name in fields:
            before = sorted(relation.values_list("code", flat=True))
            relation.set(fields[name])
            after = sorted(item.code for item in fields[name])
            if before != after:
                changes[f"target_{name}"] = [before, after]
    return changes


def _check(alert: Alert) -> dict[str, list]:
    errors: dict[str, list] = {}
    if alert.hazard_type not in {value for value, _label in HAZARD_CHOICES}:
        errors["hazard_type"] = [_("Choose the hazard.")]
    if (
        isinstance(alert.level, bool)
        or not isinstance(alert.level, int)
        or not 1 <= alert.level <= 5
    ):
        errors["level"] = [_("A risk level is 1 to 5.")]
    for name in ("headline", "sms_text", "long_text", "spoken_script"):
        if not getattr(alert, name).strip():
            errors[name] = [_("This text is required.")]
    if alert.sms_text.strip():
        try:
            check_sms(alert.sms_text)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if alert.response_type not in ResponseType.values:
        errors["response_type"] = [_("Choose what people should do.")]
    if alert.expires_at is not None and timezone.is_naive(alert.expires_at):
        errors["expires_at"] = [_("Give the time with its time zone.")]
    if alert.bulletin_id and alert.bulletin.ward_id != alert.ward_id:
        errors["bulletin"] = [_("The bulletin belongs to another ward.")]
    return errors


def _create(*, actor, alert: Alert, fields: dict, kind: str, render_context: dict) -> Alert:
    errors = _set_targets(alert, fields)
    try:
        if kind == CANCEL_TEMPLATE.kind:
            _render_into(alert, CANCEL_TEMPLATE, (*TEXT_FIELDS, "response_type"), **render_context)
        else:
            _fill_from_template(alert, fields, kind=kind)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    errors.update(
        {name: messages for name, messages in _check(alert).items() if name not in errors}
    )
    if errors:
        raise ValidationError(errors)
    alert.full_clean(exclude=["ward", "bulletin", "previous", "author", "approved_by", "issued_by"])
    alert.save()
    changes = audit.diff({}, audit.snapshot(alert, AUDITED_FIELDS))
    changes.update(_save_targets(alert, fields))
    log(actor, alert, changes, action=AuditEntry.Action.CREATE)
    alert_status_changed.send(sender=Alert, alert=alert, old_status="", new_status=alert.status)
    return alert


@transaction.atomic
def alert_draft(
    *,
    actor,
    ward: Ward,
    hazard_type: str | None = None,
    level: int | None = None,
    bulletin: Bulletin | None = None,
    all_clear: bool = False,
    headline: str | None = None,
    sms_text: str | None = None,
    long_text: str | None = None,
    spoken_script: str | None = None,
    instruction: str | None = None,
    response_type: str | None = None,
    headline_en: str = "",
    long_text_en: str = "",
    instruction_en: str = "",
    area_geometry: dict | None = None,
    zones: Iterable[HazardZone] = (),
    groups: Iterable[ResidentialGroup] = (),
    whole_ward: bool = False,
    expires_at: datetime | None = None,
) -> Alert:
    """A new draft, from a bulletin or from scratch. Texts left out (None) come from the
    template for the hazard × level (the "all clear" one with `all_clear`)."""
    require_write(actor, ward_id=ward.id, topic=TOPIC)
    alert = Alert(
        ward=ward,
        bulletin=bulletin,
        hazard_type=hazard_type or (bulletin.hazard_type if bulletin else ""),
        level=level if level is not None else (bulletin.level if bulletin else None),
        headline_en=headline_en.strip(),
        long_text_en=long_text_en.strip(),
        instruction_en=instruction_en.strip(),
        expires_at=expires_at,
        author=actor,
    )
    fields = {
        "headline": headline,
        "sms_text": sms_text,
        "long_text": long_text,
        "spoken_script": spoken_script,
        "instruction": instruction,
        "response_type": response_type,
        "area_geometry": area_geometry,
        "zones": list(zones),
        "groups": list(groups),
        "whole_ward": whole_ward,
    }
    kind = TemplateKind.ALL_CLEAR if all_clear else TemplateKind.WARNING
    return _create(actor=actor, alert=alert, fields=fields, kind=kind, render_context={})


@transaction.atomic
def alert_update_draft(*, actor, alert: Alert, **fields) -> Alert:
    """Change a draft (or an approved alert not yet issued: it goes back to draft, and needs
    approving again). `zones` and `groups` replace the chosen ones."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"alert_update_draft got unknown fields: {sorted(unknown)}")
    require_write(actor, ward_id=alert.ward_id, topic=TOPIC)
    alert = locked(alert)
    if alert.status not in (AlertStatus.DRAFT, AlertStatus.APPROVED):
        raise ValidationError(
            {"status": _("Only a draft can be changed; issue an update instead.")}
        )
    before = audit.snapshot(alert, AUDITED_FIELDS)
    for name in ("bulletin", "hazard_type", "level", "response_type", "expires_at"):
        if name in fields:
            setattr(alert, name, fields[name])
    for name in (*TEXT_FIELDS, *ENGLISH_FIELDS):
        if name in fields:
            setattr(alert, name, (fields[name] or "").strip())
    errors = _set_targets(alert, fields)
    errors.update(
        {name: messages for name, messages in _check(alert).items() if name not in errors}
    )
    if errors:
        raise ValidationError(errors)
    changes = audit.diff(before, audit.snapshot(alert, AUDITED_FIELDS))
    changes.update(_save_targets(alert, fields))
    if not changes:
        return alert
    if alert.status == AlertStatus.APPROVED:
        # What was approved is not what will be issued: approve it again.
        approver = alert.approved_by
        alert.approved_by, alert.approved_at = None, None
        changes["approved_by"] = [str(approver), None]
        change_status(actor=actor, alert=alert, new_status=AlertStatus.DRAFT, changes=changes)
    else:
        alert.save()
        log(actor, alert, changes)
    return alert


def _follow_up(alert: Alert, *, actor, msg_type: str) -> Alert:
    """A new draft that names an issued alert, with its content and targets."""
    if alert.status != AlertStatus.ISSUED:
        raise ValidationError({"status": _("Only an issued alert can be updated or cancelled.")})
    return Alert(
        ward=alert.ward,
        bulletin=alert.bulletin,
        hazard_type=alert.hazard_type,
        level=alert.level,
        response_type=alert.response_type,
        area_geometry=alert.area_geometry,
        whole_ward=alert.whole_ward,
        msg_type=msg_type,
        previous=alert,
        author=actor,
        **{name: getattr(alert, name) for name in (*TEXT_FIELDS, *ENGLISH_FIELDS)},
    )


def _targets_of(alert: Alert) -> dict:
    return {"zones": list(alert.target_zones.all()), "groups": list(alert.target_groups.all())}


@transaction.atomic
def alert_update(*, actor, alert: Alert, all_clear: bool = False, **fields) -> Alert:
    """A draft Update of an issued alert (CAP msgType Update, referencing it). What is not
    given is kept; a new hazard or level (or `all_clear`) brings its template's texts unless
    the texts are given. When the update is issued, the alert it names is superseded."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"alert_update got unknown fields: {sorted(unknown)}")
    require_write(actor, ward_id=alert.ward_id, topic=TOPIC)
    update = _follow_up(alert, actor=actor, msg_type=MsgType.UPDATE)
    for name in ("bulletin", "hazard_type", "level", "expires_at", *ENGLISH_FIELDS):
        if name in fields:
            setattr(update, name, fields[name])
    retemplate = all_clear or any(
        name in fields and fields[name] != getattr(alert, name) for name in ("hazard_type", "level")
    )
    given = {name: fields.get(name) for name in (*TEXT_FIELDS, "response_type")}
    if not retemplate:
        # Keep the issued texts where no new one is given.
        given = {
            name: value if value is not None else getattr(alert, name)
            for name, value in given.items()
        }
    kind = TemplateKind.ALL_CLEAR if all_clear else TemplateKind.WARNING
    targets = {**_targets_of(alert), **fields}
    return _create(
        actor=actor, alert=update, fields={**targets, **given}, kind=kind, render_context={}
    )


@transaction.atomic
def alert_cancel(*, actor, alert: Alert, reason: str) -> Alert:
    """A draft Cancel of an issued alert (sent by mistake, or no longer true), with the
    reason. When it is issued, the alert it names is cancelled."""
    require_write(actor, ward_id=alert.ward_id, topic=TOPIC)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the alert is cancelled.")})
    cancel = _follow_up(alert, actor=actor, msg_type=MsgType.CANCEL)
    cancel.note = reason.strip()
    # The cancellation quotes the alert it cancels and that alert's issue time.
    context = {"headline": alert.headline, "reason": cancel.note, "time": alert.issued_at}
    return _create(
        actor=actor,
        alert=cancel,
        fields=_targets_of(alert),
        kind=CANCEL_TEMPLATE.kind,
        render_context=context,
    )


@transaction.atomic
def alert_discard(*, actor, alert: Alert) -> Alert:
    """Throw away a draft (or an approved alert never issued)."""
    require_write(actor, ward_id=alert.ward_id, topic=TOPIC)
    alert = locked(alert)
    check_transition(alert, AlertStatus.DISCARDED)
    change_status(actor=actor, alert=alert, new_status=AlertStatus.DISCARDED)
    return alert
