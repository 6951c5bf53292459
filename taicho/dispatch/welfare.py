"""Welfare checks: ask the households of an area "is your household safe?" and count answers.

The question goes out as a dispatch like an alert's (same targeting, channels, priority
rules, exactly-once sending); each message carries the personal link, and the SMS text says
how to answer by reply (taicho.dispatch.keywords reads the answers).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from taicho.core import audit
from taicho.core.access import require_write
from taicho.core.models import AuditEntry, ResidentialGroup, Ward
from taicho.dispatch.answer_models import WelfareCheck
from taicho.dispatch.models import Dispatch, DispatchKind
from taicho.dispatch.services import fan_out
from taicho.hazards.models import HazardZone

QUESTION_LIMIT = 120


def reply_hint() -> str:
    return _("Reply AT if safe, CG if you need help (add what you need).")


def welfare_check_send(
    *,
    actor,
    ward: Ward,
    question: str,
    whole_ward: bool = False,
    groups: list[ResidentialGroup] | tuple = (),
    zones: list[HazardZone] | tuple = (),
) -> Dispatch:
    """Save the check and queue its messages, in one transaction, at once: the officer is
    shown how many households were asked. ValidationError names the field at fault."""
    require_write(actor, ward_id=ward.id, topic="warnings")
    question = (question or "").strip()
    errors = {}
    if not question:
        errors["question"] = _("Write the question to ask.")
    elif len(question) > QUESTION_LIMIT:
        errors["question"] = _(
            "At most %(limit)s characters (now %(length)s), so that the question, how to "
            "answer and the personal link fit in two SMS."
        ) % {"limit": QUESTION_LIMIT, "length": len(question)}
    if not (whole_ward or groups or zones):
        errors["groups"] = _(
            "Choose the residential groups or hazard zones to ask, or the whole ward."
        )
    foreign = [item for item in (*groups, *zones) if item.ward_id != ward.id]
    if foreign:
        errors["groups"] = _("Choose groups and zones of this ward only.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        check = WelfareCheck.objects.create(
            ward=ward, question=question, whole_ward=whole_ward, created_by=actor
        )
        check.target_groups.set(groups)
        check.target_zones.set(zones)
        audit.record(
            actor=actor,
            ward_id=ward.id,
            action=AuditEntry.Action.CREATE,
            instance=check,
            changes={"question": [None, question]},
        )
        # Residents read the ward's language, whatever the officer's browser asks for.
        with translation.override(settings.LANGUAGE_CODE):
            hint = reply_hint()
        return fan_out(
            source_field="welfare_check",
            source=check,
            kind=DispatchKind.WELFARE,
            key=f"welfare:{check.pk}",
            texts={
                "sms_text": f"{question} {hint}",
                "long_text": f"{question}\n{hint}",
                "spoken_script": "",
            },
            actor=actor,
        )
