"""Alert templates: the national defaults (loaded from templates_data) and a ward's own."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from taicho.core import audit, registry
from taicho.core.access import require_manage
from taicho.core.models import AuditEntry, Ward
from taicho.warnings.models import HAZARD_CHOICES, AlertTemplate, ResponseType, TemplateKind
from taicho.warnings.services.rendering import Context, check_sms, placeholder_errors, render
from taicho.warnings.templates_data import DEFAULT_TEMPLATES

TEXT_FIELDS = ("headline", "sms_text", "long_text", "spoken_script", "instruction")
AUDITED_FIELDS = ("kind", "hazard_type", "level", *TEXT_FIELDS, "response_type")
ANY_LEVEL = 0  # the all-clear fits every level (and every hazard: hazard_type "")
# A long ward name, to check that an SMS template still fits with any ward's name in it.
LONGEST_WARD_NAME = "X" * 30


def load_default_templates(template_model=AlertTemplate) -> int:
    """Create or refresh the national templates from templates_data; returns how many.

    Idempotent. Takes the model so the data migration can pass its historical one.
    """
    for data in DEFAULT_TEMPLATES:
        template_model.objects.update_or_create(
            ward=None,
            kind=data.kind,
            hazard_type=data.hazard_type,
            level=data.level or ANY_LEVEL,
            defaults={
                "headline": data.headline,
                "sms_text": data.sms_text,
                "long_text": data.long_text,
                "spoken_script": data.spoken_script,
                "instruction": data.instruction,
                "response_type": data.response_type,
            },
        )
    return len(DEFAULT_TEMPLATES)


def template_for(*, ward: Ward, hazard_type: str, level: int, kind: str) -> AlertTemplate | None:
    """The ward's own template for this hazard and level, else the national one."""
    if kind == TemplateKind.ALL_CLEAR:
        hazard_type, level = "", ANY_LEVEL
    candidates = AlertTemplate.objects.filter(
        Q(ward=ward) | Q(ward__isnull=True), kind=kind, hazard_type=hazard_type, level=level
    )
    # The ward's own (ward_id set) sorts before the national one (NULL) on every database.
    return min(candidates, key=lambda template: template.ward_id is None, default=None)


def _check_template(template: AlertTemplate) -> None:
    errors: dict[str, list] = {}
    hazards = {value for value, _label in HAZARD_CHOICES}
    if template.kind == TemplateKind.WARNING and template.hazard_type not in hazards:
        errors["hazard_type"] = [_("Choose the hazard.")]
    if template.kind == TemplateKind.WARNING and not 1 <= (template.level or 0) <= 5:
        errors["level"] = [_("A risk level is 1 to 5.")]
    if template.response_type not in ResponseType.values:
        errors["response_type"] = [_("Choose what people should do.")]
    for name in TEXT_FIELDS:
        text = getattr(template, name)
        if not text.strip():
            errors.setdefault(name, []).append(_("This text is required."))
        errors.setdefault(name, []).extend(placeholder_errors(text))
    errors = {name: messages for name, messages in errors.items() if messages}
    if not errors:
        sample = Context(ward=LONGEST_WARD_NAME, hazard_type=template.hazard_type, level=5)
        try:
            check_sms(render(template.sms_text, sample, field="sms_text"))
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def alert_template_save(
    *,
    actor,
    ward: Ward,
    kind: str = TemplateKind.WARNING,
    hazard_type: str = "",
    level: int = ANY_LEVEL,
    headline: str,
    sms_text: str,
    long_text: str,
    spoken_script: str,
    instruction: str,
    response_type: str,
) -> AlertTemplate:
    """The ward's own wording for a hazard and level (created, or changed if it has one)."""
    require_manage(actor, ward_id=ward.id)
    if kind == TemplateKind.ALL_CLEAR:
        hazard_type, level = "", ANY_LEVEL
    template = AlertTemplate.objects.filter(
        ward=ward, kind=kind, hazard_type=hazard_type, level=level
    ).first()
    fields = {
        "headline": headline,
        "sms_text": sms_text,
        "long_text": long_text,
        "spoken_script": spoken_script,
        "instruction": instruction,
        "response_type": response_type,
    }
    if template is None:
        template = AlertTemplate(ward=ward, kind=kind, hazard_type=hazard_type, level=level)
        for name, value in fields.items():
            setattr(template, name, value.strip())
        _check_template(template)
        registry.save_new(actor=actor, instance=template, audited=AUDITED_FIELDS)
        return template
    registry.save_changes(
        actor=actor, instance=template, fields=fields, audited=AUDITED_FIELDS, clean=_check_template
    )
    return template


@transaction.atomic
def alert_template_delete(*, actor, template: AlertTemplate) -> None:
    """Delete a ward's own template: the national one applies again."""
    if template.ward_id is None:
        raise ValidationError(_("The national templates cannot be deleted."))
    require_manage(actor, ward_id=template.ward_id)
    audit.record(
        actor=actor,
        ward_id=template.ward_id,
        action=AuditEntry.Action.DELETE,
        instance=template,
        changes=audit.diff(audit.snapshot(template, AUDITED_FIELDS), {}),
    )
    template.delete()
