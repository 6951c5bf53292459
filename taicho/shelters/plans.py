"""Every write to response plans (phương án ứng phó theo cấp độ rủi ro, Law Đ22).

A plan is versioned: revising it writes a new row (version + 1) and retires the previous one
(is_current False), which stays for the record and for the evacuations started from it.
Plans are reviewed yearly: a review records its date and reviewer on the current version.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.community.models import HousingType
from taicho.community.vulnerability import FLAG_LABELS
from taicho.core import audit
from taicho.core.access import require_write
from taicho.core.models import AuditEntry, Ward
from taicho.hazards.models import HazardZone
from taicho.shelters.models import ResponsePlan, Shelter
from taicho.warnings.risk.kinds import Hazard
from taicho.warnings.risk.tables import HAZARDS

TOPIC = ResponsePlan.scope_topic
TEXT_FIELDS = ("name", "commanders", "teams", "supplies", "notes")
LIST_FIELDS = ("evacuate_housing_types", "evacuate_vulnerable")
RELATED_FIELDS = ("evacuate_zones", "shelters")
# What a revision may change; hazard, level and scenario name the plan and stay.
CONTENT_FIELDS = (*TEXT_FIELDS, *LIST_FIELDS, *RELATED_FIELDS)
AUDITED = ("hazard_type", "level", "scenario", "version", *TEXT_FIELDS, *LIST_FIELDS)


def _reject_unknown(fields: dict, *, service: str) -> None:
    unknown = set(fields) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"{service} got unknown fields: {sorted(unknown)}")


def _snapshot(plan: ResponsePlan, related: dict[str, list]) -> dict:
    values = audit.snapshot(plan, AUDITED)
    values["evacuate_zones"] = sorted(zone.code for zone in related["evacuate_zones"])
    values["shelters"] = sorted(shelter.code for shelter in related["shelters"])
    return values


def _check_identity(*, ward: Ward, hazard_type: str, level, scenario: str) -> dict:
    errors: dict[str, list[str]] = {}
    if hazard_type not in Hazard.values:
        errors["hazard_type"] = [_("Choose a hazard from the list.")]
    elif not isinstance(level, int) or isinstance(level, bool):
        errors["level"] = [_("Choose a risk level from 1 to 5.")]
    else:
        info = HAZARDS[Hazard(hazard_type)]
        if not info.lowest <= level <= info.highest:
            errors["level"] = [
                _("Decision 18/2021 gives %(hazard)s risk levels %(low)s to %(high)s only.")
                % {"hazard": Hazard(hazard_type).label, "low": info.lowest, "high": info.highest}
            ]
    if len(scenario) > ResponsePlan._meta.get_field("scenario").max_length:
        errors["scenario"] = [_("The scenario is too long (100 characters at most).")]
    if not errors:
        existing = ResponsePlan.objects.filter(
            ward=ward, hazard_type=hazard_type, level=level, scenario=scenario
        ).first()
        if existing is not None:
            errors["level"] = [
                _(
                    "The ward already has a plan for this hazard, level and scenario "
                    "(“%(name)s”): revise it instead."
                )
                % {"name": existing.name}
            ]
    return errors


def _clean_content(*, ward: Ward, content: dict) -> tuple[dict, dict]:
    """Check a plan's content; returns (clean values, errors by field)."""
    errors: dict[str, list[str]] = {}
    clean: dict = {}
    for name in TEXT_FIELDS:
        if name in content:
            clean[name] = (content[name] or "").strip()
    if "name" in clean:
        limit = ResponsePlan._meta.get_field("name").max_length
        if not clean["name"]:
            errors["name"] = [_("Give the plan a name.")]
        elif len(clean["name"]) > limit:
            errors["name"] = [_("The name is too long (200 characters at most).")]
    vocabularies = {
        "evacuate_housing_types": (set(HousingType.values), _("Unknown housing type: %(values)s.")),
        "evacuate_vulnerable": (set(FLAG_LABELS), _("Unknown vulnerable category: %(values)s.")),
    }
    for name, (known, message) in vocabularies.items():
        if name in content:
            values = list(dict.fromkeys(content[name] or []))
            unknown = [str(value) for value in values if value not in known]
            if unknown:
                errors[name] = [message % {"values": ", ".join(unknown)}]
            clean[name] = values
    for name, model in (("evacuate_zones", HazardZone), ("shelters", Shelter)):
        if name in content:
            items = list(dict.fromkeys(content[name] or []))
            if any(not isinstance(item, model) or item.ward_id != ward.id for item in items):
                errors[name] = [_("Choose only this ward's records.")]
            clean[name] = items
    return clean, errors


def _related(plan: ResponsePlan) -> dict[str, list]:
    return {
        "evacuate_zones": list(plan.evacuate_zones.all()),
        "shelters": list(plan.shelters.all()),
    }


def _save_version(*, actor, plan: ResponsePlan, related: dict[str, list]) -> ResponsePlan:
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("Someone saved this plan at the same moment. Open it again and repeat your change.")
        ) from exc
    plan.evacuate_zones.set(related["evacuate_zones"])
    plan.shelters.set(related["shelters"])
    audit.record(
        actor=actor,
        ward_id=plan.ward_id,
        action=AuditEntry.Action.CREATE,
        instance=plan,
        changes=audit.diff({}, _snapshot(plan, related)),
    )
    return plan


@transaction.atomic
def plan_create(
    *,
    actor,
    ward: Ward,
    name: str,
    hazard_type: str,
    level: int,
    scenario: str = "",
    **content,
) -> ResponsePlan:
    """A new plan (version 1) for one hazard × risk level (× scenario, e.g. "BĐ3")."""
    _reject_unknown(content, service="plan_create")
    require_write(actor, ward_id=ward.id, topic=TOPIC)
    scenario = (scenario or "").strip()
    errors = _check_identity(ward=ward, hazard_type=hazard_type, level=level, scenario=scenario)
    clean, content_errors = _clean_content(ward=ward, content={**content, "name": name})
    errors.update(content_errors)
    if errors:
        raise ValidationError(errors)
    related = {name: clean.pop(name, []) for name in RELATED_FIELDS}
    plan = ResponsePlan(
        ward=ward,
        hazard_type=hazard_type,
        level=level,
        scenario=scenario,
        version=1,
        is_current=True,
        created_by=actor,
        **clean,
    )
    return _save_version(actor=actor, plan=plan, related=related)


@transaction.atomic
def plan_revise(*, actor, plan: ResponsePlan, **content) -> ResponsePlan:
    """A new version of `plan` with the given content changed; the previous is retired.

    Only the current version can be revised. The new version is not yet reviewed: its review
    is due a year after it was written.
    """
    _reject_unknown(content, service="plan_revise")
    require_write(actor, ward_id=plan.ward_id, topic=TOPIC)
    previous = ResponsePlan.objects.select_for_update().get(pk=plan.pk)
    if not previous.is_current:
        raise ValidationError(_("This is an old version of the plan: revise the current one."))
    clean, errors = _clean_content(ward=previous.ward, content=content)
    if errors:
        raise ValidationError(errors)
    related = _related(previous)
    related.update({name: clean.pop(name) for name in RELATED_FIELDS if name in clean})
    siblings = ResponsePlan.objects.filter(
        ward_id=previous.ward_id,
        hazard_type=previous.hazard_type,
        level=previous.level,
        scenario=previous.scenario,
    )
    latest = siblings.aggregate(latest=Max("version"))["latest"] or previous.version
    revised = ResponsePlan(
        ward_id=previous.ward_id,
        hazard_type=previous.hazard_type,
        level=previous.level,
        scenario=previous.scenario,
        version=latest + 1,
        is_current=True,
        created_by=actor,
        **{name: getattr(previous, name) for name in (*TEXT_FIELDS, *LIST_FIELDS)},
    )
    for name, value in clean.items():
        setattr(revised, name, value)
    ResponsePlan.objects.filter(pk=previous.pk).update(is_current=False)
    audit.record(
        actor=actor,
        ward_id=previous.ward_id,
        action=AuditEntry.Action.UPDATE,
        instance=previous,
        changes={"is_current": [True, False]},
    )
    return _save_version(actor=actor, plan=revised, related=related)


@transaction.atomic
def plan_review(*, actor, plan: ResponsePlan, reviewed_on: dt.date, reviewer=None) -> ResponsePlan:
    """Record the yearly review of the current version: when, and who reviewed it
    (`reviewer`, the acting user if not given)."""
    require_write(actor, ward_id=plan.ward_id, topic=TOPIC)
    plan = ResponsePlan.objects.select_for_update().get(pk=plan.pk)
    reviewer = reviewer or actor
    errors: dict[str, list[str]] = {}
    if not plan.is_current:
        errors["__all__"] = [_("This is an old version of the plan: review the current one.")]
    if not isinstance(reviewed_on, dt.date):
        errors["reviewed_on"] = [_("Give the date of the review.")]
    elif reviewed_on > timezone.localdate():
        errors["reviewed_on"] = [_("The review date cannot be in the future.")]
    elif reviewed_on < timezone.localdate(plan.created_at):
        errors["reviewed_on"] = [_("The review date is before this version was written.")]
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(plan, ("reviewed_on", "reviewed_by"))
    plan.reviewed_on, plan.reviewed_by = reviewed_on, reviewer
    plan.save(update_fields=["reviewed_on", "reviewed_by"])
    audit.record(
        actor=actor,
        ward_id=plan.ward_id,
        action=AuditEntry.Action.UPDATE,
        instance=plan,
        changes=audit.diff(before, audit.snapshot(plan, ("reviewed_on", "reviewed_by"))),
    )
    return plan


# --- the yearly review ------------------------------------------------------------------------


def _one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def review_due(plan: ResponsePlan) -> dt.date:
    """A year after the last review, or after this version was written if never reviewed."""
    start = plan.reviewed_on or timezone.localdate(plan.created_at)
    return _one_year_after(start)


def review_overdue(plan: ResponsePlan, *, today: dt.date | None = None) -> bool:
    return plan.is_current and (today or timezone.localdate()) > review_due(plan)


def labels(values: Iterable[str], choices: dict) -> list[str]:
    """The names of stored codes (housing types, vulnerable categories) in the user's language."""
    return [str(choices.get(value, value)) for value in values]
